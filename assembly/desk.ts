// The liquidation desk: finds liquidatable positions, the most under water first, and handles each
// by the scenario's mechanism; settles every closed amount (docs/model.md, "Settlement").
import * as A from './shared/abi';
import { Auctions } from './auctions';
import { CLOSED, OPEN, logOf, sortBy } from './common';
import { Engine } from './engine';
import { sortLadder } from './ladder';
import { Schedules } from './schedule';

/** A remainder below this share of the original size is closed with the rest. */
const DUST: f64 = 0.01;
/** The AMM sells at most this share of its asset reserve in one trade. */
const AMM_MAX_TAKE: f64 = 0.9;

export class Desk {
  private e: Engine;
  capLeft: f64 = 0; // liquidators' capacity left this step (auctions use it too)
  private rateLeft: f64 = 0;
  private reinsert: StaticArray<i32>;
  private reinsertCount: i32 = 0;
  private blockedL: bool = false; // the price band stopped this step's long sales
  private blockedS: bool = false; // and short purchases
  private longList: StaticArray<i32>;
  private shortList: StaticArray<i32>;
  private longLen: i32 = 0;
  private shortLen: i32 = 0;
  // Dutch auctions.
  auctions!: Auctions; // made last in the constructor: it keeps a reference to this desk
  // Protocol-owned constant-product pool: asset reserve x, stable reserve y.
  private ax: f64 = 0;
  private ay: f64 = 0;
  private deficitIdx: StaticArray<i32>;
  private deficitVal: StaticArray<f64>;
  // Partial mechanism on the optimal schedule: the positions being sold down.
  sched: Schedules;

  constructor(e: Engine) {
    this.e = e;
    const n = e.book.n;
    this.reinsert = new StaticArray<i32>(n);
    this.longList = new StaticArray<i32>(n);
    this.shortList = new StaticArray<i32>(n);
    this.deficitIdx = new StaticArray<i32>(n);
    this.deficitVal = new StaticArray<f64>(n);
    this.sched = new Schedules(n);
    this.auctions = new Auctions(e, this);
  }

  reset(): void {
    this.auctions.count = 0;
    this.sched.reset();
    const L = this.e.m.ammLiquidity;
    this.ax = (0.5 * L) / this.e.m.S0;
    this.ay = 0.5 * L;
  }

  /**
   * AMM mechanism, step 1: arbitrageurs pull the pool's price toward the market's by the share
   * arbPull; the asset they take from the pool they sell on the market (or the reverse), and that
   * flow moves the market price.
   */
  arbitrage(): void {
    const e = this.e;
    const lp = NativeMath.log(this.ay / this.ax);
    const target = lp + (e.logPref - lp) * e.m.arbPull;
    const k = this.ax * this.ay;
    let x1 = Math.sqrt(k / NativeMath.exp(target));
    // What they take from the pool they trade on the market, within the price band.
    const v = e.impact.clip(e.U, -(this.ax - x1) * e.m.S0, e.impactFloor, e.impactCeiling);
    x1 = this.ax + v / e.m.S0;
    this.ax = x1;
    this.ay = k / x1;
    e.U += v;
  }

  /** Steps 3 to 5 of a time step. */
  liquidate(t: i32): void {
    const e = this.e, m = e.m;
    this.capLeft = m.isAmm ? Infinity : m.capacity;
    this.rateLeft = m.isPartial ? m.maxLiqPerStep : Infinity;
    this.reinsertCount = 0;
    if (m.naive) this.scanAll();
    let li = 0, si = 0;
    this.blockedL = this.blockedS = false;
    if (this.sched.count > 0) this.runSchedules(t);
    for (;;) {
      // The next candidate on each side: from the ladders, or from this step's scan. A side the
      // price band has blocked trades no more this step: its forced trades all push one way.
      let a: i32, b: i32;
      if (m.naive) {
        a = li < this.longLen ? unchecked(this.longList[li]) : -1;
        b = si < this.shortLen ? unchecked(this.shortList[si]) : -1;
      } else {
        a = e.longs.peek();
        if (a >= 0 && !e.liquidatable(a)) a = -1;
        b = e.shorts.peek();
        if (b >= 0 && !e.liquidatable(b)) b = -1;
      }
      if (this.blockedL) a = -1;
      if (this.blockedS) b = -1;
      if (a < 0 && b < 0) break;
      // Across sides, the lower equity at the oracle price (per unit of price) goes first.
      const c = a < 0 ? b : b < 0 ? a : e.oraclePrice() - e.kEff(a) <= e.kEff(b) - e.oraclePrice() ? a : b;
      if (!m.isDutch && (this.capLeft <= 0 || this.rateLeft <= 0)) break;
      if (c == a) li++;
      else si++;
      if (!m.naive) {
        if (unchecked(e.book.side[c]) > 0) e.longs.pop(c);
        else e.shorts.pop(c);
      }
      if (m.isDutch) this.auctions.kick(c, t);
      else if (m.scheduleSteps > 0) {
        // The position starts its optimal schedule; this step sells its first slice.
        const q = unchecked(e.q[c]);
        this.sched.add(c, q, t);
        this.close(c, t, q - this.sched.target(this.sched.count - 1, t, m.scheduleKappa, m.scheduleSteps, m.dt));
      } else {
        const q = unchecked(e.q[c]);
        this.close(c, t, m.isPartial ? q * this.partialFraction(e.kEff(c), <f64>unchecked(e.book.side[c])) : q);
      }
    }
    if (m.isDutch && this.auctions.count > 0) this.auctions.run(t);
    if (!m.naive) {
      for (let k = 0; k < this.reinsertCount; k++) {
        const i = unchecked(this.reinsert[k]);
        if (unchecked(e.book.side[i]) > 0) e.longs.push(i);
        else e.shorts.push(i);
      }
    }
  }

  /** Naive baseline: every open position is tested every step, then sorted like the ladders. */
  private scanAll(): void {
    const e = this.e;
    this.longLen = this.shortLen = 0;
    for (let i = 0; i < e.book.n; i++) {
      if (unchecked(e.state[i]) != OPEN || unchecked(this.sched.on[i]) != 0 || !e.liquidatable(i)) continue;
      if (unchecked(e.book.side[i]) > 0) unchecked((this.longList[this.longLen++] = i));
      else unchecked((this.shortList[this.shortLen++] = i));
    }
    sortLadder(this.longList, this.longLen, 1, e.K);
    sortLadder(this.shortList, this.shortLen, -1, e.K);
  }

  /**
   * Schedules sell before the ladder is walked: each open one down to its target for this step, while
   * the liquidators' capacity and the rate limit last; a side the band has blocked waits.
   */
  private runSchedules(t: i32): void {
    const e = this.e, m = e.m, sc = this.sched;
    for (let k = 0; k < sc.count; k++) {
      if (this.capLeft <= 0 || this.rateLeft <= 0) break;
      const c = unchecked(sc.pos[k]);
      if (unchecked(e.state[c]) != OPEN || (unchecked(e.book.side[c]) > 0 ? this.blockedL : this.blockedS)) continue;
      const want = unchecked(e.q[c]) - sc.target(k, t, m.scheduleKappa, m.scheduleSteps, m.dt);
      if (want > 0) this.close(c, t, want);
    }
    sc.compact(e.state);
  }

  /** A position that was not (fully) closed goes back on the ladder, unless a schedule drives it. */
  @inline private wait(c: i32): void {
    if (unchecked(this.sched.on[c]) == 0) unchecked((this.reinsert[this.reinsertCount++] = c));
  }

  /** Full, partial and AMM mechanisms: close `want` of position c, or the part the limits allow. */
  private close(c: i32, t: i32, want: f64): void {
    const e = this.e, m = e.m;
    const s = <f64>unchecked(e.book.side[c]);
    const q = unchecked(e.q[c]);
    const Keff = e.kEff(c);
    const Pm = e.marketPrice();
    let qc = Math.min(want, q);
    let capped = false, rated = false;
    if (q - qc < DUST * unchecked(e.book.q[c])) qc = q;
    if (m.isAmm) {
      // The pool's price stays inside the price band around the fundamental (like the book's):
      // a pool drained or flooded to the band's edge takes no more, and the rest waits.
      const k = this.ax * this.ay;
      const room = s < 0 ? this.ax - Math.sqrt(k / NativeMath.exp(e.logPref + e.impactCeiling)) : Math.sqrt(k / NativeMath.exp(e.logPref + e.impactFloor)) - this.ax;
      if (qc > room) qc = room;
      if (s < 0 && qc > AMM_MAX_TAKE * this.ax) qc = AMM_MAX_TAKE * this.ax;
      if (!(qc > 0)) {
        this.wait(c);
        if (s > 0) this.blockedL = true;
        else this.blockedS = true;
        return;
      }
    } else {
      // A trade cut to what is left of a limit uses that limit up exactly (no dust of capacity).
      if (qc * Pm > this.capLeft) {
        qc = this.capLeft / Pm;
        capped = true;
      }
      if (qc * Pm > this.rateLeft) {
        qc = this.rateLeft / Pm;
        rated = true;
      }
    }
    let X: f64, v: f64 = 0, x1: f64 = 0;
    if (m.isAmm) {
      // Constant product: the pool pays (or is paid) the change in its stable reserve.
      x1 = s > 0 ? this.ax + qc : this.ax - qc;
      X = (s * (this.ay - (this.ax * this.ay) / x1)) / qc;
    } else {
      // Within the price band only: beyond it the book is exhausted and the rest waits.
      v = e.impact.clip(e.U, -s * qc * m.S0, e.impactFloor, e.impactCeiling);
      if (v == 0) {
        this.wait(c);
        if (s > 0) this.blockedL = true;
        else this.blockedS = true;
        return;
      }
      if (Math.abs(v) < qc * m.S0) {
        qc = Math.abs(v) / m.S0; // cut by the band, not by capacity or the rate limit
        capped = rated = false;
      }
      X = NativeMath.exp(e.logPref) * e.impact.average(e.U, v);
    }
    const V = s * qc * (X - Keff);
    const paid = V > 0 ? Math.min(V, m.penalty * qc * X) : 0;
    const slip = qc * Math.abs(Pm - X);
    let keeper = false, kind = A.EV_AMM;
    if (m.isAmm) {
      this.ay = (this.ax * this.ay) / x1;
      this.ax = x1;
    } else {
      // A keeper acts only if its reward beats gas and the slippage its trade causes.
      keeper = m.liquidatorShare * paid - e.gasT - slip > 0;
      if (!keeper && !m.backstop) {
        this.wait(c); // waits for a better moment
        return;
      }
      kind = keeper ? A.EV_KEEPER : A.EV_BACKSTOP;
      e.U += v;
      this.capLeft = capped ? 0 : this.capLeft - qc * Pm;
      this.rateLeft = rated ? 0 : this.rateLeft - qc * Pm;
    }
    e.markDirty(c);
    const rest = q - qc;
    this.settle(t, c, qc, X, V, paid, keeper, kind, slip, rest);
    if (s > 0) e.openL -= qc;
    else e.openS -= qc;
    const Kbefore = unchecked(e.K[c]);
    if (rest > 0) {
      // What the closed part returned stays as margin of the remainder, so its K moves.
      const K1 = V >= 0 ? (q * Keff - qc * X + s * paid) / rest : Keff;
      const K = s > 0 ? K1 - e.shiftL : K1 + e.shiftS;
      unchecked((e.K[c] = K));
      unchecked((e.logK[c] = logOf(K)));
      unchecked((e.q[c] = rest));
      this.wait(c);
      if (s > 0) e.openQKL += rest * K - q * Kbefore;
      else e.openQKS += rest * K - q * Kbefore;
    } else {
      unchecked((e.q[c] = 0));
      unchecked((e.state[c] = CLOSED));
      if (s > 0) e.openQKL -= q * Kbefore;
      else e.openQKS -= q * Kbefore;
    }
  }

  /** Share of the position to close: the close factor, or enough to restore mmr + buffer. */
  private partialFraction(Keff: f64, s: f64): f64 {
    const e = this.e, m = e.m;
    const O = e.oraclePrice();
    const health = (s * (O - Keff)) / O; // equity / notional at the oracle price
    const target = e.mmrT + m.buffer;
    const denom = target - m.penalty;
    const need = health > 0 && denom > 0 ? (target - health) / denom : 1;
    return Math.min(1, Math.max(m.closeFactor, need));
  }

  /** Settlement of value V of an amount qc closed at price X (docs/model.md, "Settlement"). */
  settle(t: i32, c: i32, qc: f64, X: f64, V: f64, paid: f64, keeper: bool, kind: i32, slip: f64, rest: f64): void {
    const e = this.e, tot = e.tot;
    let covered: f64 = 0, uncovered: f64 = 0, returned: f64 = 0;
    if (V >= 0) returned = V - paid;
    else {
      covered = Math.min(-V, e.fund);
      uncovered = -V - covered;
      e.fund -= covered;
    }
    const reward = keeper ? e.m.liquidatorShare * paid : 0;
    const toFund = paid - reward;
    e.fund += toFund;
    tot.value += V;
    tot.returned += returned;
    tot.rewards += reward;
    tot.penaltyToFund += toFund;
    tot.covered += covered;
    if (unchecked(e.book.side[c]) > 0) e.stepUncoveredL += uncovered;
    else e.stepUncoveredS += uncovered;
    const notional = qc * X;
    tot.liqNotional += notional;
    tot.slippage += slip;
    tot.traderCost += paid + slip;
    tot.liqCount += 1;
    if (kind == A.EV_BACKSTOP) tot.backstopNotional += notional;
    if (tot.firstLiq < 0) tot.firstLiq = t;
    if (covered > 0 && tot.firstFund < 0) tot.firstFund = t;
    e.addNotional(t, notional);
    if (e.tracing) this.event(t, c, qc, X, V, paid, reward, covered, uncovered, kind, rest);
  }

  event(t: i32, c: i32, qc: f64, X: f64, V: f64, paid: f64, reward: f64, covered: f64, uncovered: f64, kind: i32, rest: f64): void {
    const e = this.e;
    if (e.eventCount >= A.MAX_EVENTS) {
      e.eventsTruncated = true;
      return;
    }
    const ev = e.events;
    const o = e.eventCount++ * A.E_COUNT;
    unchecked((ev[o + A.E_STEP] = t));
    unchecked((ev[o + A.E_POSITION] = c));
    unchecked((ev[o + A.E_SIDE] = e.book.side[c]));
    unchecked((ev[o + A.E_QTY] = qc));
    unchecked((ev[o + A.E_PRICE] = X));
    unchecked((ev[o + A.E_VALUE] = V));
    unchecked((ev[o + A.E_PENALTY] = paid));
    unchecked((ev[o + A.E_REWARD] = reward));
    unchecked((ev[o + A.E_COVERED] = covered));
    unchecked((ev[o + A.E_UNCOVERED] = uncovered));
    unchecked((ev[o + A.E_KIND] = kind));
    unchecked((ev[o + A.E_REMAINING] = rest));
  }

  @inline private addDeficit(n: i32, i: i32, d: f64): i32 {
    if (d > 0) {
      unchecked((this.deficitIdx[n] = i));
      unchecked((this.deficitVal[i] = d));
      return n + 1;
    }
    return n;
  }

  /** Negative equity at price P of positions still open at the horizon, summed in position order. */
  openDeficit(P: f64): f64 {
    const e = this.e;
    let n = 0;
    if (e.m.naive) {
      for (let i = 0; i < e.book.n; i++) {
        if (unchecked(e.state[i]) == OPEN) n = this.addDeficit(n, i, unchecked(e.q[i]) * <f64>unchecked(e.book.side[i]) * (e.kEff(i) - P));
      }
    } else {
      for (let side = 0; side < 2; side++) {
        const l = side == 0 ? e.longs : e.shorts;
        for (let j = l.cursor; j < l.length; j++) {
          const i = unchecked(l.order[j]);
          const d = unchecked(e.q[i]) * <f64>unchecked(e.book.side[i]) * (e.kEff(i) - P);
          if (d <= 0) break; // the rest of the ladder is further from bankruptcy
          n = this.addDeficit(n, i, d);
        }
        for (let j = 0; j < l.heapSize; j++) {
          const i = unchecked(l.heap[j]);
          n = this.addDeficit(n, i, unchecked(e.q[i]) * <f64>unchecked(e.book.side[i]) * (e.kEff(i) - P));
        }
      }
      // Positions on a schedule are off the ladders.
      const sc = this.sched;
      for (let k = 0; k < sc.count; k++) {
        const i = unchecked(sc.pos[k]);
        if (unchecked(e.state[i]) == OPEN) n = this.addDeficit(n, i, unchecked(e.q[i]) * <f64>unchecked(e.book.side[i]) * (e.kEff(i) - P));
      }
    }
    const au = this.auctions;
    for (let k = 0; k < au.count; k++) {
      const i = unchecked(au.aPos[k]);
      n = this.addDeficit(n, i, unchecked(au.aLot[k]) * <f64>unchecked(e.book.side[i]) * (unchecked(au.aK[k]) - P));
    }
    sortBy(this.deficitIdx, n, (x: i32, y: i32): bool => x < y);
    let sum: f64 = 0;
    for (let k = 0; k < n; k++) sum += unchecked(this.deficitVal[unchecked(this.deficitIdx[k])]);
    return sum;
  }

  /** Change in value of the protocol-owned pool, marked at price P. */
  ammPnl(P: f64): f64 {
    const m = this.e.m;
    return m.isAmm ? this.ax * P + this.ay - m.ammLiquidity : 0;
  }

  /** Liquidatable open positions that were left waiting this step (for the replay). */
  countWaiting(): i32 {
    const e = this.e;
    let n = 0;
    if (e.m.naive) {
      for (let i = 0; i < e.book.n; i++) if (unchecked(e.state[i]) == OPEN && e.liquidatable(i)) n++;
      return n;
    }
    for (let side = 0; side < 2; side++) {
      const l = side == 0 ? e.longs : e.shorts;
      for (let j = l.cursor; j < l.length && e.liquidatable(unchecked(l.order[j])); j++) n++;
      for (let j = 0; j < l.heapSize; j++) if (e.liquidatable(unchecked(l.heap[j]))) n++;
    }
    const sc = this.sched; // off the ladders
    for (let k = 0; k < sc.count; k++) {
      const i = unchecked(sc.pos[k]);
      if (unchecked(e.state[i]) == OPEN && e.liquidatable(i)) n++;
    }
    return n;
  }
}
