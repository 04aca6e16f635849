// When is one position liquidated? Under geometric Brownian motion with the protocol checking the
// oracle every dt, the chance that a long is liquidated by time t is the chance that the price
// touches its liquidation price B by then. The continuous-time answer is the classical first-passage
// law; monitoring only every dt makes touching rarer, which Broadie, Glasserman and Kou (1997) correct
// by moving the barrier away by beta * sigma * sqrt(dt), beta = -zeta(1/2) / sqrt(2 pi).
import { YEAR } from '../../assembly/shared/abi';
import type { Scenario } from '../scenario';
import { normalCdf } from './normal';

export const BGK_BETA = 0.5825971579390106;

/** The price at which a position is liquidated: equity = mmr x notional at the oracle price. */
export function liquidationPrice(entry: number, leverage: number, mmr: number, side: 1 | -1): number {
  const K = entry * (1 - side / leverage); // bankruptcy price
  return side > 0 ? K / (1 - mmr) : K / (1 + mmr);
}

/**
 * P(the price touches B by time t), continuously monitored, for a GBM from S0 with drift mu and
 * volatility sigma (per year; t in years): with x = ln(S0/B)... for B below S0,
 * P = N((b - nu t) / (sigma sqrt t)) + (B/S0)^(2 nu / sigma^2) N((b + nu t) / (sigma sqrt t)),
 * b = ln(B/S0), nu = mu - sigma^2 / 2. B above S0 is the mirror image.
 */
export function touchProbability(S0: number, B: number, mu: number, sigma: number, t: number): number {
  if (t <= 0) return 0;
  if (B === S0) return 1;
  let b = Math.log(B / S0), nu = mu - 0.5 * sigma * sigma;
  if (b > 0) [b, nu] = [-b, -nu]; // an upper barrier is a lower one for the mirrored log price
  if (sigma === 0) return nu * t <= b ? 1 : 0;
  const s = sigma * Math.sqrt(t);
  return Math.min(1, normalCdf((b - nu * t) / s) + Math.exp((2 * nu * b) / (sigma * sigma)) * normalCdf((b + nu * t) / s));
}

/** The same, checked only every dt (years): the barrier moved away by BGK_BETA sigma sqrt(dt). */
export function touchProbabilityDiscrete(S0: number, B: number, mu: number, sigma: number, t: number, dt: number): number {
  const shift = BGK_BETA * sigma * Math.sqrt(dt);
  return touchProbability(S0, B < S0 ? B * Math.exp(-shift) : B * Math.exp(shift), mu, sigma, t);
}

/**
 * Why the closed form does not describe a scenario's first liquidation, or null when it does: the
 * price must be a GBM until then (no jumps, no scripted shock before the horizon), every position
 * the same (one side, one leverage, one entry price), an oracle that publishes every step, and a
 * fixed margin.
 */
export function theoryGap(s: Scenario): string | null {
  if (s.jumpsOn) return 'jumps are on';
  if (s.shockDepth > 0 && s.shockStart < s.horizon) return 'a scripted shock falls within the horizon';
  if (s.longShare !== 0 && s.longShare !== 1) return 'positions are on both sides';
  if (s.positions > 1 && (s.leverageDispersion > 0 || s.entrySpread > 0)) return 'positions differ in leverage or entry price';
  if (s.oracleDeviation > 0 && s.oracleHeartbeat > 0) return 'the oracle does not publish every step';
  if (s.dynamicMargin) return 'the margin moves with volatility';
  if (s.mechanism !== 'full' && s.mechanism !== 'partial') return 'an auction or the AMM settles later than the first check';
  if (!s.backstop) return 'without a backstop a keeper may wait';
  return null;
}

/** The first-liquidation curve the closed form gives, at the given times (seconds). */
export function liquidationCurveTheory(s: Scenario, times: readonly number[]): { B: number; discrete: number[]; continuous: number[] } {
  const side = s.longShare === 1 ? 1 : -1;
  const leverage = Math.min(Math.max(s.leverageMean, 1), 1 / s.imr);
  const B = liquidationPrice(s.S0, leverage, s.mmr, side);
  // The oracle reports the price of `latency` steps ago: the curve starts that much later.
  const lag = Math.floor(s.oracleLatency / s.dt + 0.5) * s.dt;
  const years = (t: number) => Math.max(0, Math.floor(t / s.dt + 1e-9) * s.dt - lag) / YEAR;
  return {
    B,
    discrete: times.map((t) => touchProbabilityDiscrete(s.S0, B, s.mu, s.sigma, years(t), s.dt / YEAR)),
    continuous: times.map((t) => touchProbability(s.S0, B, s.mu, s.sigma, years(t))),
  };
}
