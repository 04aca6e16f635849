// Price impact of the liquidation flow within one step. The step's signed flow u (asset units valued
// at the start price S0, buys positive) moves the log price by g(u): linear, g = kappa*u with
// kappa = 1% / depth; or the square-root law, g = sign(u) * c * sqrt(|u|) with
// c = Y * sigma_daily / sqrt(daily volume). A trade that takes the flow from u0 to u1 executes at
// the average price along that stretch of the curve: X = Pref * (G(u1) - G(u0)) / (u1 - u0), where
// G(u) is the integral of exp(g) from 0 to u.
import * as A from './shared/abi';
import { ModelParams } from './params';
import { InlineMath } from './inline-math';

export class Impact {
  model: i32 = A.IMPACT_MODEL_LINEAR;
  kappa: f64 = 0; // linear: log impact per unit of notional
  c: f64 = 0; // square root: log impact per sqrt(notional)

  /** Sets the curve for a step whose market depth is `share` of its calm level. */
  configure(m: ModelParams, share: f64): void {
    this.model = m.impactModel;
    this.kappa = 0.01 / (m.depth1pct * share);
    const sigmaDaily = m.sigma / Math.sqrt(365);
    this.c = (m.impactY * sigmaDaily) / Math.sqrt(m.dailyVolume * share);
  }

  /** Log price impact of cumulative signed flow u. */
  @inline g(u: f64): f64 {
    if (this.model == A.IMPACT_MODEL_LINEAR) return this.kappa * u;
    return u >= 0 ? this.c * Math.sqrt(u) : -this.c * Math.sqrt(-u);
  }

  /** The flow whose log impact is y (infinite when the market has no impact at all). */
  inverse(y: f64): f64 {
    if (this.model == A.IMPACT_MODEL_LINEAR) return y / this.kappa;
    if (this.c == 0) return y > 0 ? Infinity : -Infinity;
    const r = y / this.c;
    return y >= 0 ? r * r : -(r * r);
  }

  /**
   * The part of flow v, added to u0, that keeps the log impact within [lo, hi]: the price band
   * beyond which the book is exhausted. 0 when nothing more can trade in that direction.
   */
  @inline clip(u0: f64, v: f64, lo: f64, hi: f64): f64 {
    const g1 = this.g(u0 + v);
    if (g1 > hi) return Math.max(0, Math.min(v, this.inverse(hi) - u0));
    if (g1 < lo) return Math.min(0, Math.max(v, this.inverse(lo) - u0));
    return v;
  }

  /** Average of exp(g) over [u0, u0 + v]: the execution price as a multiple of the reference price. */
  @inline average(u0: f64, v: f64): f64 {
    if (v == 0) return NativeMath.exp(this.g(u0));
    if (this.model == A.IMPACT_MODEL_LINEAR) {
      const kv = this.kappa * v;
      if (kv == 0) return InlineMath.exp(this.kappa * u0);
      const e1 = NativeMath.expm1(kv); // the call before the inlined exp: 1% off a default step (measured)
      return (InlineMath.exp(this.kappa * u0) * e1) / kv;
    }
    return (this.integralSqrt(u0 + v) - this.integralSqrt(u0)) / v;
  }

  /** G(u) for the square-root law: u * phi(b) with b = c*sqrt(|u|), phi(b) -> 1 as b -> 0. */
  private integralSqrt(u: f64): f64 {
    if (u == 0) return 0;
    const b = this.c * Math.sqrt(Math.abs(u));
    return u * (u > 0 ? phiUp(b) : phiUp(-b));
  }
}

/**
 * phi(b) = 2 (e^b (b - 1) + 1) / b^2, the mean of e^(b sqrt(w)) for w uniform on [0, 1] (with a
 * negative b for sales). A series near 0 avoids the cancellation of the closed form.
 */
function phiUp(b: f64): f64 {
  if (Math.abs(b) < 0.05) {
    return 1 + b * (2.0 / 3 + b * (1.0 / 4 + b * (1.0 / 15 + b * (1.0 / 72 + b * (1.0 / 420 + b * (1.0 / 2880 + b / 22680))))));
  }
  return (2 * (NativeMath.exp(b) * (b - 1) + 1)) / (b * b);
}
