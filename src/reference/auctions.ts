// Reference twin of assembly/auctions.ts: Dutch auctions (docs/model.md §6, "dutch"). A liquidatable
// position's collateral is put up at a price that decays from auctionStart x oracle; a liquidator
// buys when reselling on the market pays. Auctions are kept in the order they started.
import * as A from '../../assembly/shared/abi';
import { CLOSED, IN_AUCTION } from './common';
import type { Desk } from './desk';
import type { ReferenceEngine } from './engine';

const { EV_AUCTION, EV_BACKSTOP, EV_KICK, DECAY_LINEAR, DECAY_EXPONENTIAL } = A;

export class Auctions {
  count = 0;
  readonly aPos: Int32Array;
  readonly aLot: Float64Array;
  readonly aK: Float64Array;
  private readonly aO0: Float64Array;
  private readonly aStart: Float64Array;

  constructor(private readonly e: ReferenceEngine, private readonly desk: Desk) {
    const n = e.book.n;
    this.aPos = new Int32Array(n);
    this.aLot = new Float64Array(n);
    this.aK = new Float64Array(n);
    this.aO0 = new Float64Array(n);
    this.aStart = new Float64Array(n);
  }

  /** Dutch mechanism: the position's collateral goes to auction; the trader's position ends. */
  kick(c: number, t: number): void {
    const e = this.e;
    const s = e.book.side[c];
    e.markDirty(c);
    e.state[c] = IN_AUCTION;
    if (s > 0) {
      e.openL -= e.q[c];
      e.openQKL -= e.q[c] * e.K[c];
    } else {
      e.openS -= e.q[c];
      e.openQKS -= e.q[c] * e.K[c];
    }
    const k = this.count++;
    this.aPos[k] = c;
    this.aLot[k] = e.q[c];
    this.aK[k] = e.kEff(c);
    this.aO0[k] = e.oraclePrice();
    this.aStart[k] = t;
    if (e.trace) this.desk.event(t, c, e.q[c], this.price(e.oraclePrice(), 0, s), 0, 0, 0, 0, 0, EV_KICK, e.q[c]);
  }

  /** Price the protocol asks (longs) or offers (shorts) at fraction u of the auction. */
  price(O0: number, u: number, s: number): number {
    const m = this.e.m;
    let d: number;
    if (m.auctionDecay === DECAY_LINEAR) d = 1 - u * (1 - m.auctionEnd / m.auctionStart);
    else if (m.auctionDecay === DECAY_EXPONENTIAL) d = Math.exp(u * m.logEndRatio);
    else d = Math.exp((Math.floor(u * m.auctionSteps) / m.auctionSteps) * m.logEndRatio);
    const multiple = m.auctionStart * d;
    return s > 0 ? O0 * multiple : O0 / multiple;
  }

  /** Each open auction, in the order they started: a liquidator buys (part of) the lot when it pays. */
  run(t: number): void {
    const e = this.e, m = e.m;
    // Prices change only when a take adds flow: computed once, and again after each take.
    const Pref = Math.exp(e.logPref);
    let Pm = e.marketPrice();
    let w = 0;
    for (let k = 0; k < this.count; k++) {
      const c = this.aPos[k];
      const s = e.book.side[c];
      let lot = this.aLot[k];
      const u = ((t - this.aStart[k]) * m.dt) / m.auctionDuration;
      if (u >= 1 && !m.backstop) {
        this.aO0[k] = e.oraclePrice(); // unsold: the auction restarts from the current oracle price
        this.aStart[k] = t;
      } else if (this.desk.capLeft > 0) {
        let qt = lot;
        let capped = qt * Pm > this.desk.capLeft;
        if (capped) qt = this.desk.capLeft / Pm;
        // The buyer trades the lot away no better than at the market price now: if even that would
        // not pay, skip the execution price (an exp) altogether. The decision is the same.
        const price = u >= 1 ? 0 : this.price(this.aO0[k], u, s);
        let hopeless = u < 1 && s * qt * (Pm - price) + m.liquidatorShare * m.penalty * qt * price - e.gasT <= 0;
        const v = hopeless ? 0 : e.impact.clip(e.U, -s * qt * m.S0, e.impactFloor, e.impactCeiling);
        if (v === 0) hopeless = true; // the price band is reached: the market takes no more
        else if (Math.abs(v) < qt * m.S0) {
          qt = Math.abs(v) / m.S0;
          capped = false;
        }
        const Xm = hopeless ? 0 : Pref * e.impact.average(e.U, v); // where the buyer can trade the lot away
        if (hopeless) {
          // nobody buys this step
        } else if (u >= 1) {
          // Unsold at the end: the backstop closes it at market.
          const V = s * qt * (Xm - this.aK[k]);
          const paid = V > 0 ? Math.min(V, m.penalty * qt * Xm) : 0;
          e.U += v;
          this.desk.capLeft = capped ? 0 : this.desk.capLeft - qt * Pm;
          lot -= qt;
          this.desk.settle(t, c, qt, Xm, V, paid, false, EV_BACKSTOP, qt * Math.abs(Pm - Xm), lot);
          Pm = e.marketPrice();
        } else {
          const V = s * qt * (price - this.aK[k]);
          const paid = V > 0 ? Math.min(V, m.penalty * qt * price) : 0;
          const profit = s * qt * (Xm - price) + m.liquidatorShare * paid - e.gasT;
          if (profit > 0) {
            e.U += v;
            this.desk.capLeft = capped ? 0 : this.desk.capLeft - qt * Pm;
            lot -= qt;
            this.desk.settle(t, c, qt, price, V, paid, true, EV_AUCTION, s * qt * (Pm - price), lot);
            Pm = e.marketPrice();
          }
        }
      }
      if (lot > 0) {
        this.aPos[w] = c;
        this.aLot[w] = lot;
        this.aK[w] = this.aK[k];
        this.aO0[w] = this.aO0[k];
        this.aStart[w] = this.aStart[k];
        w++;
      } else {
        e.q[c] = 0;
        e.state[c] = CLOSED;
      }
    }
    this.count = w;
  }
}
