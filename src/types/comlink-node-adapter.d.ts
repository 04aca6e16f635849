// Comlink ships this adapter's types as node-adapter.d.ts beside node-adapter.mjs; TypeScript does
// not find them for the .mjs path. Node's MessagePort and Worker are the endpoints it adapts.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { MessagePort, Worker } from 'node:worker_threads';
  export default function nodeEndpoint(nep: MessagePort | Worker): Endpoint;
}
