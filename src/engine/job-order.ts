// The order in which the workers take the units (scenario, chunk) of a job on the pool (pool.ts).
/**
 * Scenarios of one job taken together, chunk by chunk (jobOrder()). Each batch draws its chunk's
 * fundamental paths once (a draw costs about 1.3 times one scenario's chunk), so the more scenarios
 * share it the less that costs: about an eighth of a default sweep's work with 10, a sixteenth with
 * 20 (the default sweep took 0.76 of the starting build's time with 10, 0.73 with 20, each run
 * alternating with it). Twenty scenarios' results are held at once.
 */
export const GROUP = 20;

export interface Unit {
  /** The scenario's index in the job. */
  i: number;
  /** The chunk. */
  c: number;
}

/**
 * The units of a job in the order the workers take them, in batches a worker takes at once: a lone
 * scenario's chunks one at a time, in order (its first chunk is the prefix shown first); several
 * scenarios GROUP at a time, chunk after chunk, a batch being the same chunk of the group's
 * scenarios. One worker thus runs them back to back and draws their fundamental paths once for all
 * (kernel.ts), in one round trip (worker-api.ts runCells); no more than GROUP scenarios are in
 * progress at once.
 */
export function jobOrder(chunks: readonly (readonly number[])[]): Unit[][] {
  if (chunks.length === 1) return chunks[0].map((c) => [{ i: 0, c }]);
  const batches: Unit[][] = [];
  for (let g = 0; g < chunks.length; g += GROUP) {
    const group = chunks.slice(g, g + GROUP);
    const most = Math.max(0, ...group.map((c) => c.length));
    for (let k = 0; k < most; k++) {
      const batch: Unit[] = [];
      group.forEach((c, j) => k < c.length && batch.push({ i: g + j, c: c[k] }));
      batches.push(batch);
    }
  }
  return batches;
}
