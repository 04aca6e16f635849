// 1 versus 2 workers on real Node worker threads (the same pool the CLI uses), warm: the workers
// are started and have compiled the core before timing starts.
import { nodeWorkerFactory } from '../src/engine/node-workers';
import { Pool } from '../src/engine/pool';
import { scenario } from './core';
import { alternate } from './timing';

export async function workerScaling() {
  const s = scenario({});
  const one = new Pool(nodeWorkerFactory, 1), two = new Pool(nodeWorkerFactory, 2);
  try {
    const a = await one.run(s), b = await two.run(s);
    const identical = JSON.stringify(a.summary) === JSON.stringify(b.summary);
    const t = await alternate({ one: () => one.run(s), two: () => two.run(s) }, 5);
    return { scenario: 'default', oneWorkerMs: t.one, twoWorkersMs: t.two, speedup: t.one / t.two, identical };
  } finally {
    one.dispose();
    two.dispose();
  }
}
