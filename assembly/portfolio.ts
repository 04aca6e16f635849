// Several assets (docs/model.md §11): the markets (markets.ts: correlated fundamentals, market-wide
// jumps, a book and an oracle per asset) and the accounts margined across them (account-desk.ts),
// stepped together, with one insurance fund. The path's totals, histograms and waves are the
// engine's (its PathState); asset 1 stands for the market in the price bands. Per asset, each chunk
// adds up liquidated notional, shortfall and what another asset's move caused (ASSET_* in abi.ts).
import * as A from './shared/abi';
import { AccountDesk } from './account-desk';
import { Engine } from './engine';
import { Markets } from './markets';
import { ModelParams } from './params';
import { recordGrid, recordTrace } from './records';

/** Asset k's parameters: the first asset's, with asset k's own levers (k = 1..4 for assets 2..5). */
export function assetParams(p: StaticArray<f64>, k: i32): ModelParams {
  if (k == 0) return new ModelParams(p);
  const q = new StaticArray<f64>(p.length);
  for (let i = 0; i < p.length; i++) unchecked((q[i] = p[i]));
  const o = (k - 1) * A.ASSET_LEVERS;
  q[A.P_S0] = p[A.P_A2_PRICE + o];
  q[A.P_SIGMA] = p[A.P_A2_SIGMA + o];
  q[A.P_JUMPS_ON] = 1;
  q[A.P_JUMPS_PER_DAY] = p[A.P_A2_JUMPS_PER_DAY + o];
  q[A.P_DEPTH1PCT] = p[A.P_A2_DEPTH + o];
  // Under the square-root law the book's scale is the daily volume: it follows the depth's ratio.
  q[A.P_DAILY_VOLUME] = (p[A.P_DAILY_VOLUME] * p[A.P_A2_DEPTH + o]) / p[A.P_DEPTH1PCT];
  q[A.P_OPEN_INTEREST] = p[A.P_A2_OPEN_INTEREST + o];
  q[A.P_MMR] = p[A.P_A2_MMR + o];
  q[A.P_ORACLE_LATENCY] = p[A.P_A2_LATENCY + o];
  q[A.P_ORACLE_DEVIATION] = p[A.P_A2_DEVIATION + o];
  q[A.P_ORACLE_HEARTBEAT] = p[A.P_A2_HEARTBEAT + o];
  q[A.P_SHOCK_DEPTH] = 0; // the scripted shock hits the first asset: the others feel it through the accounts
  return new ModelParams(q);
}

export class Portfolio {
  mk: Markets;
  desk: AccountDesk;
  /** The price bands' histogram range of assets 2..n (log(price / S0)), from the host's plan. */
  private bandLo: StaticArray<f64> = new StaticArray<f64>(A.MAX_ASSETS - 1);
  private bandHi: StaticArray<f64> = new StaticArray<f64>(A.MAX_ASSETS - 1);

  constructor(private e: Engine, p: StaticArray<f64>) {
    const na = i32(p[A.P_ASSETS]), ms: ModelParams[] = [];
    for (let a = 0; a < na; a++) ms.push(a == 0 ? e.m : assetParams(p, a));
    const mk = new Markets(ms, p);
    this.mk = mk;
    this.desk = new AccountDesk(e, mk, p[A.P_MARGIN_MODE] == A.MARGIN_MODE_CROSS, i32(p[A.P_CLOSE_ORDER]));
    for (let k = 0; k < A.MAX_ASSETS - 1; k++) {
      this.bandLo[k] = p[A.P_ASSET_BAND_LO + k];
      this.bandHi[k] = p[A.P_ASSET_BAND_HI + k];
    }
  }

  /** One path, as Engine.runPath: its totals in the engine's PathState, its asset sums into out at `section` (none: -1). */
  runPath(path: i32, record: bool, section: i32): void {
    const e = this.e, ps = e.ps, m0 = e.m, mk = this.mk, desk = this.desk, na = mk.n, steps = m0.steps;
    e.resetPath();
    ps.mmrT = m0.mmr;
    mk.reset(path);
    desk.reset();
    let maxLogP = m0.logS0, maxLogF = m0.logS0, ddM: f64 = 0, ddF: f64 = 0;
    let gridNext = 1, gridStep = i32(steps / m0.grid);
    if (record) {
      recordGrid(e, 0);
      this.recordBands(0, section);
    }
    if (ps.tracing) recordTrace(e, 0, false);
    for (let t = 1; t <= steps; t++) {
      mk.move(t);
      for (let a = 0; a < na; a++) {
        if (!mk.observe(a, t)) continue;
        if (a == 0) ps.setOracle(mk.oracleLog(0));
        desk.onPrice(a, mk.dO);
      }
      ps.stepNotional = 0;
      ps.stepCount = 0;
      if (desk.due()) desk.liquidate(t);
      mk.settleImpact();
      if (ps.stepCount > 0) e.countWave(t);
      const logP = mk.logP(0), logF = unchecked(mk.logF[0]);
      if (logP > maxLogP) maxLogP = logP;
      else if (maxLogP - logP > ddM) ddM = maxLogP - logP;
      if (logF > maxLogF) maxLogF = logF;
      else if (maxLogF - logF > ddF) ddF = maxLogF - logF;
      e.logF = logF;
      e.logP = logP;
      if (t == gridStep) {
        if (record) {
          recordGrid(e, gridNext);
          this.recordBands(gridNext, section);
        }
        gridNext++;
        gridStep = i32((<f64>gridNext * <f64>steps) / <f64>m0.grid);
      }
      if (ps.tracing) recordTrace(e, t, ps.stepCount > 0);
    }
    const tot = ps.tot, deficit = desk.openDeficit();
    tot.ddMarket = ddM;
    tot.ddFundamental = ddF;
    tot.openDeficit = deficit;
    tot.fundEnd = ps.fund;
    tot.badDebt = tot.uncovered + Math.max(0, deficit - ps.fund);
    tot.mmrMean = m0.mmr;
    if (record) desk.blame.write(e.out, section);
  }

  /** Assets 2..n's log(price / S0) at grid point g, into their histograms and sums (abi.ts ASSET_HIST). */
  private recordBands(g: i32, section: i32): void {
    const e = this.e, mk = this.mk, out = e.out, G = e.m.grid + 1, na = mk.n;
    const hist = section + A.ASSET_HIST, sums = hist + A.assetBandSums(e.m.grid, na);
    for (let a = 1; a < na; a++) {
      const v = mk.logP(a) - unchecked(mk.ms[a]).logS0;
      const lo = unchecked(this.bandLo[a - 1]), hi = unchecked(this.bandHi[a - 1]);
      let x = ((v - lo) / (hi - lo)) * <f64>A.BINS;
      if (!(x >= 0)) x = 0;
      if (x > A.BINS - 1) x = A.BINS - 1;
      unchecked((out[hist + ((a - 1) * G + g) * A.BINS + i32(Math.floor(x))] += 1));
      unchecked((out[sums + (a - 1) * G + g] += v));
    }
  }
}
