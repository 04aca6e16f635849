// Runs the units of a sweep (sweep-plan.ts) on single-worker pools side by side, a few cells at a
// time on each, and returns the kept columns of each group. The cells a pool takes together share
// their fundamental paths chunk by chunk (Pool.runMany); which pool runs what does not change a bit.
import type { SweepCell } from '../designer/sweep-plan';
import { columnsOf } from '../designer/sweep-result';
import { Pool, type WorkerFactory } from './pool';

/** Most groups a pool takes at once: they share their fundamental paths. */
const BLOCK = 10;

/**
 * Runs each group (a cell and some of its chunks) on the first free single-worker pool, several
 * groups at a time; returns each group's kept columns, chunk after chunk. Results do not depend on
 * which pool ran what, nor on which groups ran together.
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
  // Blocks small enough that every pool takes at least two, so none waits long for the last.
  const size = Math.max(1, Math.min(BLOCK, Math.ceil(groups.length / (2 * pools.length))));
  const blocks: number[][] = [];
  for (let k = 0; k < groups.length; k += size) blocks.push(Array.from({ length: Math.min(size, groups.length - k) }, (_, j) => k + j));
  const out: Float64Array[] = new Array(groups.length);
  let next = 0, done = 0;
  try {
    await Promise.all(
      pools.map(async (pool) => {
        for (let b = next++; b < blocks.length; b = next++) {
          const block = blocks[b];
          await pool.runMany(
            block.map((k) => cells[groups[k].cell].scenario),
            (j, { acc }) => {
              const g = groups[block[j]];
              out[block[j]] = columnsOf(acc, g.chunks);
              done += g.chunks.length;
              onUnits?.(done);
            },
            block.map((k) => groups[k].chunks),
            { recordsOnly: true }, // the kept columns are records
          );
        }
      }),
    );
  } finally {
    for (const p of pools) p.dispose();
  }
  return out;
}
