// 1 versus 2 workers on real Node worker threads (the same pool the CLI uses), warm: the workers
// are started and have compiled the core before timing starts. Beside it, for reference, the
// machine's own scaling: two runs of one worker each, side by side, against one alone. On this
// machine two busy cores do not each run at the speed of one busy core (by 5-25%, varying by the
// hour), which holds a pool of two back as much. (The two runs also share this thread's work, so
// a pool of two can read a little above it.)
import { nodeWorkerFactory } from '../src/engine/node-workers';
import { Pool } from '../src/engine/pool';
import { scenario } from './core';
import { median, quartiles } from './timing';

/**
 * `rounds` rounds, each timing one worker, two, and two one-worker runs side by side, one after
 * another (the order rotating from round to round), so that the machine's drift hits the three
 * alike; each round gives both ratios, and the row reports their medians and interquartile ranges.
 */
export async function workerScaling(rounds = 12) {
  const s = scenario({});
  const one = new Pool(nodeWorkerFactory, 1), other = new Pool(nodeWorkerFactory, 1), two = new Pool(nodeWorkerFactory, 2);
  try {
    const a = await one.run(s), b = await two.run(s);
    await other.run(s);
    const identical = JSON.stringify(a.summary) === JSON.stringify(b.summary);
    const contenders = { one: () => one.run(s), two: () => two.run(s), sideBySide: () => Promise.all([one.run(s), other.run(s)]) };
    const keys = Object.keys(contenders) as (keyof typeof contenders)[];
    const ms = { one: [] as number[], two: [] as number[], sideBySide: [] as number[] };
    const speedups: number[] = [], ceilings: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const round: Record<string, number> = {};
      for (let k = 0; k < keys.length; k++) {
        const key = keys[(r + k) % keys.length];
        const t0 = performance.now();
        await contenders[key]();
        round[key] = performance.now() - t0;
        ms[key].push(round[key]);
      }
      speedups.push(round.one / round.two);
      ceilings.push((2 * round.one) / round.sideBySide);
    }
    return {
      scenario: 'default',
      rounds,
      oneWorkerMs: median(ms.one),
      twoWorkersMs: median(ms.two),
      sideBySideMs: median(ms.sideBySide),
      speedup: median(speedups),
      speedupIqr: quartiles(speedups),
      ceiling: median(ceilings),
      ceilingIqr: quartiles(ceilings),
      identical,
    };
  } finally {
    one.dispose();
    other.dispose();
    two.dispose();
  }
}
