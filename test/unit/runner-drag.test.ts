// The runner draws the results of a single change as they come, but while a lever is dragged
// (changes less than 150 ms apart) it draws when the changes pause for 100 ms, and at least every
// 250 ms: redrawing every chart for every step of a drag cost more than the drag (bench: a 60-move
// drag 1.45 s → 1.27 s against 1.0 s on a bare slider). A complete result is always drawn at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pool, RunOptions } from '../../src/engine/pool';
import type { Summary } from '../../src/engine/summary';
import { defaultScenario } from '../../src/scenario';
import { Runner } from '../../src/ui/runner.svelte';

/** A pool whose runs the test drives: it sends updates and finishes runs by hand. */
function fakePool() {
  const runs: { options: RunOptions; finish: () => void }[] = [];
  const pool = {
    size: 2,
    run: (_s: unknown, options: RunOptions) => new Promise((finish) => runs.push({ options, finish: () => finish({}) })),
    cascade: () => new Promise(() => undefined),
    memoryBytes: () => Promise.resolve([0, 0]),
    cancel: () => undefined,
  } as unknown as Pool;
  return { pool, runs };
}
const result = (n: number) => ({ n, partial: true }) as unknown as Summary;

describe('the runner during a drag', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('draws a single change at once', () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool);
    vi.advanceTimersByTime(1000);
    r.run(defaultScenario());
    runs[0].options.onUpdate!(result(1));
    expect(r.summary).toEqual(result(1));
  });

  it('holds results while changes keep coming, draws them when the changes pause, and at least every 250 ms', () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool);
    vi.advanceTimersByTime(1000);
    r.run(defaultScenario());
    runs[0].options.onUpdate!(result(0));
    expect(r.summary).toEqual(result(0));
    // A drag: a change every 40 ms for 600 ms, each run sending a result 20 ms after it starts.
    const drawn: number[] = [];
    let last = r.summary;
    for (let k = 1; k <= 15; k++) {
      vi.advanceTimersByTime(20);
      r.run(defaultScenario());
      vi.advanceTimersByTime(20);
      runs[k].options.onUpdate!(result(k));
      if (r.summary !== last) drawn.push(k);
      last = r.summary;
    }
    // Not every result: some, at most every 250 ms (600 ms of drag: two or three draws).
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    expect(drawn.length).toBeLessThanOrEqual(3);
    // The pause: the last result appears within 100 ms of the last change.
    vi.advanceTimersByTime(100);
    expect(r.summary).toEqual(result(15));
  });

  it('draws a complete result at once, even in a drag', async () => {
    const { pool, runs } = fakePool();
    const r = new Runner(pool);
    vi.advanceTimersByTime(1000);
    r.run(defaultScenario());
    vi.advanceTimersByTime(30);
    r.run(defaultScenario());
    runs[1].options.onUpdate!(result(7));
    expect(r.summary).toBeNull();
    runs[1].finish();
    await vi.waitFor(() => expect(r.status).toBe('done'));
    expect(r.summary).toEqual(result(7));
  });
});
