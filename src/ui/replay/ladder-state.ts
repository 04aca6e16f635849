// The book at a moment of a replay, rebuilt from the book and the path's events: what is still open
// of each position (and so its bankruptcy price, which a partial close moves), and what is in
// auction. The ladder drawn in the replay is this state, binned by liquidation price.
import type { BookData } from '../../engine/kernel';
import type { LiquidationEvent } from '../../engine/trace';

export class LadderState {
  readonly q: Float64Array;
  readonly K: Float64Array;
  readonly inAuction: Uint8Array;
  /** Events applied so far (events are in step order). */
  applied = 0;

  constructor(readonly book: BookData, readonly events: LiquidationEvent[]) {
    this.q = Float64Array.from(book.q);
    this.K = Float64Array.from(book.K);
    this.inAuction = new Uint8Array(book.q.length);
  }

  /** Moves to the state at the end of `step`, applying (or, going back, re-applying) events. */
  seek(step: number): void {
    if (this.applied > 0 && this.events[this.applied - 1].step > step) {
      this.q.set(this.book.q);
      this.K.set(this.book.K);
      this.inAuction.fill(0);
      this.applied = 0;
    }
    while (this.applied < this.events.length && this.events[this.applied].step <= step) this.apply(this.events[this.applied++]);
  }

  private apply(e: LiquidationEvent): void {
    if (e.kind === 'account') return; // several assets: the ladder is asset 1's book alone, not the accounts
    const c = e.position;
    if (e.kind === 'kick') {
      this.inAuction[c] = 1;
      return;
    }
    if (e.kind === 'adl') {
      this.q[c] = 0; // closed by queue ADL
      return;
    }
    if (this.inAuction[c]) {
      // A take from an auction: the lot shrinks; the position's K was frozen at the kick.
      this.q[c] = e.remaining;
      return;
    }
    const q = this.q[c];
    const s = e.side === 'long' ? 1 : -1;
    if (e.remaining > 0) {
      // What the closed part returned stays as margin of the rest: docs/model.md, section 6.
      if (e.value >= 0) this.K[c] = (q * this.K[c] - e.qty * e.price + s * e.penalty) / e.remaining;
    }
    this.q[c] = e.remaining;
  }

  /**
   * Open notional (at liquidation prices) of longs and of shorts, and notional in auction, in
   * `bins` equal bins of liquidation price over [lo, hi]; what falls outside is counted apart.
   */
  bins(mmr: number, lo: number, hi: number, bins: number) {
    const long = new Float64Array(bins), short = new Float64Array(bins), auction = new Float64Array(bins);
    let below = 0, above = 0;
    const w = (hi - lo) / bins;
    for (let i = 0; i < this.q.length; i++) {
      const q = this.q[i];
      if (q <= 0) continue;
      const isLong = this.book.side[i] > 0;
      const liq = this.K[i] / (isLong ? 1 - mmr : 1 + mmr);
      const notional = q * liq;
      if (liq < lo) below += notional;
      else if (liq >= hi) above += notional;
      else {
        const b = Math.min(bins - 1, Math.floor((liq - lo) / w));
        if (this.inAuction[i]) auction[b] += notional;
        else if (isLong) long[b] += notional;
        else short[b] += notional;
      }
    }
    return { long, short, auction, below, above, width: w };
  }

  /** Positions still open (not closed, not in auction), and in auction. */
  counts(): { open: number; auction: number } {
    let open = 0, auction = 0;
    for (let i = 0; i < this.q.length; i++) {
      if (this.q[i] <= 0) continue;
      if (this.inAuction[i]) auction++;
      else open++;
    }
    return { open, auction };
  }
}
