// Parking: when only keepers liquidate, some waiting positions cannot be served whatever happens this
// step, and the desk's walk passes them in runs instead of refusing each (docs/model.md §5). A
// position is unservable when it is bankrupt at the market price, or too small for any reward to pay
// a keeper's gas; the ladder keeps such positions in its park, with a tree of their sizes.
import { Ladder } from './ladder';
import { PathState } from './path-state';

export class Parking {
  private ps: PathState;
  // The prices of the step at the moment the walk reached the run, and the dust size on its side.
  private runPm: f64 = 0;
  private runO: f64 = 0;
  private runDust: f64 = 0;

  constructor(ps: PathState) {
    this.ps = ps;
  }

  /**
   * True when no keeper would take position c now, whatever the amount: it is bankrupt at the market
   * price, so a keeper's reward (at most the equity left at the execution price) is no more than the
   * slippage its trade causes; or it is too small for any reward to pay the gas (dustSize). And the
   * band leaves room to trade, so the walk would not stop there.
   */
  unservable(c: i32): bool {
    const ps = this.ps, imp = ps.impact, U = ps.U;
    const s = <i32>unchecked(ps.book.side[c]);
    const room = s > 0
      ? imp.g(U) <= ps.impactCeiling && imp.inverse(ps.impactFloor) - U < 0
      : imp.g(U) >= ps.impactFloor && imp.inverse(ps.impactCeiling) - U > 0;
    if (!room) return false;
    this.runPm = ps.marketPrice();
    this.runDust = this.dustSize(s);
    return this.bankrupt(c, s) || unchecked(ps.q[c]) <= this.runDust;
  }

  /**
   * Sizes up to this cannot pay a keeper's gas on this side now: the reward is at most liquidatorShare
   * x penalty x size x the execution price, which is at most the market price for a sale and the top
   * of the price band for a purchase. A margin of 1e-9 keeps the test clear of rounding.
   */
  private dustSize(sign: i32): f64 {
    const ps = this.ps, m = ps.m;
    const X = sign > 0 ? this.runPm : NativeMath.exp(ps.logPref + ps.impactCeiling);
    return ps.gasT / (m.liquidatorShare * m.penalty * X * (1 + 1e-9));
  }

  /** Bankrupt at the market price (runPm): the long's K at or above it, the short's at or below. */
  @inline private bankrupt(x: i32, sign: i32): bool {
    const k = this.ps.kEff(x);
    return sign > 0 ? k >= this.runPm : k <= this.runPm;
  }

  /** Liquidatable and ahead of the other side's candidate: monotone along the ladder. */
  private ahead(x: i32, sign: i32, other: i32): bool {
    const ps = this.ps;
    if (!ps.liquidatable(x)) return false;
    if (other < 0) return true;
    const k = ps.kEff(x), O = this.runO;
    return sign > 0 ? O - k <= ps.kEff(other) - O : !(O - ps.kEff(other) <= k - O);
  }

  /**
   * Passes the run of positions on ladder l (side `sign`) that the walk would now examine and refuse
   * one by one: liquidatable, ahead of the other side's candidate, and bankrupt or too small to pay
   * a keeper. Nothing trades meanwhile, so nothing else changes. Parked positions are passed with two
   * binary searches (where the run must end; where the bankrupt ones end) and a descent of the size
   * tree (the first large enough to pay); newly unservable ones are parked as they are reached. The
   * walk's cost then grows with the positions it can serve, not with the queue of those it cannot.
   */
  passRun(l: Ladder, sign: i32, other: i32): void {
    const ps = this.ps;
    this.runO = ps.oraclePrice(); // runPm and runDust: set by unservable() just now
    for (;;) {
      const h = l.peekUnparked();
      const fromPark = l.parkHead < l.parkLen && (h < 0 || l.before(unchecked(l.park[l.parkHead]), h));
      const x = fromPark ? unchecked(l.park[l.parkHead]) : h;
      if (x < 0 || !this.ahead(x, sign, other) || !(this.bankrupt(x, sign) || unchecked(ps.q[x]) <= this.runDust)) return;
      ps.examined += 1;
      if (!fromPark) {
        l.popUnparked(x);
        l.parkFresh(x);
        continue;
      }
      // Where the run must end: the first parked position not ahead, or not before h.
      let lo = l.parkHead + 1, hi = l.parkLen;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const y = unchecked(l.park[mid]);
        if (this.ahead(y, sign, other) && (h < 0 || l.before(y, h))) lo = mid + 1;
        else hi = mid;
      }
      const end = lo;
      // Where the bankrupt ones end; from there, the first large enough to pay a keeper stops it.
      lo = l.parkHead;
      hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.bankrupt(unchecked(l.park[mid]), sign)) lo = mid + 1;
        else hi = mid;
      }
      l.parkHead = l.firstLarger(lo, end, this.runDust);
    }
  }
}
