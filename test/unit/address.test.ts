// The address bar follows the link: a single change at once, a burst of changes (a slider dragged)
// once it pauses, with its last link; an edit of the address by hand drops what was waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddressWriter, QUIET_MS } from '../../src/ui/address';

describe('the address bar', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('takes a single change at once, and the next single change at once too', () => {
    const got: string[] = [];
    const a = new AddressWriter((l) => got.push(l));
    a.change('#v=2');
    expect(got).toEqual(['#v=2']);
    vi.advanceTimersByTime(QUIET_MS + 1);
    a.change('#v=2&mmr=0.04');
    expect(got).toEqual(['#v=2', '#v=2&mmr=0.04']);
  });

  it('takes a drag once its changes pause: its first change and then its last, nothing between', () => {
    const got: string[] = [];
    const a = new AddressWriter((l) => got.push(l));
    for (let i = 1; i <= 20; i++) {
      a.change(`#v=2&mmr=0.0${i}`);
      vi.advanceTimersByTime(100); // a dragged slider's pace (drag-commit.ts)
    }
    expect(got).toEqual(['#v=2&mmr=0.01']);
    vi.advanceTimersByTime(QUIET_MS);
    expect(got).toEqual(['#v=2&mmr=0.01', '#v=2&mmr=0.020']);
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(got).toHaveLength(2);
  });

  it("takes a slider moved by hand once its changes pause, from its first change on", () => {
    const got: string[] = [];
    let byHand = true;
    const a = new AddressWriter((l) => got.push(l), undefined, () => byHand);
    a.change('#v=2&mmr=0.01');
    expect(got).toEqual([]);
    vi.advanceTimersByTime(100);
    a.change('#v=2&mmr=0.02');
    vi.advanceTimersByTime(QUIET_MS);
    expect(got).toEqual(['#v=2&mmr=0.02']);
    // The hand let go: a single change (a typed value, a switch) reaches the address at once again.
    byHand = false;
    vi.advanceTimersByTime(QUIET_MS + 1);
    a.change('#v=2&mmr=0.03');
    expect(got).toEqual(['#v=2&mmr=0.02', '#v=2&mmr=0.03']);
  });

  it('drops a waiting change when the address is edited by hand', () => {
    const got: string[] = [];
    const a = new AddressWriter((l) => got.push(l));
    a.change('#a');
    a.change('#b');
    a.cancel();
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(got).toEqual(['#a']);
  });
});
