// What a path leaves behind: its state at each grid point, counted into the chunk's histograms and
// sums, and, when one path is traced for the replay, every step.
import * as A from './shared/abi';
import { Engine } from './engine';

/** Adds the path's state at grid point g to the chunk's histograms and sums (layout in shared/abi.ts). */
export function recordGrid(e: Engine, g: i32): void {
  const m = e.m, out = e.out;
  const G = m.grid + 1;
  const sums = A.HEADER + A.Q_COUNT * G * A.BINS;
  for (let k = 0; k < A.Q_COUNT; k++) {
    const v = k == A.Q_MARKET ? e.logP - m.logS0
      : k == A.Q_FUNDAMENTAL ? e.logF - m.logS0
      : k == A.Q_FUND ? e.ps.fund : e.ps.cumNotional;
    const lo = unchecked(m.histLo[k]), hi = unchecked(m.histHi[k]);
    let x = ((v - lo) / (hi - lo)) * <f64>A.BINS;
    if (!(x >= 0)) x = 0;
    if (x > A.BINS - 1) x = A.BINS - 1;
    const bin = A.HEADER + (k * G + g) * A.BINS + i32(Math.floor(x));
    unchecked((out[bin] += 1));
    unchecked((out[sums + k * G + g] += v));
  }
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
