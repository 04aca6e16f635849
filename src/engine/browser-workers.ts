// Web Workers for the pool in the browser.
import * as Comlink from 'comlink';
import type { WorkerFactory, WorkerHandle } from './pool';
import { isHeartbeat } from './heartbeat';
import type { WorkerApi } from './worker-api';
import type { SummaryFactory, SummaryHandle } from './summaries';
import type { SummaryDesk } from './summary-desk';

export const browserWorkerFactory: WorkerFactory = (): WorkerHandle => {
  const worker = new Worker(new URL('./browser-worker.ts', import.meta.url), { type: 'module' });
  const died = new Promise<Error>((resolve) => {
    worker.addEventListener('error', (e) => resolve(new Error(e.message || 'the worker crashed')));
    worker.addEventListener('messageerror', () => resolve(new Error('a message from the worker could not be read')));
  });
  let sign = 0;
  worker.addEventListener('message', (e) => isHeartbeat(e.data) && (sign = performance.now()));
  return { api: Comlink.wrap<WorkerApi>(worker), died, terminate: () => worker.terminate(), lastSign: () => sign };
};

/** One worker per logical core the browser reports, within reason. */
export function browserWorkerCount(): number {
  return Math.min(16, Math.max(1, navigator.hardwareConcurrency || 2));
}

/** The page's summary desk (summary-desk.ts), in a worker of its own. */
export const browserSummaryFactory: SummaryFactory = (): SummaryHandle => {
  const worker = new Worker(new URL('./summary-worker.ts', import.meta.url), { type: 'module' });
  const died = new Promise<Error>((resolve) => {
    worker.addEventListener('error', (e) => resolve(new Error(e.message || 'the summary worker crashed')));
    worker.addEventListener('messageerror', () => resolve(new Error('a message from the summary worker could not be read')));
  });
  return { port: Comlink.wrap<SummaryDesk>(worker), died, terminate: () => worker.terminate() };
};
