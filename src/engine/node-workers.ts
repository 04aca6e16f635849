// Worker threads for the pool in Node (the CLI and the tests).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerFactory, WorkerHandle } from './pool';
import { isHeartbeat } from './heartbeat';
import type { WorkerApi } from './worker-api';
import type { SummaryFactory, SummaryHandle } from './summaries';
import type { SummaryDesk } from './summary-desk';

export const nodeWorkerFactory: WorkerFactory = (): WorkerHandle => {
  const worker = new Worker(new URL('./node-worker-boot.mjs', import.meta.url));
  const died = new Promise<Error>((resolve) => {
    worker.on('error', (e) => resolve(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => resolve(new Error(`worker exited with code ${code}`)));
  });
  let sign = 0;
  worker.on('message', (data) => isHeartbeat(data) && (sign = performance.now()));
  return {
    api: Comlink.wrap<WorkerApi>(nodeEndpoint(worker)),
    died,
    terminate: () => void worker.terminate(),
    lastSign: () => sign,
  };
};

export function nodeWorkerCount(): number {
  return availableParallelism();
}

/** A summary desk in a worker thread of its own, as the browser page has one (summaries.ts): for tests. */
export const nodeSummaryFactory: SummaryFactory = (): SummaryHandle => {
  const worker = new Worker(new URL('./node-summary-worker.mjs', import.meta.url));
  const died = new Promise<Error>((resolve) => {
    worker.on('error', (e) => resolve(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => resolve(new Error(`the summary worker exited with code ${code}`)));
  });
  return { port: Comlink.wrap<SummaryDesk>(nodeEndpoint(worker)), died, terminate: () => void worker.terminate() };
};
