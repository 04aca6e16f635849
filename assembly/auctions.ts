// Dutch auctions (docs/model.md §6, "dutch"), as Maker's Clipper runs them: a liquidatable position's
// collateral is put up at auctionStart x the oracle price (buf), and the price decays along an abacus
// (linear, exponential, or dss's stairstep: cut every step seconds). Past the tail, or below the cusp,
// the auction restarts from the current oracle price and can sell on that same step. Whoever starts
// or restarts one earns the keeper incentive (tip + chip x debt). Auctions are kept in start order.
import * as A from './shared/abi';
import { CLOSED, IN_AUCTION } from './common';
import { PathState } from './path-state';
import { payKeeper, settle } from './settlement';

/** A stair edge within this share of a stair counts as reached. */
const EDGE: f64 = 1e-9;

/**
 * Whole stairs in e seconds of stairs of `stair` seconds (dss: `(now - tic) / step`, in integers).
 * In floating point 15 steps of 1.1 s over stairs of 1.1 s give 14.999999999999998: the edge
 * tolerance counts that stair as reached.
 */
export function stairsIn(e: f64, stair: f64): f64 {
  return Math.floor(e / stair + EDGE);
}

export class Auctions {
  count: i32 = 0;
  private ps: PathState;
  aPos: StaticArray<i32>;
  aLot: StaticArray<f64>;
  aK: StaticArray<f64>;
  private aO0: StaticArray<f64>;
  private aStart: StaticArray<i32>;
  // The step's reference and market prices: they change only when a take adds flow.
  private Pref: f64 = 0;
  private Pm: f64 = 0;

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
    const q = unchecked(ps.q[c]);
    ps.markDirty(c);
    unchecked((ps.state[c] = IN_AUCTION));
    if (unchecked(ps.book.side[c]) > 0) {
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
    this.reward(t, k, q);
  }

  /**
   * The price as a share of the starting price after e seconds: dss's abaci. Linear and
   * exponential reach auctionEnd / auctionStart at the tail; stairstep cuts once every stair.
   */
  decay(e: f64): f64 {
    const m = this.ps.m;
    if (m.auctionDecay == A.AUCTION_DECAY_LINEAR) return 1 - (e / m.auctionDuration) * (1 - m.auctionEnd / m.auctionStart);
    if (m.auctionDecay == A.AUCTION_DECAY_EXPONENTIAL) return NativeMath.exp((e / m.auctionDuration) * m.logEndRatio);
    return NativeMath.exp(stairsIn(e, m.stairTime) * m.logCut);
  }

  /** Price the protocol asks (longs) or offers (shorts) at decay d: a short's is the mirror image. */
  price(O0: f64, d: f64, s: f64): f64 {
    const multiple = this.ps.m.auctionStart * d;
    return s > 0 ? O0 * multiple : O0 / multiple;
  }

  /** Each open auction, in the order they started: restarted when due, then offered to liquidators. */
  run(t: i32): void {
    const ps = this.ps, m = ps.m;
    this.Pref = ps.refPrice();
    this.Pm = ps.marketPrice();
    let w = 0;
    ps.examined += this.count;
    for (let k = 0; k < this.count; k++) {
      const c = unchecked(this.aPos[k]);
      let lot = unchecked(this.aLot[k]);
      let d = this.decay(<f64>(t - unchecked(this.aStart[k])) * m.dt);
      // dss's redo: past the tail (strictly: the tail's own price is offered) or below the cusp.
      if (<f64>(t - unchecked(this.aStart[k])) * m.dt > m.auctionDuration || d < m.cusp) {
        if (m.backstop) {
          if (ps.capLeft > 0) lot = this.closeAtMarket(t, k, c, lot);
          d = -1; // no auction price this step
        } else {
          unchecked((this.aO0[k] = ps.oraclePrice()));
          unchecked((this.aStart[k] = t));
          this.reward(t, k, lot);
          d = 1;
        }
      }
      if (d >= 0 && ps.capLeft > 0) lot = this.offer(t, k, c, lot, d);
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

  /** A liquidator buys (part of) the lot at the auction price when reselling it on the market pays. */
  private offer(t: i32, k: i32, c: i32, lot: f64, d: f64): f64 {
    const ps = this.ps, m = ps.m;
    const s = <f64>unchecked(ps.book.side[c]);
    let qt = lot;
    let capped = qt * this.Pm > ps.capLeft;
    if (capped) qt = ps.capLeft / this.Pm;
    const price = this.price(unchecked(this.aO0[k]), d, s);
    // The buyer trades the lot away no better than at the market price now: if even that would not
    // pay, skip the execution price (an exp) altogether. The decision is the same.
    if (s * qt * (this.Pm - price) + m.liquidatorShare * m.penalty * qt * price - ps.gasT <= 0) return lot;
    const v = ps.impact.clip(ps.U, -s * qt * m.S0, ps.impactFloor, ps.impactCeiling);
    if (v == 0) return lot; // the price band is reached: the market takes no more
    if (Math.abs(v) < qt * m.S0) {
      qt = Math.abs(v) / m.S0;
      capped = false;
    }
    const Xm = this.Pref * ps.impact.average(ps.U, v); // where the buyer can trade the lot away
    const V = s * qt * (price - unchecked(this.aK[k]));
    const paid = V > 0 ? Math.min(V, m.penalty * qt * price) : 0;
    if (s * qt * (Xm - price) + m.liquidatorShare * paid - ps.gasT <= 0) return lot;
    ps.U += v;
    ps.capLeft = capped ? 0 : ps.capLeft - qt * this.Pm;
    lot -= qt;
    settle(ps, t, c, qt, price, V, paid, true, A.EV_AUCTION, s * qt * (this.Pm - price), lot);
    this.Pm = ps.marketPrice();
    return lot;
  }

  /** With a backstop, an auction that would restart is closed by the protocol at market instead. */
  private closeAtMarket(t: i32, k: i32, c: i32, lot: f64): f64 {
    const ps = this.ps, m = ps.m;
    const s = <f64>unchecked(ps.book.side[c]);
    let qt = lot;
    let capped = qt * this.Pm > ps.capLeft;
    if (capped) qt = ps.capLeft / this.Pm;
    const v = ps.impact.clip(ps.U, -s * qt * m.S0, ps.impactFloor, ps.impactCeiling);
    if (v == 0) return lot; // the price band is reached: the market takes no more
    if (Math.abs(v) < qt * m.S0) {
      qt = Math.abs(v) / m.S0;
      capped = false;
    }
    const Xm = this.Pref * ps.impact.average(ps.U, v);
    const V = s * qt * (Xm - unchecked(this.aK[k]));
    const paid = V > 0 ? Math.min(V, m.penalty * qt * Xm) : 0;
    ps.U += v;
    ps.capLeft = capped ? 0 : ps.capLeft - qt * this.Pm;
    lot -= qt;
    settle(ps, t, c, qt, Xm, V, paid, false, A.EV_BACKSTOP, qt * Math.abs(this.Pm - Xm), lot);
    this.Pm = ps.marketPrice();
    return lot;
  }

  /**
   * Keeper incentive for starting or restarting auction k (dss: tip + chip x tab, the tab being the
   * debt with its penalty: lot x bankruptcy price x (1 + penalty)); logged as the auction's kick.
   */
  private reward(t: i32, k: i32, lot: f64): void {
    const ps = this.ps, m = ps.m;
    const c = unchecked(this.aPos[k]);
    const amount = m.keeperTip + m.keeperChip * lot * unchecked(this.aK[k]) * (1 + m.penalty);
    const ask = this.price(unchecked(this.aO0[k]), 1, <f64>unchecked(ps.book.side[c]));
    payKeeper(ps, t, c, lot, ask, amount);
  }
}
