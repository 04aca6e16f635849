// A Node worker thread running the wasm core, driven by the pool through Comlink (the CLI's engine).
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi } from './worker-api';

const wasm = new URL('../../build/cascade.wasm', import.meta.url);
Comlink.expose(createWorkerApi(async () => WebAssembly.compile(await readFile(wasm))), nodeEndpoint(parentPort!));
