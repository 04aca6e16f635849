// Reference twin of assembly/desk.ts: finds liquidatable positions, the most under water first, and
// handles each by the scenario's mechanism; settles every closed amount (docs/model.md, "Settlement").
import * as A from '../../assembly/shared/abi';
import { Auctions } from './auctions';
import { CLOSED, OPEN, logOf } from './common';
import type { ReferenceEngine } from './engine';
import { Schedules } from './schedule';

const { EV_AMM, EV_BACKSTOP, EV_KEEPER } = A;

/** A remainder below this share of the original size is closed with the rest. */
export const DUST = 0.01;
/** The AMM sells at most this share of its asset reserve in one trade. */
export const AMM_MAX_TAKE = 0.9;

export class Desk {
  capLeft = 0; // liquidators' capacity left this step (auctions use it too)
  private rateLeft = 0;
  private readonly reinsert: Int32Array;
  private reinsertCount = 0;
  private blockedL = false; // the price band stopped this step's long sales
  private blockedS = false; // and short purchases
  private readonly lists: Int32Array[];
  private readonly listLen = [0, 0];
  // Dutch auctions.
  readonly auctions: Auctions;
  // Protocol-owned constant-product pool: asset reserve x, stable reserve y.
  private ax = 0;
  private ay = 0;
  private readonly deficitIdx: Int32Array;
  private readonly deficitVal: Float64Array;
  // Partial mechanism on the optimal schedule: the positions being sold down.
  readonly sched: Schedules;

  constructor(private readonly e: ReferenceEngine) {
    const n = e.book.n;
    this.reinsert = new Int32Array(n);
    this.lists = [new Int32Array(n), new Int32Array(n)];
    this.deficitIdx = new Int32Array(n);
    this.deficitVal = new Float64Array(n);
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
    const lp = Math.log(this.ay / this.ax);
    const target = lp + (e.logPref - lp) * e.m.arbPull;
    const k = this.ax * this.ay;
    let x1 = Math.sqrt(k / Math.exp(target));
    // What they take from the pool they trade on the market, within the price band.
    const v = e.impact.clip(e.U, -(this.ax - x1) * e.m.S0, e.impactFloor, e.impactCeiling);
    x1 = this.ax + v / e.m.S0;
    this.ax = x1;
    this.ay = k / x1;
    e.U += v;
  }

  /** Steps 3 to 5 of a time step. */
  liquidate(t: number): void {
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
      let a: number, b: number;
      if (m.naive) {
        a = li < this.listLen[0] ? this.lists[0][li] : -1;
        b = si < this.listLen[1] ? this.lists[1][si] : -1;
      } else {
        a = e.ladders[0].peek();
        if (a >= 0 && !e.liquidatable(a)) a = -1;
        b = e.ladders[1].peek();
        if (b >= 0 && !e.liquidatable(b)) b = -1;
      }
      if (this.blockedL) a = -1;
      if (this.blockedS) b = -1;
      if (a < 0 && b < 0) break;
      // Across sides, the lower equity at the oracle price (per unit of price) goes first.
      const c = a < 0 ? b : b < 0 ? a : e.oraclePrice() - e.kEff(a) <= e.kEff(b) - e.oraclePrice() ? a : b;
      if (!m.isDutch && (this.capLeft <= 0 || this.rateLeft <= 0)) break;
      if (c === a) li++;
      else si++;
      if (!m.naive) e.ladders[e.book.side[c] > 0 ? 0 : 1].pop(c);
      if (m.isDutch) this.auctions.kick(c, t);
      else if (m.scheduleSteps > 0) {
        // The position starts its optimal schedule; this step sells its first slice.
        this.sched.add(c, e.q[c], t);
        this.close(c, t, e.q[c] - this.sched.target(this.sched.count - 1, t, m.scheduleKappa, m.scheduleSteps, m.dt));
      } else this.close(c, t, m.isPartial ? e.q[c] * this.partialFraction(e.kEff(c), e.book.side[c]) : e.q[c]);
    }
    if (m.isDutch && this.auctions.count > 0) this.auctions.run(t);
    if (!m.naive) {
      for (let k = 0; k < this.reinsertCount; k++) {
        const i = this.reinsert[k];
        e.ladders[e.book.side[i] > 0 ? 0 : 1].push(i);
      }
    }
  }

  /** Naive baseline: every open position is tested every step, then sorted like the ladders. */
  private scanAll(): void {
    const e = this.e;
    this.listLen[0] = this.listLen[1] = 0;
    for (let i = 0; i < e.book.n; i++) {
      if (e.state[i] !== OPEN || this.sched.on[i] !== 0 || !e.liquidatable(i)) continue;
      const s = e.book.side[i] > 0 ? 0 : 1;
      this.lists[s][this.listLen[s]++] = i;
    }
    for (let s = 0; s < 2; s++) {
      const ladder = e.ladders[s];
      this.lists[s].subarray(0, this.listLen[s]).sort((x, y) => (ladder.before(x, y) ? -1 : 1));
    }
  }

  /**
   * Schedules sell before the ladder is walked: each open one down to its target for this step, while
   * the liquidators' capacity and the rate limit last; a side the band has blocked waits.
   */
  private runSchedules(t: number): void {
    const e = this.e, m = e.m, sc = this.sched;
    for (let k = 0; k < sc.count; k++) {
      if (this.capLeft <= 0 || this.rateLeft <= 0) break;
      const c = sc.pos[k];
      if (e.state[c] !== OPEN || (e.book.side[c] > 0 ? this.blockedL : this.blockedS)) continue;
      const want = e.q[c] - sc.target(k, t, m.scheduleKappa, m.scheduleSteps, m.dt);
      if (want > 0) this.close(c, t, want);
    }
    sc.compact(e.state);
  }

  /** A position that was not (fully) closed goes back on the ladder, unless a schedule drives it. */
  private wait(c: number): void {
    if (this.sched.on[c] === 0) this.reinsert[this.reinsertCount++] = c;
  }

  /** Full, partial and AMM mechanisms: close `want` of position c, or the part the limits allow. */
  private close(c: number, t: number, want: number): void {
    const e = this.e, m = e.m;
    const s = e.book.side[c];
    const q = e.q[c];
    const Keff = e.kEff(c);
    const Pm = e.marketPrice();
    let qc = Math.min(want, q), capped = false, rated = false;
    if (q - qc < DUST * e.book.q[c]) qc = q;
    if (m.isAmm) {
      // The pool's price stays inside the price band around the fundamental (like the book's):
      // a pool drained or flooded to the band's edge takes no more, and the rest waits.
      const k = this.ax * this.ay;
      const room = s < 0 ? this.ax - Math.sqrt(k / Math.exp(e.logPref + e.impactCeiling)) : Math.sqrt(k / Math.exp(e.logPref + e.impactFloor)) - this.ax;
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
    let X: number, v = 0, x1 = 0;
    if (m.isAmm) {
      // Constant product: the pool pays (or is paid) the change in its stable reserve.
      x1 = s > 0 ? this.ax + qc : this.ax - qc;
      X = (s * (this.ay - (this.ax * this.ay) / x1)) / qc;
    } else {
      // Within the price band only: beyond it the book is exhausted and the rest waits.
      v = e.impact.clip(e.U, -s * qc * m.S0, e.impactFloor, e.impactCeiling);
      if (v === 0) {
        this.wait(c);
        if (s > 0) this.blockedL = true;
        else this.blockedS = true;
        return;
      }
      if (Math.abs(v) < qc * m.S0) {
        qc = Math.abs(v) / m.S0; // cut by the band, not by capacity or the rate limit
        capped = rated = false;
      }
      X = Math.exp(e.logPref) * e.impact.average(e.U, v);
    }
    const V = s * qc * (X - Keff);
    const paid = V > 0 ? Math.min(V, m.penalty * qc * X) : 0;
    const slip = qc * Math.abs(Pm - X);
    let keeper = false, kind = EV_AMM;
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
      kind = keeper ? EV_KEEPER : EV_BACKSTOP;
      e.U += v;
      this.capLeft = capped ? 0 : this.capLeft - qc * Pm;
      this.rateLeft = rated ? 0 : this.rateLeft - qc * Pm;
    }
    e.markDirty(c);
    const rest = q - qc;
    this.settle(t, c, qc, X, V, paid, keeper, kind, slip, rest);
    if (s > 0) e.openL -= qc;
    else e.openS -= qc;
    const Kbefore = e.K[c];
    if (rest > 0) {
      // What the closed part returned stays as margin of the remainder, so its K moves.
      const K1 = V >= 0 ? (q * Keff - qc * X + s * paid) / rest : Keff;
      const K = s > 0 ? K1 - e.shiftL : K1 + e.shiftS;
      e.K[c] = K;
      e.logK[c] = logOf(K);
      e.q[c] = rest;
      this.wait(c);
      if (s > 0) e.openQKL += rest * K - q * Kbefore;
      else e.openQKS += rest * K - q * Kbefore;
    } else {
      e.q[c] = 0;
      e.state[c] = CLOSED;
      if (s > 0) e.openQKL -= q * Kbefore;
      else e.openQKS -= q * Kbefore;
    }
  }

  /** Share of the position to close: the close factor, or enough to restore mmr + buffer. */
  private partialFraction(Keff: number, s: number): number {
    const e = this.e, m = e.m;
    const O = e.oraclePrice();
    const health = (s * (O - Keff)) / O; // equity / notional at the oracle price
    const target = e.mmrT + m.buffer;
    const denom = target - m.penalty;
    const need = health > 0 && denom > 0 ? (target - health) / denom : 1;
    return Math.min(1, Math.max(m.closeFactor, need));
  }

  /** Settlement of value V of an amount qc closed at price X (docs/model.md, "Settlement"). */
  settle(t: number, c: number, qc: number, X: number, V: number, paid: number, keeper: boolean, kind: number, slip: number, rest: number): void {
    const e = this.e, tot = e.tot;
    let covered = 0, uncovered = 0, returned = 0;
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
    if (e.book.side[c] > 0) e.stepUncoveredL += uncovered;
    else e.stepUncoveredS += uncovered;
    const notional = qc * X;
    tot.liqNotional += notional;
    tot.slippage += slip;
    tot.traderCost += paid + slip;
    tot.liqCount += 1;
    if (kind === EV_BACKSTOP) tot.backstopNotional += notional;
    if (tot.firstLiq < 0) tot.firstLiq = t;
    if (covered > 0 && tot.firstFund < 0) tot.firstFund = t;
    e.addNotional(t, notional);
    if (e.trace) this.event(t, c, qc, X, V, paid, reward, covered, uncovered, kind, rest);
  }

  event(t: number, c: number, qc: number, X: number, V: number, paid: number, reward: number, covered: number, uncovered: number, kind: number, rest: number): void {
    const tr = this.e.trace!;
    if (tr.eventCount >= A.MAX_EVENTS) {
      tr.truncated = true;
      return;
    }
    const o = tr.eventCount++ * A.E_COUNT, ev = tr.events;
    ev[o + A.E_STEP] = t;
    ev[o + A.E_POSITION] = c;
    ev[o + A.E_SIDE] = this.e.book.side[c];
    ev[o + A.E_QTY] = qc;
    ev[o + A.E_PRICE] = X;
    ev[o + A.E_VALUE] = V;
    ev[o + A.E_PENALTY] = paid;
    ev[o + A.E_REWARD] = reward;
    ev[o + A.E_COVERED] = covered;
    ev[o + A.E_UNCOVERED] = uncovered;
    ev[o + A.E_KIND] = kind;
    ev[o + A.E_REMAINING] = rest;
  }

  /** Negative equity at price P of positions still open at the horizon, summed in position order. */
  openDeficit(P: number): number {
    const e = this.e;
    let n = 0;
    const add = (i: number, d: number): void => {
      if (d > 0) {
        this.deficitIdx[n++] = i;
        this.deficitVal[i] = d;
      }
    };
    if (e.m.naive) {
      for (let i = 0; i < e.book.n; i++) if (e.state[i] === OPEN) add(i, e.q[i] * e.book.side[i] * (e.kEff(i) - P));
    } else {
      for (let s = 0; s < 2; s++) {
        const l = e.ladders[s];
        for (let j = l.cursor; j < l.order.length; j++) {
          const i = l.order[j];
          const d = e.q[i] * e.book.side[i] * (e.kEff(i) - P);
          if (d <= 0) break; // the rest of the ladder is further from bankruptcy
          add(i, d);
        }
        for (let j = 0; j < l.heapSize; j++) {
          const i = l.heap[j];
          add(i, e.q[i] * e.book.side[i] * (e.kEff(i) - P));
        }
      }
      // Positions on a schedule are off the ladders.
      for (let k = 0; k < this.sched.count; k++) {
        const i = this.sched.pos[k];
        if (e.state[i] === OPEN) add(i, e.q[i] * e.book.side[i] * (e.kEff(i) - P));
      }
    }
    const au = this.auctions;
    for (let k = 0; k < au.count; k++) {
      const i = au.aPos[k];
      add(i, au.aLot[k] * e.book.side[i] * (au.aK[k] - P));
    }
    const idx = this.deficitIdx.subarray(0, n).sort();
    let sum = 0;
    for (let k = 0; k < n; k++) sum += this.deficitVal[idx[k]];
    return sum;
  }

  /** Change in value of the protocol-owned pool, marked at price P. */
  ammPnl(P: number): number {
    const m = this.e.m;
    return m.isAmm ? this.ax * P + this.ay - m.ammLiquidity : 0;
  }

  /** Liquidatable open positions that were left waiting this step (for the replay). */
  countWaiting(): number {
    const e = this.e;
    let n = 0;
    if (e.m.naive) {
      for (let i = 0; i < e.book.n; i++) if (e.state[i] === OPEN && e.liquidatable(i)) n++;
      return n;
    }
    for (let s = 0; s < 2; s++) {
      const l = e.ladders[s];
      for (let j = l.cursor; j < l.order.length && e.liquidatable(l.order[j]); j++) n++;
      for (let j = 0; j < l.heapSize; j++) if (e.liquidatable(l.heap[j])) n++;
    }
    const sc = this.sched; // off the ladders
    for (let k = 0; k < sc.count; k++) {
      const i = sc.pos[k];
      if (e.state[i] === OPEN && e.liquidatable(i)) n++;
    }
    return n;
  }
}
