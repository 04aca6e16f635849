// A summary desk (summary-desk.ts) in a Node worker thread, as the browser page runs one: for tests.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
register();
const Comlink = await import('comlink');
const { default: nodeEndpoint } = await import('comlink/dist/esm/node-adapter.mjs');
const { SummaryDesk } = await import('./summary-desk.ts');
Comlink.expose(new SummaryDesk(), nodeEndpoint(parentPort));
