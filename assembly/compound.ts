// Compound III (Comet) after `absorb` (docs/model.md §6, "compound"; compound-finance/comet): the
// protocol holds the collateral it absorbed and sells it through `buyCollateral` at the oracle price
// less storeFrontPriceFactor x (1 - liquidationFactor), only while its reserves (the fund) are below
// target. A buyer takes what it can resell on the market at a profit; its sale joins the step's flow.
import { PathState } from './path-state';

export class Absorbed {
  private ps: PathState;
  /** Asset units the protocol holds (negative: owes, from absorbed shorts), and the cash it paid and got. */
  units: f64 = 0;
  private paid: f64 = 0;
  private got: f64 = 0;

  constructor(ps: PathState) {
    this.ps = ps;
  }

  reset(): void {
    this.units = this.paid = this.got = 0;
  }

  /** The protocol takes signed q units at price O (it paid their value to settle the position). */
  take(sq: f64, O: f64): void {
    this.units += sq;
    this.paid += sq * O;
  }

  /** One step of buyCollateral: a buyer takes (part of) the holding when reselling it pays. */
  sell(): void {
    const ps = this.ps, m = ps.m;
    if (this.units == 0 || ps.fund >= m.targetReserves || ps.capLeft <= 0) return;
    const s: f64 = this.units > 0 ? 1 : -1;
    const O = ps.oraclePrice(), Pm = ps.marketPrice();
    const discount = m.storeFront * m.penalty;
    const price = s > 0 ? O * (1 - discount) : O * (1 + discount);
    let qt = Math.abs(this.units);
    let capped = qt * Pm > ps.capLeft;
    if (capped) qt = ps.capLeft / Pm;
    if (s * qt * (Pm - price) - ps.gasT <= 0) return; // not even at the market price now
    const v = ps.impact.clip(ps.U, -s * qt * m.S0, ps.impactFloor, ps.impactCeiling);
    if (v == 0) return; // the price band: the market takes no more
    if (Math.abs(v) < qt * m.S0) {
      qt = Math.abs(v) / m.S0;
      capped = false;
    }
    const Xm = ps.refPrice() * ps.impact.average(ps.U, v);
    if (s * qt * (Xm - price) - ps.gasT <= 0) return;
    ps.U += v;
    ps.capLeft = capped ? 0 : ps.capLeft - qt * Pm;
    this.units -= s * qt;
    this.got += s * qt * price;
  }

  /** What holding and selling the absorbed collateral made, the rest marked at price P. */
  pnl(P: f64): f64 {
    return this.got - this.paid + this.units * P;
  }
}
