// The paths done that a run shows: at most every PROGRESS_MS while the run goes on (a large run's
// chunks land every few milliseconds, and each showing cost the page a layout and a paint on the
// workers' cores), yet always the run's last count, whether it completes or is cancelled, and
// never a count that lags for long after the chunks stop coming.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultScenario } from '../../src/scenario';
import { PROGRESS_MS, Runner } from '../../src/ui/runner.svelte';
import type { FrameClock } from '../../src/ui/frame-gate';
import { fakePool, settle } from '../helpers/fake-pool';

const atOnce: FrameClock = (draw) => draw();

describe('the progress of a run', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  /** A runner with a run started, its progress callback, and its run. */
  function started() {
    const { pool, runs } = fakePool();
    const r = new Runner(pool, atOnce);
    vi.advanceTimersByTime(1000); // no drag: the change runs in full at once
    r.run({ ...defaultScenario(), paths: 10_000 });
    const run = runs[runs.length - 1];
    return { r, run, progress: (done: number) => run.options.onProgress!(done, 10_000) };
  }

  it('is shown at once, then at most every PROGRESS_MS, and the latest count once that time is up', () => {
    const { r, progress } = started();
    progress(250);
    expect(r.pathsDone).toBe(250);
    for (let k = 2; k <= 8; k++) {
      vi.advanceTimersByTime(5);
      progress(250 * k);
    }
    expect(r.pathsDone).toBe(250); // chunks 5 ms apart: not shown one by one
    vi.advanceTimersByTime(PROGRESS_MS - 35 - 1);
    expect(r.pathsDone).toBe(250);
    vi.advanceTimersByTime(1); // no chunk came since, yet the count shown catches up
    expect(r.pathsDone).toBe(2000);
    vi.advanceTimersByTime(10 * PROGRESS_MS);
    progress(2250); // after a pause, a chunk is shown at once
    expect(r.pathsDone).toBe(2250);
  });

  it('shows the complete count at once, whatever was shown last', async () => {
    const { r, run, progress } = started();
    progress(250);
    vi.advanceTimersByTime(1);
    progress(10_000);
    expect(r.pathsDone).toBe(10_000);
    run.finish();
    await settle();
    vi.advanceTimersByTime(PROGRESS_MS);
    expect(r.pathsDone).toBe(10_000);
  });

  it('says how far a cancelled run got, not the count shown last', async () => {
    const { r, run, progress } = started();
    progress(250);
    vi.advanceTimersByTime(1);
    progress(500);
    run.cancel();
    await settle();
    expect(r.status).toBe('cancelled');
    expect(r.pathsDone).toBe(500);
  });

  it('leaves the count of a run a newer one replaced alone', () => {
    const { r, progress } = started();
    progress(250);
    vi.advanceTimersByTime(1);
    progress(500); // waits for its turn
    vi.advanceTimersByTime(1000);
    r.run({ ...defaultScenario(), paths: 20_000 }); // the new run starts at 0
    vi.advanceTimersByTime(PROGRESS_MS);
    progress(750); // the old run's chunk, late
    expect(r.pathsDone).toBe(0);
  });
});
