// A dragged slider gives the app its value at once when it gave none lately, else at most every
// DRAG_COMMIT_MS (the latest value), and at once when the drag ends: the app re-derives every
// lever and the link far less often during a drag, and never misses the last value.
import { describe, expect, it } from 'vitest';
import { DRAG_COMMIT_MS, DragCommit, type Clock } from '../../src/ui/panel/drag-commit';

function fakeClock() {
  let now = 0;
  const timers: { at: number; f: () => void; id: number }[] = [];
  let next = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (f, ms) => (timers.push({ at: now + ms, f, id: ++next }), next),
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.f();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.length };
}

describe('a dragged slider', () => {
  it('gives a lone change at once', () => {
    const { clock } = fakeClock();
    const got: number[] = [];
    const d = new DragCommit<number>((v) => got.push(v), DRAG_COMMIT_MS, clock);
    d.push(1);
    expect(got).toEqual([1]);
    expect(d.pending).toBe(false);
  });

  it('gives a fast drag\'s latest value every DRAG_COMMIT_MS, and its last one', () => {
    const { clock, advance } = fakeClock();
    const got: [number, number][] = [];
    const d = new DragCommit<number>((v) => got.push([clock.now(), v]), DRAG_COMMIT_MS, clock);
    for (let k = 0; k < 30; k++) {
      d.push(k); // a value every 16 ms, as a drag sends them
      advance(16);
    }
    advance(1000);
    // The first at once, then at most one per DRAG_COMMIT_MS, each the latest at its time.
    expect(got[0]).toEqual([0, 0]);
    for (let i = 1; i < got.length; i++) expect(got[i][0] - got[i - 1][0]).toBeGreaterThanOrEqual(DRAG_COMMIT_MS);
    expect(got.length).toBeLessThanOrEqual(Math.ceil((30 * 16) / DRAG_COMMIT_MS) + 1);
    // value k is sent at 16 k ms (after any give due at that moment)
    for (const [t, v] of got.slice(1)) expect(v).toBe(Math.min(29, Math.ceil(t / 16) - 1));
    expect(got[got.length - 1][1]).toBe(29); // the last value is never lost
  });

  it('gives the value it holds at once when the drag ends, and nothing after', () => {
    const { clock, advance, pending } = fakeClock();
    const got: number[] = [];
    const d = new DragCommit<number>((v) => got.push(v), DRAG_COMMIT_MS, clock);
    d.push(1);
    advance(10);
    d.push(2);
    expect(got).toEqual([1]);
    d.flush();
    expect(got).toEqual([1, 2]);
    expect(pending()).toBe(0);
    advance(1000);
    expect(got).toEqual([1, 2]);
    d.flush(); // nothing held: nothing given
    expect(got).toEqual([1, 2]);
  });
});
