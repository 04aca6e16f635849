// A Node worker thread running the wasm core, driven by the pool through Comlink (the CLI's engine).
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { HEARTBEAT } from './heartbeat';
import { createWorkerApi } from './worker-api';

const wasm = new URL('../../build/cascade.wasm', import.meta.url);
const host = {
  beat: () => parentPort!.postMessage(HEARTBEAT),
  // Blocks this thread for good without exiting: what a closed browser worker looks like to the pool.
  goSilent: () => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0),
};
Comlink.expose(createWorkerApi(async () => WebAssembly.compile(await readFile(wasm)), host), nodeEndpoint(parentPort!));
