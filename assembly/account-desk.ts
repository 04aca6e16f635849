// The liquidation desk of several assets (docs/model.md §11): accounts margined across their assets
// (cross) or position by position (isolated), judged at the oracle prices and liquidated in full or
// only as far as needed, through each asset's book (markets.ts); settlement into the engine's
// PathState, and per asset what was liquidated, lost and caused by which asset's move.
import * as A from './shared/abi';
import { PRICE_BAND } from './shared/abi';
import { Accounts, generateAccounts } from './accounts';
import { Contagion } from './contagion';
import { YEAR } from './common';
import { Engine } from './engine';
import { Markets } from './markets';
import { cover } from './settlement';

/** A remainder below this share of a position is closed with the rest. */
const DUST: f64 = 0.01;

export class AccountDesk {
  acc: Accounts;
  private cross: bool;
  private partial: bool;
  private closeOrder: i32;
  // Per account and leg, on the path.
  private q: StaticArray<f64>;
  private coll: StaticArray<f64>;
  private open: StaticArray<u8>;
  // An account's surplus over its requirement is linear in the oracle prices: C + sum G O, with
  // G = q - mmr |q| per leg and C = collateral - sum q E; kept up to date for the near accounts.
  private legMmr: StaticArray<f64>;
  private legG: StaticArray<f64>;
  private surplus: StaticArray<f64>;
  private below: bool = false;
  // Accounts near liquidation, followed at every new oracle price; the rest are safe while no oracle
  // of theirs has moved by farMin (relative) since the prices refO they were judged at. Cross: one
  // group of every account; isolated: a group per asset (account j na + a is asset a's), judged apart.
  private groups: i32;
  private per: i32; // accounts per group; group g's near ones are near[g per .. g per + nearCount[g])
  private near: StaticArray<i32>;
  private nearCount: StaticArray<i32>;
  private farMin: StaticArray<f64>;
  private moved: StaticArray<f64>;
  private refO: StaticArray<f64>;
  private delta: f64;
  private backlog: bool = false;
  private dueList: StaticArray<i32>;
  private dueRatio: StaticArray<f64>;
  /** Who caused each liquidation, and what each asset adds up on the path. */
  blame: Contagion;
  private plan: StaticArray<f64>;
  private req: f64 = 0;

  constructor(private e: Engine, private mk: Markets, cross: bool, closeOrder: i32) {
    const na = mk.n, ms = mk.ms, acc = generateAccounts(ms, cross);
    let delta: f64 = 0.01;
    // Judged again once any oracle moves by a 3-sigma hour (or 1%): most accounts stay far.
    for (let a = 0; a < na; a++) delta = Math.max(delta, 3 * ms[a].sigma * Math.sqrt(3600 / YEAR));
    const legMmr = new StaticArray<f64>(acc.legs);
    for (let i = 0; i < acc.legs; i++) legMmr[i] = ms[acc.asset[i]].mmr;
    this.acc = acc;
    this.cross = cross;
    this.partial = e.m.isPartial;
    this.closeOrder = closeOrder;
    this.delta = delta;
    this.legMmr = legMmr;
    this.legG = new StaticArray<f64>(acc.legs);
    this.surplus = new StaticArray<f64>(acc.n);
    this.q = new StaticArray<f64>(acc.legs);
    this.coll = new StaticArray<f64>(acc.n);
    this.open = new StaticArray<u8>(acc.n);
    this.near = new StaticArray<i32>(acc.n);
    const groups = cross ? 1 : na;
    this.groups = groups;
    this.per = acc.n / groups;
    this.nearCount = new StaticArray<i32>(groups);
    this.farMin = new StaticArray<f64>(groups);
    this.moved = new StaticArray<f64>(groups);
    this.refO = new StaticArray<f64>(na);
    this.dueList = new StaticArray<i32>(acc.n);
    this.dueRatio = new StaticArray<f64>(acc.n);
    this.blame = new Contagion(na);
    this.plan = new StaticArray<f64>(A.MAX_ASSETS);
  }

  /** The start of a path: every account as generated, nothing liquidated, all judged at the start prices. */
  reset(): void {
    const acc = this.acc;
    this.blame.reset();
    for (let i = 0; i < acc.legs; i++) unchecked((this.q[i] = acc.q0[i]));
    for (let j = 0; j < acc.n; j++) {
      unchecked((this.coll[j] = acc.coll0[j]));
      unchecked((this.open[j] = 1));
    }
    this.backlog = false;
    this.judge();
  }

  /** Asset a's oracle moved to O[a] (by dO): the near accounts' surpluses move with it (below: one has gone under). */
  onPrice(a: i32, dO: f64): void {
    const mk = this.mk, O = unchecked(mk.O[a]), acc = this.acc, cross = this.cross, g = cross ? 0 : a;
    unchecked((this.moved[g] = Math.max(this.moved[g], Math.abs(O / unchecked(this.refO[a]) - 1))));
    // Cross: every near account holds the asset, as leg a; isolated: the near accounts of asset a.
    for (let k = g * this.per, end = k + unchecked(this.nearCount[g]); k < end; k++) {
      const j = unchecked(this.near[k]);
      const i = cross ? unchecked(acc.start[j]) + a : unchecked(acc.start[j]);
      const sj = unchecked(this.surplus[j]) + unchecked(this.legG[i]) * dO;
      unchecked((this.surplus[j] = sj));
      if (sj < 0 && unchecked(this.open[j]) != 0) this.below = true;
    }
  }

  /** Whether this step must look at the accounts: one near has gone under, one waits, or the far ones must be judged again. */
  due(): bool {
    if (this.below || this.backlog) return true;
    for (let g = 0; g < this.groups; g++) if (unchecked(this.moved[g]) >= unchecked(this.farMin[g])) return true;
    return false;
  }

  /** Account j's G per leg and its surplus C + sum G O from its legs and collateral now. */
  private rebase(j: i32): void {
    const acc = this.acc;
    let c = unchecked(this.coll[j]), s: f64 = 0;
    for (let i = unchecked(acc.start[j]); i < unchecked(acc.start[j + 1]); i++) {
      const q = unchecked(this.q[i]), G = q - unchecked(this.legMmr[i]) * Math.abs(q);
      unchecked((this.legG[i] = G));
      c -= q * unchecked(acc.entry[i]);
      s += G * unchecked(this.mk.O[acc.asset[i]]);
    }
    unchecked((this.surplus[j] = c + s));
  }

  /** Equity of account j at the oracle prices, and its maintenance requirement (into req). */
  private equity(j: i32): f64 {
    const acc = this.acc;
    let eq = unchecked(this.coll[j]), req: f64 = 0;
    for (let i = unchecked(acc.start[j]); i < unchecked(acc.start[j + 1]); i++) {
      const a = unchecked(acc.asset[i]), q = unchecked(this.q[i]), O = unchecked(this.mk.O[a]);
      eq += q * (O - unchecked(acc.entry[i]));
      req += unchecked(this.mk.ms[a]).mmr * Math.abs(q) * O;
    }
    this.req = req;
    return eq;
  }

  /**
   * Judges every open account at the oracle prices: its surplus over its requirement falls by at
   * most sum |q| O (1 + mmr) x (largest relative move of its oracles), so one whose surplus covers a
   * move of delta is safe until one of them moves that far; the rest are near, checked exactly.
   */
  private judge(): void {
    this.below = false;
    for (let g = 0; g < this.groups; g++) this.judgeGroup(g);
  }

  private judgeGroup(g: i32): void {
    const acc = this.acc, mk = this.mk, na = mk.n, cross = this.cross, at = g * this.per;
    let count = 0, farMin = Infinity;
    for (let r = 0; r < this.per; r++) {
      const j = cross ? r : r * na + g;
      if (unchecked(this.open[j]) == 0) continue;
      this.rebase(j);
      const surplus = unchecked(this.surplus[j]);
      let x: f64 = 0;
      for (let i = unchecked(acc.start[j]); i < unchecked(acc.start[j + 1]); i++) {
        x += Math.abs(unchecked(this.q[i])) * unchecked(mk.O[acc.asset[i]]) * (1 + unchecked(this.legMmr[i]));
      }
      const d = x > 0 ? surplus / x : Infinity;
      if (d <= this.delta) {
        unchecked((this.near[at + count++] = j));
        if (surplus < 0) this.below = true;
      } else if (d < farMin) farMin = d;
    }
    unchecked((this.nearCount[g] = count));
    unchecked((this.farMin[g] = farMin));
    unchecked((this.moved[g] = 0));
    for (let a = 0; a < na; a++) if (cross || a == g) unchecked((this.refO[a] = mk.O[a]));
  }

  /** Steps 3-5: the near accounts below their requirement, lowest equity ratio first, each liquidated. */
  liquidate(t: i32): void {
    for (let g = 0; g < this.groups; g++) if (unchecked(this.moved[g]) >= unchecked(this.farMin[g])) this.judgeGroup(g);
    let count = 0;
    const ps = this.e.ps;
    for (let g = 0; g < this.groups; g++) for (let k = g * this.per, end = k + unchecked(this.nearCount[g]); k < end; k++) {
      const j = unchecked(this.near[k]);
      if (unchecked(this.open[j]) == 0 || unchecked(this.surplus[j]) >= 0) continue;
      ps.examined += 1;
      const eq = this.equity(j); // confirmed at the oracle prices, as the one-asset desk judges
      if (eq >= this.req) continue;
      const ratio = this.req > 0 ? eq / this.req : -Infinity;
      // insertion by (ratio, index): the list is short
      let i = count++;
      while (i > 0 && unchecked(this.dueRatio[i - 1]) > ratio) {
        unchecked((this.dueList[i] = this.dueList[i - 1]));
        unchecked((this.dueRatio[i] = this.dueRatio[i - 1]));
        i--;
      }
      unchecked((this.dueList[i] = j));
      unchecked((this.dueRatio[i] = ratio));
    }
    this.backlog = false;
    this.below = false;
    ps.capLeft = this.e.m.capacity;
    for (let k = 0; k < count; k++) {
      const j = unchecked(this.dueList[k]);
      this.liquidateAccount(j, t);
      if (unchecked(this.open[j]) != 0) this.rebase(j);
    }
  }

  /**
   * Plans the closes at the oracle prices (all, or partial: position after position in the close
   * order until equity covers the requirement plus the buffer), finds who takes them, trades them
   * through each asset's book and settles (docs/model.md §7 and §11).
   */
  private liquidateAccount(j: i32, t: i32): void {
    const acc = this.acc, e = this.e, m = e.m, ps = e.ps, plan = this.plan;
    const first = unchecked(acc.start[j]), end = unchecked(acc.start[j + 1]);
    let eq = this.equity(j);
    for (let i = first; i < end; i++) unchecked((plan[i - first] = 0));
    let planned: f64 = 0;
    if (this.partial && eq > 0) {
      let need = this.requirementWithBuffer(j) - eq;
      for (let r = 0; r < end - first && need > 0; r++) {
        const i = this.nextLeg(first, end);
        if (i < 0) break;
        const a = unchecked(acc.asset[i]), O = unchecked(this.mk.O[a]), n = Math.abs(unchecked(this.q[i])) * O;
        const k = unchecked(this.mk.ms[a]).mmr + m.buffer - m.penalty;
        let x = k > 0 ? need / k : n;
        x = Math.min(Math.max(x, m.closeFactor * n), n);
        if (n - x < DUST * n) x = n;
        unchecked((plan[i - first] = x / O));
        planned += x;
        need -= k * x;
      }
    } else {
      for (let i = first; i < end; i++) {
        const a = unchecked(acc.asset[i]), u = Math.abs(unchecked(this.q[i]));
        unchecked((plan[i - first] = u));
        planned += u * unchecked(this.mk.O[a]);
      }
    }
    if (planned <= 0) return;
    const keeper = planned <= ps.capLeft && m.liquidatorShare * m.penalty * planned > ps.gasT;
    if (!keeper && !m.backstop) {
      this.backlog = true; // waits for a liquidator
      return;
    }
    if (keeper) ps.capLeft -= planned;
    // Who caused it: each asset's share of the fall in the account's surplus since the start.
    const blame = this.blame;
    blame.begin();
    for (let i = first; i < end; i++) {
      const a = unchecked(acc.asset[i]), q = unchecked(this.q[i]);
      blame.add(a, -(q - unchecked(this.legMmr[i]) * Math.abs(q)) * (unchecked(this.mk.O[a]) - unchecked(this.mk.ms[a]).S0));
    }
    blame.finish(unchecked(acc.asset[first]));
    // Trade each planned amount through its asset's book, within the price band.
    let notional: f64 = 0, slip: f64 = 0, left = false;
    for (let i = first; i < end; i++) {
      const u = unchecked(plan[i - first]);
      if (u > 0) {
        const a = unchecked(acc.asset[i]), s: f64 = unchecked(this.q[i]) > 0 ? 1 : -1, im = unchecked(this.mk.imp[a]), ma = unchecked(this.mk.ms[a]);
        const logPref = unchecked(this.mk.logPref[a]), U0 = unchecked(this.mk.U[a]), logF = unchecked(this.mk.logF[a]);
        const v = im.clip(U0, -s * u * ma.S0, logF - PRICE_BAND - logPref, logF + PRICE_BAND - logPref);
        const done = Math.abs(v) / ma.S0;
        if (done > 0) {
          const P = NativeMath.exp(logPref + im.g(U0)), X = NativeMath.exp(logPref) * im.average(U0, v);
          unchecked((this.mk.U[a] = U0 + v));
          unchecked((this.coll[j] += s * done * (X - unchecked(acc.entry[i]))));
          unchecked((this.q[i] -= s * done));
          const nx = done * X;
          notional += nx;
          slip += done * Math.abs(P - X);
          blame.liquidated(a, nx);
        }
      }
      if (unchecked(this.q[i]) != 0) left = true;
    }
    if (notional <= 0) return;
    this.settle(j, t, notional, slip, keeper, left);
  }

  /** Settlement of an account's closes (docs/model.md §7): the penalty, then the fund and bad debt for a closed account. */
  private settle(j: i32, t: i32, notional: f64, slip: f64, keeper: bool, left: bool): void {
    const e = this.e, m = e.m, ps = e.ps, tot = ps.tot;
    const due = m.penalty * notional;
    let V: f64, paid: f64, returned: f64 = 0, covered: f64 = 0, uncovered: f64 = 0;
    if (left) {
      // Partly closed: the penalty comes out of the equity left; the rest stays in the account.
      paid = Math.min(due, Math.max(this.equity(j), 0));
      unchecked((this.coll[j] -= paid));
      V = paid;
    } else {
      V = unchecked(this.coll[j]);
      paid = V > 0 ? Math.min(V, due) : 0;
      const net = V - paid;
      if (net >= 0) returned = net;
      else {
        covered = cover(ps, -net);
        uncovered = -net - covered;
        this.blame.unpaid(-net, uncovered);
      }
      unchecked((this.coll[j] = 0));
      unchecked((this.open[j] = 0));
    }
    const reward = keeper ? m.liquidatorShare * paid : 0;
    ps.fund += paid - reward;
    tot.value += V;
    tot.returned += returned;
    tot.rewards += reward;
    tot.penaltyToFund += paid - reward;
    tot.covered += covered;
    tot.uncovered += uncovered;
    tot.liqNotional += notional;
    tot.slippage += slip;
    tot.traderCost += paid + slip;
    tot.liqCount += 1;
    if (!keeper) tot.backstopNotional += notional;
    if (tot.firstLiq < 0) tot.firstLiq = t;
    if (covered > 0 && tot.firstFund < 0) tot.firstFund = t;
    if (uncovered > 0 && tot.firstInsolvent < 0) tot.firstInsolvent = t;
    ps.addNotional(t, notional);
    if (ps.tracing) {
      const first = unchecked(this.acc.start[j]);
      ps.eventOf(t, j, unchecked(this.acc.q0[first]) > 0 ? 1 : -1, notional, 1, V, paid, reward, covered, uncovered, A.EV_ACCOUNT, left ? this.openNotional(j) : 0);
    }
  }

  /** Account j's open notional at the oracle prices. */
  private openNotional(j: i32): f64 {
    const acc = this.acc;
    let n: f64 = 0;
    for (let i = unchecked(acc.start[j]); i < unchecked(acc.start[j + 1]); i++) n += Math.abs(unchecked(this.q[i])) * unchecked(this.mk.O[acc.asset[i]]);
    return n;
  }

  /** The account's requirement with the buffer: sum (mmr + buffer) |q| O. */
  private requirementWithBuffer(j: i32): f64 {
    const acc = this.acc;
    let r: f64 = 0;
    for (let i = unchecked(acc.start[j]); i < unchecked(acc.start[j + 1]); i++) {
      const a = unchecked(acc.asset[i]);
      r += (unchecked(this.mk.ms[a]).mmr + this.e.m.buffer) * Math.abs(unchecked(this.q[i])) * unchecked(this.mk.O[a]);
    }
    return r;
  }

  /** The next position to close of the account of legs [first, end) not yet planned, by the close order (ties: the first). */
  private nextLeg(first: i32, end: i32): i32 {
    const acc = this.acc;
    let best = -1, bestKey: f64 = 0;
    for (let i = first; i < end; i++) {
      const q = unchecked(this.q[i]);
      if (q == 0 || unchecked(this.plan[i - first]) > 0) continue;
      const a = unchecked(acc.asset[i]), O = unchecked(this.mk.O[a]), ma = unchecked(this.mk.ms[a]);
      const key = this.closeOrder == A.CLOSE_ORDER_LARGEST ? ma.mmr * Math.abs(q) * O
        : this.closeOrder == A.CLOSE_ORDER_WORST ? -q * (O - unchecked(acc.entry[i]))
        : ma.depth1pct;
      if (best < 0 || key > bestKey) {
        best = i;
        bestKey = key;
      }
    }
    return best;
  }

  /** Negative equity of the accounts still open at the market prices: the open shortfall at the horizon. */
  openDeficit(): f64 {
    const acc = this.acc, mk = this.mk;
    let deficit: f64 = 0;
    for (let j = 0; j < acc.n; j++) {
      if (unchecked(this.open[j]) == 0) continue;
      let eq = unchecked(this.coll[j]);
      for (let i = unchecked(acc.start[j]); i < unchecked(acc.start[j + 1]); i++) {
        eq += unchecked(this.q[i]) * (NativeMath.exp(mk.logP(acc.asset[i])) - unchecked(acc.entry[i]));
      }
      if (eq < 0) deficit -= eq;
    }
    return deficit;
  }
}
