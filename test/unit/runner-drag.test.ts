// The runner draws the results of a single change as they come, from a full run. While a lever is
// dragged (changes less than BURST_MS apart) it runs only the first chunk of paths of each value, one
// value at a time and at most every PREFIX_EVERY_MS (a value that comes meanwhile waits, and only the
// latest), draws those results when the changes pause for QUIET_MS and at least every HOLD_MS, and
// starts the full run of the last value when the changes pause or the slider is let go. A slider
// moved by hand says so (gesture()), and its first value is a drag's too. Timings are
// in `npm run bench -- drag`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Summary } from '../../src/engine/summary';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { BURST_MS, HOLD_MS, PREFIX_EVERY_MS, QUIET_MS, Runner } from '../../src/ui/runner.svelte';
import { DRAG_COMMIT_MS } from '../../src/ui/panel/drag-commit';
import type { FrameClock } from '../../src/ui/frame-gate';
import { fakePool, settle } from '../helpers/fake-pool';

const result = (n: number) => ({ n, partial: true }) as unknown as Summary;
const at = (mmr: number): Scenario => ({ ...defaultScenario(), mmr });
/** Frames at once: these tests are about when results are drawn relative to the runs (frames: below). */
const atOnce: FrameClock = (draw) => draw();
/** Frames by hand: `frame()` draws what waits for the frame. */
function handFrames() {
  const waiting: (() => void)[] = [];
  return { clock: ((draw) => void waiting.push(draw)) as FrameClock, frame: () => waiting.splice(0).forEach((f) => f()), asked: () => waiting.length };
}

describe('the runner during a drag', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('takes a dragged slider\'s values, which come every DRAG_COMMIT_MS, as one drag, and waits longer than that for its end', () => {
    expect(BURST_MS).toBeGreaterThan(DRAG_COMMIT_MS);
    expect(QUIET_MS).toBeGreaterThan(DRAG_COMMIT_MS);
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    for (const mmr of [0.04, 0.05, 0.06, 0.07]) {
      vi.advanceTimersByTime(DRAG_COMMIT_MS);
      r.run(at(mmr));
    }
    // No full run started between the values: only the first value's and one prefix.
    expect(runs.filter((x) => x.options.only === undefined)).toHaveLength(1);
  });

  it('runs a single change in full and draws its results at once', () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(defaultScenario());
    expect(runs[0].options.only).toBeUndefined();
    runs[0].options.onUpdate!(result(1));
    expect(r.summary).toEqual(result(1));
  });

  it('in a drag, runs only the first chunk, one value at a time and at most every PREFIX_EVERY_MS: a value that comes meanwhile waits, and only the latest', async () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    vi.advanceTimersByTime(20);
    r.run(at(0.04));
    expect(runs).toHaveLength(2);
    expect(runs[1].options.only).toEqual([0]);
    // Two more values while the first prefix runs: neither starts a run.
    vi.advanceTimersByTime(20);
    r.run(at(0.05));
    vi.advanceTimersByTime(20);
    r.run(at(0.06));
    expect(runs).toHaveLength(2);
    // The prefix ends 60 ms after it started: the latest value runs next, and only it, once
    // PREFIX_EVERY_MS have passed since the first (a value keeps the drag going meanwhile).
    runs[1].finish();
    await settle();
    expect(runs).toHaveLength(2);
    vi.advanceTimersByTime(PREFIX_EVERY_MS - 40 - 100);
    r.run(at(0.07));
    vi.advanceTimersByTime(99);
    expect(runs).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(runs).toHaveLength(3);
    expect(runs[2].s.mmr).toBe(0.07);
    expect(runs[2].options.only).toEqual([0]);
    expect(r.status).toBe('running');
  });

  it('during a long drag starts prefixes PREFIX_EVERY_MS apart, each of the latest value then', async () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    const starts: { t: number; mmr: number }[] = [];
    let seen = runs.length;
    for (let k = 1; k <= 40; k++) {
      vi.advanceTimersByTime(25); // a value every 25 ms, each prefix done 10 ms after it starts
      r.run(at(0.03 + k / 1000));
      for (; seen < runs.length; seen++) {
        starts.push({ t: performance.now(), mmr: runs[seen].s.mmr });
        runs[seen].finish();
      }
      await settle();
    }
    expect(starts.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < starts.length; i++) expect(starts[i].t - starts[i - 1].t).toBeGreaterThanOrEqual(PREFIX_EVERY_MS);
    expect(starts.length).toBeLessThan(40 / 4);
  });

  it('starts the full run of the last value when the changes pause, and draws its complete result at once', async () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    for (const mmr of [0.04, 0.05, 0.06]) {
      vi.advanceTimersByTime(30);
      r.run(at(mmr));
    }
    const before = runs.length;
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(runs).toHaveLength(before);
    vi.advanceTimersByTime(1);
    const full = runs[runs.length - 1];
    expect(runs).toHaveLength(before + 1);
    expect(full.s.mmr).toBe(0.06);
    expect(full.options.only).toBeUndefined();
    full.options.onUpdate!(result(9));
    expect(r.summary).toEqual(result(9)); // not a drag any more: drawn as it comes
    full.finish();
    await settle();
    expect(r.status).toBe('done');
  });

  it('takes the first value of a slider moved by hand (gesture) as a drag\'s: its prefix alone, held, and the full run when let go', () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.gesture();
    r.run(at(0.04));
    expect(runs).toHaveLength(1);
    expect(runs[0].options.only).toEqual([0]);
    runs[0].options.onUpdate!(result(1));
    expect(r.summary).toBeNull(); // held while the slider moves
    r.settle();
    expect(runs).toHaveLength(2);
    expect(runs[1].s.mmr).toBe(0.04);
    expect(runs[1].options.only).toBeUndefined();
    // A change typed long after is a single change again.
    vi.advanceTimersByTime(1000);
    r.run(at(0.05));
    expect(runs[2].options.only).toBeUndefined();
  });

  it('starts the full run of the last value at once when the slider is let go (settle), and only once', () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    vi.advanceTimersByTime(30);
    r.run(at(0.04));
    const before = runs.length;
    r.settle();
    expect(runs).toHaveLength(before + 1);
    expect(runs[runs.length - 1].s.mmr).toBe(0.04);
    expect(runs[runs.length - 1].options.only).toBeUndefined();
    vi.advanceTimersByTime(QUIET_MS + 1); // the pause timer does not run it again
    r.settle();
    expect(runs).toHaveLength(before + 1);
  });

  it('holds the prefix results while changes keep coming, draws them when the changes pause, and at least every 250 ms', async () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    runs[0].options.onUpdate!(result(0));
    expect(r.summary).toEqual(result(0));
    // A drag: a change every 40 ms for 600 ms; each prefix run sends its result and ends 20 ms after it starts.
    const drawn: number[] = [];
    let last = r.summary;
    for (let k = 1; k <= 15; k++) {
      vi.advanceTimersByTime(20);
      r.run(at(0.03 + k / 1000));
      vi.advanceTimersByTime(20);
      const run = runs[runs.length - 1];
      if (run.options.only) {
        run.options.onUpdate!(result(k));
        run.finish();
        await settle();
      }
      if (r.summary !== last) drawn.push(k);
      last = r.summary;
    }
    // Not every result: some, at most every HOLD_MS (600 ms of drag: two or three draws).
    expect(HOLD_MS).toBe(250);
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    expect(drawn.length).toBeLessThanOrEqual(3);
    // The pause: the full run of the last value starts.
    vi.advanceTimersByTime(QUIET_MS);
    expect(runs[runs.length - 1].options.only).toBeUndefined();
    expect(runs[runs.length - 1].s.mmr).toBe(0.045);
  });
});

describe('the runner and the frames', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('draws at most once per animation frame: results that arrive before the frame draw once, the latest', () => {
    const { pool, runs } = fakePool();
    const frames = handFrames();
    const r = new Runner(pool, frames.clock);
    vi.advanceTimersByTime(1000);
    r.run(defaultScenario());
    runs[0].options.onUpdate!(result(1));
    runs[0].options.onUpdate!(result(2));
    expect(r.summary).toBeNull();
    expect(frames.asked()).toBe(1);
    frames.frame();
    expect(r.summary).toEqual(result(2));
    expect(r.firstResultMs).not.toBeNull();
    frames.frame();
    expect(r.summary).toEqual(result(2));
  });

  it('says done only with the complete result drawn, and not over a newer run', async () => {
    const { pool, runs } = fakePool();
    const frames = handFrames();
    const r = new Runner(pool, frames.clock);
    vi.advanceTimersByTime(1000);
    r.run(at(0.03));
    runs[0].options.onUpdate!(result(1));
    runs[0].finish();
    await settle();
    expect(r.status).toBe('running');
    frames.frame();
    expect(r.status).toBe('done');
    expect(r.summary).toEqual(result(1));
    // A run that completes, then a new change before the frame: the new run is not said done.
    vi.advanceTimersByTime(1000);
    r.run(at(0.04));
    runs[1].options.onUpdate!(result(3));
    runs[1].finish();
    await settle();
    vi.advanceTimersByTime(1000);
    r.run(at(0.05));
    frames.frame();
    expect(r.summary).toEqual(result(3));
    expect(r.status).toBe('running');
  });
});
