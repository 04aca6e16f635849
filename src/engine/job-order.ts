// The order in which the workers take the units (scenario, chunk) of a job on the pool (pool.ts).
/** Scenarios of one job taken together, chunk by chunk (jobOrder()). */
const GROUP = 10;

/**
 * The units of a job in the order the workers take them: a lone scenario's chunks in order; several
 * scenarios GROUP at a time, chunk after chunk, so that a worker runs the same chunk of the group's
 * scenarios one after another and draws its fundamental paths once for all (kernel.ts), while no
 * more than GROUP scenarios are in progress at once.
 */
export function jobOrder(chunks: readonly (readonly number[])[]): { i: number; c: number }[] {
  const units: { i: number; c: number }[] = [];
  for (let g = 0; g < chunks.length; g += GROUP) {
    const group = chunks.slice(g, g + GROUP);
    const most = Math.max(0, ...group.map((c) => c.length));
    for (let k = 0; k < most; k++) group.forEach((c, j) => k < c.length && units.push({ i: g + j, c: c[k] }));
  }
  return units;
}
