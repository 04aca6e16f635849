// Worker threads for the pool in Node (the CLI and the tests).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerFactory, WorkerHandle } from './pool';
import { isHeartbeat } from './heartbeat';
import type { WorkerApi } from './worker-api';

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
