// Pools of real Node worker threads for tests, optionally with faults injected into chunk runs.
import type { Remote } from 'comlink';
import { nodeWorkerFactory } from '../../src/engine/node-workers';
import { Pool, type PoolOptions, type WorkerFactory } from '../../src/engine/pool';
import type { CellChunk, WorkerApi } from '../../src/engine/worker-api';

export type Fault = 'trap' | 'oom' | 'kill' | 'silent' | null;

export function nodePool(size: number, options: PoolOptions = {}): Pool {
  return new Pool(nodeWorkerFactory, size, options);
}

/**
 * A factory of real workers whose runChunk (and runCells) calls suffer the fault `plan` returns for the call's
 * number (counted across all workers this factory made): a real wasm trap, a real out-of-memory
 * trap at the memory ceiling, the worker thread being terminated mid-chunk, or the worker going
 * silent mid-chunk (blocked for good, no error and no exit: what a closed browser worker is).
 */
export function faultyFactory(plan: (call: number, first: number) => Fault): WorkerFactory {
  let calls = 0;
  return () => {
    const h = nodeWorkerFactory();
    const api = new Proxy(h.api, {
      get(target, prop) {
        if (prop === 'runCells') {
          // A batch suffers the fault its first cell's chunk would.
          return async (cells: CellChunk[]) => {
            const fault = plan(calls++, cells[0].first);
            if (fault === 'kill' || fault === 'silent') {
              if (fault === 'kill') h.terminate();
              else void target.fault('silent');
              return new Promise(() => undefined);
            }
            if (fault) {
              // The trap happens in the cell's own instance, set up as runCells would.
              const c = cells[0];
              await target.setup(c.params, c.maxPaths, c.maxPages, c.inputs, c.inputsKey, c.shared);
              await target.fault(fault);
            }
            return target.runCells(cells);
          };
        }
        if (prop !== 'runChunk') return (target as unknown as Record<string | symbol, unknown>)[prop];
        return async (first: number, count: number) => {
          const fault = plan(calls++, first);
          if (fault === 'kill') {
            h.terminate();
            return new Promise(() => undefined); // never answers: the pool must notice the death
          }
          if (fault === 'silent') {
            void target.fault('silent');
            return new Promise(() => undefined); // never answers, never dies: only the silence tells
          }
          if (fault) await target.fault(fault);
          return target.runChunk(first, count);
        };
      },
    }) as Remote<WorkerApi>;
    return { ...h, api };
  };
}
