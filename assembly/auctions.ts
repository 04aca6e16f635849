// Dutch auctions (docs/model.md §6, "dutch"): a liquidatable position's collateral is put up at a
// price that decays from auctionStart x oracle; a liquidator buys when reselling on the market pays.
// Auctions are kept in the order they started.
import * as A from './shared/abi';
import { CLOSED, IN_AUCTION } from './common';
import { PathState } from './path-state';
import { settle } from './settlement';

export class Auctions {
  count: i32 = 0;
  private ps: PathState;
  aPos: StaticArray<i32>;
  aLot: StaticArray<f64>;
  aK: StaticArray<f64>;
  private aO0: StaticArray<f64>;
  private aStart: StaticArray<i32>;

  constructor(ps: PathState) {
    this.ps = ps;
    const n = ps.book.n;
    this.aPos = new StaticArray<i32>(n);
    this.aLot = new StaticArray<f64>(n);
    this.aK = new StaticArray<f64>(n);
    this.aO0 = new StaticArray<f64>(n);
    this.aStart = new StaticArray<i32>(n);
  }

  /** Dutch mechanism: the position's collateral goes to auction; the trader's position ends. */
  kick(c: i32, t: i32): void {
    const ps = this.ps;
    const s = <f64>unchecked(ps.book.side[c]);
    const q = unchecked(ps.q[c]);
    ps.markDirty(c);
    unchecked((ps.state[c] = IN_AUCTION));
    if (s > 0) {
      ps.openL -= q;
      ps.openQKL -= q * unchecked(ps.K[c]);
    } else {
      ps.openS -= q;
      ps.openQKS -= q * unchecked(ps.K[c]);
    }
    const k = this.count++;
    unchecked((this.aPos[k] = c));
    unchecked((this.aLot[k] = q));
    unchecked((this.aK[k] = ps.kEff(c)));
    unchecked((this.aO0[k] = ps.oraclePrice()));
    unchecked((this.aStart[k] = t));
    if (ps.tracing) ps.event(t, c, q, this.price(ps.oraclePrice(), 0, s), 0, 0, 0, 0, 0, A.EV_KICK, q);
  }

  /** Price the protocol asks (longs) or offers (shorts) at fraction u of the auction. */
  price(O0: f64, u: f64, s: f64): f64 {
    const m = this.ps.m;
    let d: f64;
    if (m.auctionDecay == A.AUCTION_DECAY_LINEAR) d = 1 - u * (1 - m.auctionEnd / m.auctionStart);
    else if (m.auctionDecay == A.AUCTION_DECAY_EXPONENTIAL) d = NativeMath.exp(u * m.logEndRatio);
    else d = NativeMath.exp((Math.floor(u * m.auctionSteps) / m.auctionSteps) * m.logEndRatio);
    const multiple = m.auctionStart * d;
    return s > 0 ? O0 * multiple : O0 / multiple;
  }

  /** Each open auction, in the order they started: a liquidator buys (part of) the lot when it pays. */
  run(t: i32): void {
    const ps = this.ps, m = ps.m;
    // Prices change only when a take adds flow: computed once, and again after each take.
    const Pref = NativeMath.exp(ps.logPref);
    let Pm = ps.marketPrice();
    let w = 0;
    ps.examined += this.count;
    for (let k = 0; k < this.count; k++) {
      const c = unchecked(this.aPos[k]);
      const s = <f64>unchecked(ps.book.side[c]);
      let lot = unchecked(this.aLot[k]);
      const u = (<f64>(t - unchecked(this.aStart[k])) * m.dt) / m.auctionDuration;
      if (u >= 1 && !m.backstop) {
        unchecked((this.aO0[k] = ps.oraclePrice())); // unsold: the auction restarts from the current oracle price
        unchecked((this.aStart[k] = t));
      } else if (ps.capLeft > 0) {
        let qt = lot;
        let capped = qt * Pm > ps.capLeft;
        if (capped) qt = ps.capLeft / Pm;
        // The buyer trades the lot away no better than at the market price now: if even that would
        // not pay, skip the execution price (an exp) altogether. The decision is the same.
        const price = u >= 1 ? 0 : this.price(unchecked(this.aO0[k]), u, s);
        let hopeless = u < 1 && s * qt * (Pm - price) + m.liquidatorShare * m.penalty * qt * price - ps.gasT <= 0;
        const v = hopeless ? 0 : ps.impact.clip(ps.U, -s * qt * m.S0, ps.impactFloor, ps.impactCeiling);
        if (v == 0) hopeless = true; // the price band is reached: the market takes no more
        else if (Math.abs(v) < qt * m.S0) {
          qt = Math.abs(v) / m.S0;
          capped = false;
        }
        const Xm = hopeless ? 0 : Pref * ps.impact.average(ps.U, v); // where the buyer can trade the lot away
        if (hopeless) {
          // nobody buys this step
        } else if (u >= 1) {
          // Unsold at the end: the backstop closes it at market.
          const V = s * qt * (Xm - unchecked(this.aK[k]));
          const paid = V > 0 ? Math.min(V, m.penalty * qt * Xm) : 0;
          ps.U += v;
          ps.capLeft = capped ? 0 : ps.capLeft - qt * Pm;
          lot -= qt;
          settle(ps, t, c, qt, Xm, V, paid, false, A.EV_BACKSTOP, qt * Math.abs(Pm - Xm), lot);
          Pm = ps.marketPrice();
        } else {
          const V = s * qt * (price - unchecked(this.aK[k]));
          const paid = V > 0 ? Math.min(V, m.penalty * qt * price) : 0;
          const profit = s * qt * (Xm - price) + m.liquidatorShare * paid - ps.gasT;
          if (profit > 0) {
            ps.U += v;
            ps.capLeft = capped ? 0 : ps.capLeft - qt * Pm;
            lot -= qt;
            settle(ps, t, c, qt, price, V, paid, true, A.EV_AUCTION, s * qt * (Pm - price), lot);
            Pm = ps.marketPrice();
          }
        }
      }
      if (lot > 0) {
        unchecked((this.aPos[w] = c));
        unchecked((this.aLot[w] = lot));
        unchecked((this.aK[w] = this.aK[k]));
        unchecked((this.aO0[w] = this.aO0[k]));
        unchecked((this.aStart[w] = this.aStart[k]));
        w++;
      } else {
        unchecked((ps.q[c] = 0));
        unchecked((ps.state[c] = CLOSED));
      }
    }
    this.count = w;
  }
}
