// A Web Worker running the wasm core, driven by the pool through Comlink.
import * as Comlink from 'comlink';
import wasmUrl from '../../build/cascade.wasm?url';
import { HEARTBEAT } from './heartbeat';
import { createWorkerApi } from './worker-api';

Comlink.expose(
  createWorkerApi(() => WebAssembly.compileStreaming(fetch(wasmUrl)), {
    beat: () => self.postMessage(HEARTBEAT),
    goSilent: () => self.close(),
  }),
);
