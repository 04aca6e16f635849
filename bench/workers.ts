// 1 versus 2 workers on real Node worker threads (the same pool the CLI uses), warm: the workers
// are started and have compiled the core before timing starts. Beside it, for reference, what the
// workers alone give: the same chunks handed to them in one message each (runCells), with nothing
// merged, summarised or collected in this thread meanwhile. On this 2-core machine the pool's own
// work in this thread (taking each chunk in, merging it, the summaries, the collector) shares the
// two cores with the two workers, which is what holds a pool of two below twice one.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeWorkerFactory } from '../src/engine/node-workers';
import { chunkRange } from '../src/engine/plan';
import { Pool } from '../src/engine/pool';
import { CoreInputs } from '../src/engine/core-inputs';
import { prepareTask } from '../src/engine/task';
import { release } from '../src/engine/release';
import type { CellChunk } from '../src/engine/worker-api';
import { scenario } from './core';
import { median, quartiles } from './timing';

/**
 * workerScaling() in a Node process of its own, as the CLI has the pool: the bench's own process
 * holds over 100 MB of heap and buffers (Vite and Playwright loaded, and what the comparisons
 * before this one left), and each
 * major collection of that heap on the pool's thread fell on the timed runs (1.61–1.69× in full
 * runs where this comparison alone read 1.88–1.96×).
 */
export function workerScalingApart(): ReturnType<typeof workerScaling> {
  const script = fileURLToPath(new URL('./workers-process.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return Promise.resolve(JSON.parse(out));
}

/**
 * `rounds` rounds, each timing one worker, two, and the workers alone (one, then two), one after
 * another (the order rotating from round to round), so that the machine's drift hits them alike;
 * each round gives both ratios, and the row reports their medians and interquartile ranges. Each
 * run is about 0.1 s, so one round's ratio swings widely (half of them within 1.66-1.90 in a full
 * run): 24 rounds, where the median of 12 moved by up to 0.1 from one process to the next.
 */
export async function workerScaling(rounds = 24) {
  const s = scenario({});
  const one = new Pool(nodeWorkerFactory, 1), two = new Pool(nodeWorkerFactory, 2);
  try {
    const a = await one.run(s), b = await two.run(s);
    const identical = JSON.stringify(a.summary) === JSON.stringify(b.summary);
    // The run's chunks as the pool would send them, for the workers alone: chunk c to worker c % n.
    const task = prepareTask(new CoreInputs(), s, [], false);
    const cells = task.chunks.map((c): CellChunk => ({ params: task.params, maxPaths: task.plan.chunkPaths, maxPages: task.pages, inputs: task.inputs, inputsKey: task.key, shared: false, ...chunkRange(task.plan, s.paths, c) }));
    const alone = (pool: Pool) => Promise.all(Array.from({ length: pool.size }, (_, k) => pool.worker(k).api.runCells(cells.filter((_, c) => c % pool.size === k))));
    await alone(one);
    await alone(two);
    const contenders = { one: () => one.run(s), two: () => two.run(s), aloneOne: () => alone(one), aloneTwo: () => alone(two) };
    const keys = Object.keys(contenders) as (keyof typeof contenders)[];
    const ms = { one: [] as number[], two: [] as number[], aloneOne: [] as number[], aloneTwo: [] as number[] };
    const speedups: number[] = [], ceilings: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const round: Record<string, number> = {};
      for (let k = 0; k < keys.length; k++) {
        const key = keys[(r + k) % keys.length];
        const t0 = performance.now();
        const out = await contenders[key]();
        round[key] = performance.now() - t0;
        // The workers alone's results go nowhere, as the pool's go once merged (summary-desk.ts):
        // left to the collector, their 2.7 MB a run brought V8's full collections into the pool's runs.
        if (Array.isArray(out)) release(out.flat().map((r) => r.buffer as ArrayBuffer));
        ms[key].push(round[key]);
      }
      speedups.push(round.one / round.two);
      ceilings.push(round.aloneOne / round.aloneTwo);
    }
    return {
      scenario: 'default',
      rounds,
      oneWorkerMs: median(ms.one),
      twoWorkersMs: median(ms.two),
      speedup: median(speedups),
      speedupIqr: quartiles(speedups),
      aloneOneMs: median(ms.aloneOne),
      aloneTwoMs: median(ms.aloneTwo),
      ceiling: median(ceilings),
      ceilingIqr: quartiles(ceilings),
      identical,
    };
  } finally {
    one.dispose();
    two.dispose();
  }
}
