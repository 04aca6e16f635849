// The summary desk: summaries computed from the same chunks in a worker of their own (as the browser
// page has them) are those computed in this thread; a desk that dies fails its runs with a message
// and a new one serves the next run; no job is left open on it.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Accumulator } from '../../src/engine/accumulator';
import { nodeSummaryFactory } from '../../src/engine/node-workers';
import { planRun } from '../../src/engine/plan';
import { MAX_ATTEMPTS, RunCancelled, RunFailed, type Pool, type RunOutcome } from '../../src/engine/pool';
import type { SummaryFactory } from '../../src/engine/summaries';
import { SummaryDesk, type DeskPort } from '../../src/engine/summary-desk';
import type { Summary } from '../../src/engine/summary';
import type { Scenario } from '../../src/scenario';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

const pools: Pool[] = [];
const track = (p: Pool) => (pools.push(p), p);
afterAll(() => pools.forEach((p) => p.dispose()));

// 16 chunks, as pool.test.ts runs.
const S: Scenario = scenario({ paths: 1200, horizon: 21600, dt: 6, shockDepth: 0.25, positions: 400 });

async function runWithUpdates(pool: Pool, s: Scenario, publishMs: number) {
  const updates: Summary[] = [];
  const outcome = await pool.run(s, { onUpdate: (u) => updates.push(u), publishMs });
  return { updates, outcome };
}

describe('summary desk', () => {
  it('summarises in a worker of its own exactly as in this thread: the prefix first, partial results, the complete run', async () => {
    const here = track(nodePool(2)), there = track(nodePool(2, { summaries: nodeSummaryFactory }));
    const a = await runWithUpdates(here, S, 60_000);
    const b = await runWithUpdates(there, S, 60_000);
    expect(b.updates[0].paths).toBe(planRun(S).chunkPaths);
    expect(b.updates[0]).toEqual(a.updates[0]);
    expect(b.outcome.summary).toEqual(a.outcome.summary);
    expect(b.updates.at(-1)).toEqual(b.outcome.summary);
    expect(b.outcome.acc.records).toEqual(a.outcome.acc.records);
    // The prefix shown is the first chunk summarised alone: what a run of that chunk alone gives.
    expect(b.updates[0]).toEqual((await here.run(S, { only: [0] })).summary);

    const c = await runWithUpdates(there, S, 5);
    expect(c.updates.filter((u) => u.partial).length).toBeGreaterThan(1);
    for (let i = 1; i < c.updates.length; i++) expect(c.updates[i].paths).toBeGreaterThanOrEqual(c.updates[i - 1].paths);
    expect(c.updates.at(-1)).toEqual(a.outcome.summary);
    expect(await there.summaryDesk().port.openJobs()).toBe(0);
  });

  it("in this thread, summarises the run's own accumulator: each chunk is merged once, partial results and all", async () => {
    const here = track(nodePool(2));
    const merges = vi.spyOn(Accumulator.prototype, 'addPacked');
    try {
      const { updates, outcome } = await runWithUpdates(here, S, 5);
      // Every chunk once, and the prefix once more for its summary alone (the first picture).
      expect(merges).toHaveBeenCalledTimes(outcome.acc.plan.chunks + 1);
      // Once merged, every chunk's buffer was given back (release.ts): none is left for the collector.
      expect(merges.mock.calls.map(([, wire]) => wire.buffer.byteLength)).toEqual(merges.mock.calls.map(() => 0));
      expect(outcome.acc.records.some((v) => v !== 0)).toBe(true);
      expect(updates.at(-1)).toEqual(outcome.summary);
      expect(outcome.summary).toEqual((await track(nodePool(2, { summaries: nodeSummaryFactory })).run(S)).summary);
    } finally {
      merges.mockRestore();
    }
    expect(await here.summaryDesk().port.openJobs()).toBe(0);
  });

  it("gives a job of several scenarios (a sweep's cells) the summaries each has alone, records only or not", async () => {
    const there = track(nodePool(2, { summaries: nodeSummaryFactory }));
    const cells = [0.02, 0.06, 0.1].map((mmr) => ({ ...S, mmr, paths: 400 }));
    const alone = await Promise.all(cells.map((c) => track(nodePool(1)).run(c)));
    for (const recordsOnly of [false, true]) {
      const got: RunOutcome[] = [];
      await there.runMany(cells, (i, o) => (got[i] = o), undefined, { recordsOnly });
      for (let i = 0; i < cells.length; i++) {
        expect(got[i].acc.records).toEqual(alone[i].acc.records);
        if (!recordsOnly) expect(got[i].summary).toEqual(alone[i].summary);
        else expect(got[i].summary.uncertainty).toEqual(alone[i].summary.uncertainty);
      }
    }
    expect(await there.summaryDesk().port.openJobs()).toBe(0);
  });

  it('closes the jobs of cancelled runs: none is left open', async () => {
    const there = track(nodePool(2, { summaries: nodeSummaryFactory }));
    const runs = [1, 2, 3].map((seed) => there.run({ ...S, seed }, { onUpdate: () => undefined }).catch((e) => e));
    const many = there.runMany([0.02, 0.06].map((mmr) => ({ ...S, mmr })), () => undefined).catch((e) => e);
    await new Promise((r) => setTimeout(r, 50));
    const last = await there.run(S);
    const ended = await Promise.all([...runs, many]);
    expect(ended.every((e) => e instanceof RunCancelled)).toBe(true);
    expect(last.summary.paths).toBe(S.paths);
    expect(await there.summaryDesk().port.openJobs()).toBe(0);
  });

  it('fails the run with a clear message when the summary worker dies, and a new one serves the next run', async () => {
    const there = track(nodePool(2, { summaries: nodeSummaryFactory }));
    const reference = await track(nodePool(1)).run(S);
    let killed = false;
    const dying = there.run(S, { onUpdate: () => (killed ||= (there.summaryDesk().terminate(), true)), publishMs: 60_000 });
    await expect(dying).rejects.toBeInstanceOf(RunFailed);
    await expect(dying).rejects.toThrow(/summaries could not be computed/);
    expect(killed).toBe(true);
    const again = await there.run(S);
    expect(again.summary).toEqual(reference.summary);
    expect(there.replacements).toBe(1);
  });

  it('summarises in this thread when the summary worker keeps dying (one that cannot start), and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let made = 0;
    // A desk whose worker is dead on arrival: it never answers.
    const dead: SummaryFactory = () => (made++, { port: new Proxy({}, { get: () => () => new Promise(() => undefined) }) as DeskPort, died: Promise.resolve(new Error('it could not start')), terminate: () => undefined });
    const pool = track(nodePool(2, { summaries: dead }));
    await expect.poll(() => pool.replacements).toBe(MAX_ATTEMPTS);
    const { summary } = await pool.run(S);
    expect(summary).toEqual((await track(nodePool(1)).run(S)).summary);
    expect(made).toBe(MAX_ATTEMPTS);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/summary worker failed 3 times \(it could not start\); summaries are computed on the page/));
    warn.mockRestore();
  });

  it('names a job it does not hold, and answers several jobs at once, in the order asked', () => {
    const desk = new SummaryDesk(), plan = planRun(S);
    expect(() => desk.summaries([7])).toThrow(/summary job 7 is not open/);
    desk.open([[7, { plan, paths: S.paths, S0: S.S0, dt: S.dt, recordsOnly: false }], [9, { plan, paths: 2 * S.paths, S0: S.S0, dt: S.dt, recordsOnly: false }]]);
    const [a, b] = desk.summaries([9, 7]);
    expect([a.paths, a.pathsTotal, b.paths, b.pathsTotal]).toEqual([0, 2 * S.paths, 0, S.paths]);
    desk.summaries([7], true);
    expect(desk.openJobs()).toBe(1);
    desk.close([9, 11]);
    expect(desk.openJobs()).toBe(0);
  });
});
