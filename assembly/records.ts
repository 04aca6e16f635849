// What a path leaves behind: its state at each grid point, counted into the chunk's histograms and
// sums, and, when one path is traced for the replay, every step.
import * as A from './shared/abi';
import { Engine } from './engine';

/** Adds the path's state at grid point g to the chunk's histograms and sums (layout in shared/abi.ts). */
export function recordGrid(e: Engine, g: i32): void {
  addGridPoint(e, g, e.logP, e.logF, e.ps.fund, e.ps.cumNotional);
}

/**
 * Keeps the path's state at grid point g in e.gridKept, to be recorded when the path ends
 * (recordKept): a quiet lane notes its grid points without leaving its loop.
 */
export function noteGrid(e: Engine, g: i32, logP: f64, logF: f64): void {
  const kept = e.gridKept, o = g * A.GRID_KEPT;
  unchecked((kept[o] = logP));
  unchecked((kept[o + 1] = logF));
  unchecked((kept[o + 2] = e.ps.fund));
  unchecked((kept[o + 3] = e.ps.cumNotional));
}

/**
 * recordGrid for every grid point the path kept: the same sums, as each slot takes one value per
 * path. Quantity by quantity, each histogram's rows in order (a row per grid point), rather than
 * point by point across the four histograms: 2-4% of a sweep cell's step (bench, alternating).
 */
export function recordKept(e: Engine): void {
  const kept = e.gridKept, m = e.m, out = e.out;
  const G = m.grid + 1;
  const sums = A.HEADER + A.Q_COUNT * G * A.BINS;
  for (let k = 0; k < A.Q_COUNT; k++) {
    // kept holds log P, log F, the fund and the liquidated notional: the quantities' order (abi.ts Q_*).
    const origin = k == A.Q_MARKET || k == A.Q_FUNDAMENTAL ? m.logS0 : 0;
    const lo = unchecked(m.histLo[k]), hi = unchecked(m.histHi[k]);
    for (let g = 0; g < G; g++) {
      const v = unchecked(kept[g * A.GRID_KEPT + k]) - origin; // x - 0 is x, bit for bit
      count(out, (k * G + g) * A.BINS, sums + k * G + g, v, lo, hi);
    }
  }
}

function addGridPoint(e: Engine, g: i32, logP: f64, logF: f64, fund: f64, cum: f64): void {
  const m = e.m, out = e.out;
  const G = m.grid + 1;
  const sums = A.HEADER + A.Q_COUNT * G * A.BINS;
  for (let k = 0; k < A.Q_COUNT; k++) {
    const v = k == A.Q_MARKET ? logP - m.logS0
      : k == A.Q_FUNDAMENTAL ? logF - m.logS0
      : k == A.Q_FUND ? fund : cum;
    count(out, (k * G + g) * A.BINS, sums + k * G + g, v, unchecked(m.histLo[k]), unchecked(m.histHi[k]));
  }
}

/** Value v into its histogram's row (BINS bins from HEADER + row) and into its sum's slot. */
function count(out: StaticArray<f64>, row: i32, sum: i32, v: f64, lo: f64, hi: f64): void {
  let x = ((v - lo) / (hi - lo)) * <f64>A.BINS;
  if (!(x >= 0)) x = 0;
  if (x > A.BINS - 1) x = A.BINS - 1;
  unchecked((out[A.HEADER + row + i32(Math.floor(x))] += 1));
  unchecked((out[sum] += v));
}

/** Records step t of the traced path for the replay (A.T_* fields). */
export function recordTrace(e: Engine, t: i32, settled: bool): void {
  const s = e.traceSteps, ps = e.ps;
  const o = t * A.T_COUNT;
  unchecked((s[o + A.T_TIME] = <f64>t * e.m.dt));
  unchecked((s[o + A.T_FUNDAMENTAL] = NativeMath.exp(e.logF)));
  unchecked((s[o + A.T_MARKET] = NativeMath.exp(e.logP)));
  unchecked((s[o + A.T_ORACLE] = ps.oraclePrice()));
  unchecked((s[o + A.T_MMR] = ps.mmrT));
  unchecked((s[o + A.T_FUND] = ps.fund));
  unchecked((s[o + A.T_LIQ_NOTIONAL] = settled ? ps.stepNotional : 0));
  unchecked((s[o + A.T_LIQ_COUNT] = settled ? <f64>ps.stepCount : 0));
  unchecked((s[o + A.T_UNCOVERED] = ps.tot.uncovered));
  unchecked((s[o + A.T_COVERED] = ps.tot.covered));
  unchecked((s[o + A.T_DEPTH_SHARE] = e.depthShare));
  unchecked((s[o + A.T_SIGMA_HAT] = e.rule.sigmaHat));
  unchecked((s[o + A.T_WAITING] = <f64>e.desk.waiting.count()));
  unchecked((s[o + A.T_IN_AUCTION] = <f64>e.desk.auctions.count));
}
