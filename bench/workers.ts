// 1 versus 2 workers on real Node worker threads (the same pool the CLI uses), warm: the workers
// are started and have compiled the core before timing starts. Beside it, for reference, the
// machine's own scaling: two runs of one worker each, side by side, against one alone. On this
// machine two busy cores do not each run at the speed of one busy core (by 5-25%, varying by the
// hour), which holds a pool of two back as much. (The two runs also share this thread's work, so
// a pool of two can read a little above it.)
import { nodeWorkerFactory } from '../src/engine/node-workers';
import { Pool } from '../src/engine/pool';
import { scenario } from './core';
import { alternate } from './timing';

export async function workerScaling() {
  const s = scenario({});
  const one = new Pool(nodeWorkerFactory, 1), other = new Pool(nodeWorkerFactory, 1), two = new Pool(nodeWorkerFactory, 2);
  try {
    const a = await one.run(s), b = await two.run(s);
    await other.run(s);
    const identical = JSON.stringify(a.summary) === JSON.stringify(b.summary);
    const t = await alternate({ one: () => one.run(s), two: () => two.run(s), sideBySide: () => Promise.all([one.run(s), other.run(s)]) }, 5);
    return { scenario: 'default', oneWorkerMs: t.one, twoWorkersMs: t.two, speedup: t.one / t.two, identical, sideBySideMs: t.sideBySide, ceiling: (2 * t.one) / t.sideBySide };
  } finally {
    one.dispose();
    other.dispose();
    two.dispose();
  }
}
