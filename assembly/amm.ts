// The protocol-owned constant-product pool of the amm mechanism (docs/model.md §6, "amm"): asset
// reserve x and stable reserve y, half of ammLiquidity each at S0. Arbitrageurs pull its price toward
// the market's each step; liquidations trade with it within its room.
import { PathState } from './path-state';

/** The pool sells at most this share of its asset reserve in one trade. */
const AMM_MAX_TAKE: f64 = 0.9;

export class Amm {
  private ps: PathState;
  private ax: f64 = 0;
  private ay: f64 = 0;

  constructor(ps: PathState) {
    this.ps = ps;
  }

  reset(): void {
    const m = this.ps.m;
    this.ax = (0.5 * m.ammLiquidity) / m.S0;
    this.ay = 0.5 * m.ammLiquidity;
  }

  /**
   * Step 1: arbitrageurs pull the pool's price toward the market's by the share arbPull; the asset
   * they take from the pool they sell on the market (or the reverse), and that flow moves the price.
   */
  arbitrage(): void {
    const ps = this.ps;
    const lp = NativeMath.log(this.ay / this.ax);
    const target = lp + (ps.logPref - lp) * ps.m.arbPull;
    const k = this.ax * this.ay;
    let x1 = Math.sqrt(k / NativeMath.exp(target));
    // What they take from the pool they trade on the market, within the price band.
    const v = ps.impact.clip(ps.U, -(this.ax - x1) * ps.m.S0, ps.impactFloor, ps.impactCeiling);
    x1 = this.ax + v / ps.m.S0;
    this.ax = x1;
    this.ay = k / x1;
    ps.U += v;
  }

  /**
   * How much of qc units (a long's collateral sold, s > 0, or a short's bought, s < 0) the pool takes:
   * its price stays inside the price band around the fundamental (like the book's) and within
   * ammMaxSlippage of the market price Pm (a protocol sells with a limit, not at any price).
   */
  room(s: f64, qc: f64, Pm: f64): f64 {
    const ps = this.ps;
    const k = this.ax * this.ay, limit = ps.m.ammMaxSlippage;
    const room = s < 0
      ? this.ax - Math.sqrt(k / Math.min(NativeMath.exp(ps.logPref + ps.impactCeiling), Pm / (1 - limit)))
      : Math.sqrt(k / Math.max(NativeMath.exp(ps.logPref + ps.impactFloor), Pm * (1 - limit))) - this.ax;
    if (qc > room) qc = room;
    if (s < 0 && qc > AMM_MAX_TAKE * this.ax) qc = AMM_MAX_TAKE * this.ax;
    return qc;
  }

  /**
   * Trades qc units with the pool; returns the average price. Constant product: the pool pays (or is
   * paid) the change in its stable reserve, y·qc/x1 for qc units, so the average price is y / x1
   * (written so, it loses no digits for a small trade).
   */
  trade(s: f64, qc: f64): f64 {
    const x1 = s > 0 ? this.ax + qc : this.ax - qc;
    const X = this.ay / x1;
    this.ay = (this.ax * this.ay) / x1;
    this.ax = x1;
    return X;
  }

  /** The pool's change in value, marked at price P. */
  pnl(P: f64): f64 {
    return this.ax * P + this.ay - this.ps.m.ammLiquidity;
  }
}
