// Runs the units of a sweep (sweep-plan.ts) on single-worker pools side by side, a cell's chunks on
// one pool, and returns the kept columns of each group. Which pool runs what does not change a bit.
import type { SweepCell } from '../designer/sweep-plan';
import { columnsOf } from '../designer/sweep-result';
import { Pool, type WorkerFactory } from './pool';

/**
 * Runs each group (a cell and some of its chunks) on the first free single-worker pool; returns each
 * group's kept columns, chunk after chunk. Results do not depend on which pool ran what.
 */
export async function runSweepGroups(
  factory: WorkerFactory,
  cells: SweepCell[],
  groups: { cell: number; chunks: number[] }[],
  workers: number,
  onUnits?: (done: number) => void,
  onPools?: (pools: Pool[]) => void,
): Promise<Float64Array[]> {
  const pools = Array.from({ length: Math.min(workers, Math.max(1, groups.length)) }, () => new Pool(factory, 1));
  onPools?.(pools);
  const out: Float64Array[] = new Array(groups.length);
  let next = 0, done = 0;
  try {
    await Promise.all(
      pools.map(async (pool) => {
        for (let k = next++; k < groups.length; k = next++) {
          const g = groups[k];
          const { acc } = await pool.run(cells[g.cell].scenario, { only: g.chunks });
          out[k] = columnsOf(acc, g.chunks);
          done += g.chunks.length;
          onUnits?.(done);
        }
      }),
    );
  } finally {
    for (const p of pools) p.dispose();
  }
  return out;
}

