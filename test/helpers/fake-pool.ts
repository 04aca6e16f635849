// A pool whose runs a test drives by hand (the runner's tests): it sends updates and progress and
// ends runs when told.
import type { Pool, RunOptions } from '../../src/engine/pool';
import { RunCancelled } from '../../src/engine/run-errors';
import type { Scenario } from '../../src/scenario';

export interface FakeRun {
  s: Scenario;
  options: RunOptions;
  finish: () => void;
  /** Ends the run as a cancelled one (the pool's RunCancelled). */
  cancel: () => void;
}

export function fakePool() {
  const runs: FakeRun[] = [];
  const pool = {
    size: 2,
    // A run's outcome as the runner reads it: its accumulator, here of no paths.
    run: (s: Scenario, options: RunOptions) =>
      new Promise((finish, fail) => runs.push({ s, options, finish: () => finish({ acc: { donePaths: () => [], records: new Float64Array(0) } }), cancel: () => fail(new RunCancelled()) })),
    cascade: () => new Promise(() => undefined),
    memoryBytes: () => Promise.resolve([0, 0]),
    cancel: () => undefined,
  } as unknown as Pool;
  return { pool, runs };
}

/** Lets the promise callbacks of a finished run happen (without moving a fake clock). */
export const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
