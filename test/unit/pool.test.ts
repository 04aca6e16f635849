// The worker pool on real Node worker threads: determinism across worker counts, streaming,
// cancellation, faults, the memory ceiling and shards.
import { afterAll, describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { Accumulator } from '../../src/engine/accumulator';
import { MIN_CHUNK_WORK, MIN_CHUNKS, planRun } from '../../src/engine/plan';
import type { Remote } from 'comlink';
import { nodeWorkerFactory } from '../../src/engine/node-workers';
import { Pool, RunCancelled, RunFailed, type RunOutcome, type WorkerFactory } from '../../src/engine/pool';
import type { WorkerApi } from '../../src/engine/worker-api';
import { METRIC_KEYS, METRICS } from '../../src/designer/metrics';
import { mergeShards, toShard, type NamedShard } from '../../src/engine/shard';
import { summarize, type Summary } from '../../src/engine/summary';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { faultyFactory, nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

const pools: Pool[] = [];
const track = (p: Pool) => (pools.push(p), p);
afterAll(() => pools.forEach((p) => p.dispose()));

// 16 chunks: enough for every worker to take several (a run this size is cut as the default is).
const S: Scenario = scenario({ paths: 1200, horizon: 21600, dt: 6, shockDepth: 0.25, positions: 400 });

let reference: { summary: Summary; acc: Accumulator } | undefined;
async function referenceRun() {
  reference ??= await track(nodePool(1)).run(S);
  return reference;
}

describe('pool', () => {
  it('gives bit-identical results with 1 and 4 workers', async () => {
    const one = await referenceRun();
    const four = await track(nodePool(4)).run(S);
    expect(planRun(S).chunks).toBeGreaterThan(8);
    expect(four.acc.records).toEqual(one.acc.records);
    expect(four.acc.hist).toEqual(one.acc.hist);
    expect(four.acc.bandTotals()).toEqual(one.acc.bandTotals());
    expect(four.summary).toEqual(one.summary);
  });

  it('streams honest partial results, then the complete one', async () => {
    const updates: Summary[] = [];
    const pool = track(nodePool(2));
    const { summary } = await pool.run(S, { onUpdate: (s) => updates.push(s), publishMs: 5 });
    const partial = updates.filter((u) => u.partial);
    expect(partial.length).toBeGreaterThan(0);
    for (let i = 1; i < updates.length; i++) expect(updates[i].paths).toBeGreaterThanOrEqual(updates[i - 1].paths);
    expect(partial.every((u) => u.paths < S.paths)).toBe(true);
    expect(updates.at(-1)).toEqual(summary);
    expect(summary.partial).toBe(false);
    expect(summary).toEqual((await referenceRun()).summary);
  });

  it('shows the first chunk, a fixed prefix of the paths, at once: the same first picture on every run', async () => {
    const firsts: Summary[] = [];
    for (const workers of [1, 3]) {
      const updates: Summary[] = [];
      const pool = track(nodePool(workers));
      await pool.run({ ...S, paths: 100 }); // warm workers, so the first chunk is not the last one in
      await pool.run(S, { onUpdate: (u) => updates.push(u), publishMs: 60_000 });
      expect(updates[0].partial, `${workers} workers: ${updates.map((u) => u.paths).join(' ')}`).toBe(true);
      expect(updates[0].paths).toBe(planRun(S).chunkPaths);
      firsts.push(updates[0]);
    }
    expect(firsts[1]).toEqual(firsts[0]);
  });

  it('hands each idle worker its first chunk within the call that starts the run', async () => {
    // Nothing queued on this thread before the run (the page's reactions to a lever change) runs
    // before the chunks go out. Calls to the workers are counted as they are made.
    let asked = 0;
    const counting: WorkerFactory = () => {
      const h = nodeWorkerFactory();
      const api = new Proxy(h.api, {
        get(target, prop) {
          const value = (target as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[prop];
          return prop === 'runCells' || prop === 'runChunk' ? (...a: unknown[]) => (asked++, value(...a)) : value;
        },
      }) as Remote<WorkerApi>;
      return { ...h, api };
    };
    const pool = track(new Pool(counting, 2));
    await pool.run({ ...S, paths: 100 }); // workers up and idle
    asked = 0;
    const running = pool.run(S);
    expect(asked).toBe(2);
    expect((await running).summary).toEqual((await referenceRun()).summary);
  });

  it('cancels the run in flight when a new one starts, and draws no stale result', async () => {
    const pool = track(nodePool(2));
    const seen: number[] = [];
    const a = pool.run({ ...S, seed: 11 }, { onUpdate: (u) => seen.push(u.paths) });
    await new Promise((r) => setTimeout(r, 30));
    const b = pool.run(S);
    await expect(a).rejects.toBeInstanceOf(RunCancelled);
    const bResult = await b;
    expect(bResult.summary).toEqual((await referenceRun()).summary);
  });

  it('collapses 100 rapid changes: the last run finishes promptly and memory stays flat', async () => {
    const pool = track(nodePool(2));
    await pool.run({ ...S, paths: 100 }); // warm up the workers
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const runs: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) runs.push(pool.run({ ...S, seed: 1000 + i, paths: 600 }).catch((e) => e));
    const t0 = performance.now();
    const outcomes = await Promise.all(runs);
    const elapsed = performance.now() - t0;
    expect(outcomes.slice(0, 99).every((o) => o instanceof RunCancelled)).toBe(true);
    expect((outcomes[99] as { summary: Summary }).summary.paths).toBe(600);
    // Only the last run's chunks ran, plus at most the chunks in flight when the changes came.
    const single = performance.now();
    await pool.run({ ...S, seed: 5000, paths: 600 });
    const oneRun = performance.now() - single;
    expect(elapsed).toBeLessThan(oneRun * 3 + 2000);
    global.gc?.();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 2 ** 20);
  });

  for (const fault of ['trap', 'oom', 'kill'] as const) {
    it(`replaces a worker that suffers a ${fault} and re-runs its chunk: same numbers`, async () => {
      const pool = track(new Pool(faultyFactory((call) => (call === 3 ? fault : null)), 2));
      const { summary } = await pool.run(S);
      expect(pool.replacements).toBe(1);
      expect(summary).toEqual((await referenceRun()).summary);
    });
  }

  it('replaces a worker that goes silent mid-chunk (no error, no exit) and re-runs its chunk: same numbers', async () => {
    const pool = track(new Pool(faultyFactory((call) => (call === 3 ? 'silent' : null)), 2, { silenceMs: 1500 }));
    const { summary } = await pool.run(S);
    expect(pool.replacements).toBe(1);
    expect(summary).toEqual((await referenceRun()).summary);
  });

  it('stops a run mid-chunk: a new run does not wait for the chunks in flight, however long', async () => {
    // Every chunk of this scenario takes about a minute: 2,750 paths, each liquidating 100,000
    // positions piece by piece in a crash.
    const slow = scenario({ positions: 100_000, paths: 44_000, horizon: 43_200, dt: 60, shockDepth: 0.6, mechanism: 'partial', closeFactor: 0.01, backstop: true });
    const pool = track(nodePool(2));
    await pool.run({ ...S, paths: 100 }); // warm up the workers
    const a = pool.run(slow);
    await new Promise((r) => setTimeout(r, 500)); // both workers are inside a chunk now
    const t0 = performance.now();
    const b = pool.run({ ...S, paths: 100 });
    await expect(a).rejects.toBeInstanceOf(RunCancelled);
    await b;
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(pool.replacements).toBe(2);
  });

  it('replaces a worker that dies while idle, so the next run does not wait on it', async () => {
    const pool = track(nodePool(2));
    await pool.run(S);
    pool.worker(1).terminate();
    await expect.poll(() => pool.replacements).toBe(1);
    const { summary } = await pool.run(S);
    expect(summary).toEqual((await referenceRun()).summary);
  });

  it('stops with a clear message when the same chunk keeps failing', async () => {
    const pool = track(new Pool(faultyFactory((_, first) => (first === 2 * planRun(S).chunkPaths ? 'trap' : null)), 2));
    const err = await pool.run(S).catch((e) => e);
    expect(err).toBeInstanceOf(RunFailed);
    expect(err.message).toMatch(/failed 3 times on chunk 2 .*unreachable.*lever most likely responsible/);
    expect(err.field).toBeTruthy();
  });

  it('cuts a small run into fewer, larger chunks, an even number of them; a run of the default size into 16', () => {
    const big = planRun(S);
    expect(big.chunks).toBe(MIN_CHUNKS);
    for (const paths of [40, 128, 256, 500, 1100]) {
      const plan = planRun({ ...S, paths });
      const work = paths * plan.steps;
      expect(work).toBeLessThan(MIN_CHUNKS * MIN_CHUNK_WORK);
      // Every chunk but the last is worth the messages it costs, unless the run is smaller than one chunk's worth.
      if (plan.chunks > 1) expect(plan.chunkPaths * plan.steps).toBeGreaterThanOrEqual(MIN_CHUNK_WORK);
      expect(plan.chunks === 1 || plan.chunks % 2 === 0).toBe(true);
      expect(plan.chunks).toBeLessThan(MIN_CHUNKS);
    }
    expect(planRun({ ...S, paths: 128 }).chunks).toBe(1);
    expect(planRun({ ...S, paths: 256 }).chunks).toBe(2);
    expect(planRun({ ...S, paths: 1100 }).chunks).toBe(14);
  });

  it('runs several scenarios as one job, each with the bits it has alone, and a new run cancels them', async () => {
    const pool = track(nodePool(2));
    const cells = [0.02, 0.04, 0.06].map((mmr) => ({ ...S, mmr, paths: 400 }));
    const alone = [];
    for (const c of cells) alone.push((await pool.run(c)).summary);
    const got: { i: number; summary: Summary }[] = [];
    await pool.runMany(cells, (i, { summary }) => got.push({ i, summary }));
    expect(got.map((g) => g.i).sort()).toEqual([0, 1, 2]);
    for (const g of got) expect(g.summary).toEqual(alone[g.i]);
    // A run started meanwhile retires the job: it rejects, and reports no more cells.
    let reported = 0;
    const many = pool.runMany(cells.map((c) => ({ ...c, paths: 1200 })), () => reported++);
    await new Promise((r) => setTimeout(r, 20));
    const single = pool.run(cells[0]);
    await expect(many).rejects.toBeInstanceOf(RunCancelled);
    const after = reported;
    expect((await single).summary).toEqual(alone[0]);
    expect(reported).toBe(after);
    expect(after).toBeLessThan(3);
  });

  it('returns only the records when asked (a sweep or an optimiser reads no bands): the same records, metrics and errors', async () => {
    const pool = track(nodePool(2));
    const cells = [0.02, 0.06].map((mmr) => ({ ...S, mmr, paths: 400 }));
    const full: RunOutcome[] = [], lean: RunOutcome[] = [];
    await pool.runMany(cells, (i, o) => (full[i] = o));
    await pool.runMany(cells, (i, o) => (lean[i] = o), undefined, { recordsOnly: true });
    for (let i = 0; i < cells.length; i++) {
      expect(lean[i].acc.records).toEqual(full[i].acc.records);
      for (const k of METRIC_KEYS) expect(METRICS[k].get(lean[i].summary)).toBe(METRICS[k].get(full[i].summary));
      expect(lean[i].summary.uncertainty).toEqual(full[i].summary.uncertainty);
      expect(full[i].acc.hist.some((x) => x > 0)).toBe(true);
      expect(lean[i].acc.hist.every((x) => x === 0)).toBe(true); // no histogram crossed over
    }
  });

  it('runs a job in batches, one chunk of several scenarios per message: a batch whose worker traps or dies is run again, same bits', async () => {
    const cells = [0.02, 0.04, 0.06].map((mmr) => ({ ...S, mmr, paths: 400 }));
    const healthy = track(nodePool(2));
    const alone: Summary[] = [];
    for (const c of cells) alone.push((await healthy.run(c)).summary);
    for (const fault of ['trap', 'kill'] as const) {
      let batches = 0;
      const pool = track(new Pool(faultyFactory((call) => (batches++, call === 1 ? fault : null)), 2));
      const got: Summary[] = [];
      await pool.runMany(cells, (i, { summary }) => (got[i] = summary));
      expect(pool.replacements).toBe(1);
      // One batch per chunk, each holding that chunk of the 3 scenarios; one of them ran twice.
      expect(batches).toBe(planRun(cells[0]).chunks + 1);
      expect(got).toEqual(alone);
    }
  });

  it('refuses up front a scenario that needs more memory than a worker may have', async () => {
    const pool = track(nodePool(1));
    const huge = { ...defaultScenario(), positions: 10_000_000 };
    const err = await pool.run(huge).catch((e) => e);
    expect(err).toBeInstanceOf(RunFailed);
    expect(err.field).toBe('positions');
    expect(err.message).toMatch(/MiB per worker/);
  });

  it('gives an empty result for a shard that has none of the chunks, as before a run', async () => {
    const one = { ...S, paths: 40 }; // one chunk
    expect(planRun(one).chunks).toBe(1);
    const { acc, summary } = await track(nodePool(2)).run(one, { shard: { index: 2, count: 3 } });
    expect(acc.pathsDone).toBe(0);
    expect(summary.paths).toBe(0);
  });

  it('merges n shards into exactly the full run', async () => {
    const full = await referenceRun();
    const pool = track(nodePool(2));
    const n = 3;
    const files: NamedShard[] = [];
    for (let i = 0; i < n; i++) {
      const { acc } = await pool.run(S, { shard: { index: i, count: n } });
      files.push({ file: `shard-${i}.json`, doc: JSON.parse(JSON.stringify(toShard(S, [], acc, { index: i, count: n }))) });
    }
    const merged = mergeShards(files.reverse());
    expect(merged.acc.records).toEqual(full.acc.records);
    expect(merged.acc.bandTotals()).toEqual(full.acc.bandTotals());
    expect(summarize(merged.acc, S.S0, S.dt)).toEqual(full.summary);
    expect(() => mergeShards(files.slice(1))).toThrow(/chunks missing/);
    expect(merged.acc.records[A.R_COUNT * 5 + A.R_DD_FUNDAMENTAL]).toBeGreaterThan(0);
  });
});
