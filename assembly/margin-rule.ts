// The maintenance margin in force (docs/model.md §3, step 4): fixed, or volatility-adjusted from the
// oracle's EWMA volatility (reactive) or from a forecast over the liquidation horizon (predictive),
// with the volatility estimate it follows and the gas it drives.
import { YEAR } from './common';
import { ModelParams } from './params';
import { PathState } from './path-state';

export class MarginRule {
  /** EWMA of the oracle's squared log return per second, and the volatility (per √year) it gives. */
  private variance: f64 = 0;
  sigmaHat: f64 = 0;
  /** The predictive margin's GARCH filter of the oracle's returns: its forecast of the next step's variance. */
  private gHat: f64 = 0;
  /** Sum over the path's steps of the maintenance margin in force (volatility-adjusted margins). */
  mmrSum: f64 = 0;
  lnDown: f64 = 0; // ln(1 - mmrT)
  lnUp: f64 = 0; // ln(1 + mmrT)

  constructor(private m: ModelParams, private ps: PathState) {}

  /** The start of a path: volatility at its long-run level, and the margin that gives. */
  reset(): void {
    const m = this.m;
    this.variance = (m.sigma * m.sigma) / YEAR;
    this.sigmaHat = m.sigma;
    this.gHat = m.volStep * m.volStep;
    this.mmrSum = 0;
    this.ps.mmrT = -1; // forces apply() to compute the logs
    this.apply();
  }

  /** The oracle's log return r this step: the EWMA, GARCH's filter, and the gas they imply. */
  update(r: f64): void {
    const m = this.m;
    this.variance = m.volDecay * this.variance + ((1 - m.volDecay) * r * r) / m.dt;
    if (m.predictive && m.garch) this.gHat = m.garchOmega + m.garchAlpha * r * r + m.garchBeta * this.gHat;
    this.sigmaHat = Math.sqrt(this.variance * YEAR);
    if (m.congestion != 0) this.ps.gasT = m.gasCost * NativeMath.pow(Math.max(1, this.sigmaHat / m.sigmaRef), m.congestion);
  }

  /** Sets the margin in force (ps.mmrT) and the thresholds it puts around the oracle price. */
  apply(): void {
    const m = this.m, ps = this.ps;
    let mmr = m.mmr;
    if (m.predictive) {
      const hBar = m.volStep * m.volStep;
      const v = m.garch ? m.forecastSteps * hBar + (this.gHat - hBar) * m.forecastSum : this.variance * m.liquidationHorizon;
      mmr = Math.min(Math.max(m.safetyMultiple * Math.sqrt(Math.max(v, 0)), m.mmr), m.mmr * m.maxMultiplier);
    } else if (m.dynamicMargin) mmr *= Math.min(Math.max(this.sigmaHat / m.sigmaRef, 1), m.maxMultiplier);
    if (mmr != ps.mmrT) {
      ps.mmrT = mmr;
      this.lnDown = NativeMath.log1p(-mmr);
      this.lnUp = NativeMath.log1p(mmr);
    }
    ps.thrL = ps.logO + this.lnDown;
    ps.thrS = ps.logO + this.lnUp;
  }
}
