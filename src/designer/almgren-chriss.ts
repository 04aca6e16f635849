// Liquidating one large position: at once, evenly, or along the Almgren–Chriss optimal trajectory
// (Almgren & Chriss, "Optimal execution of portfolio transactions", J. Risk 3(2), 2000), which
// minimises E[cost] + lambda * Var[cost] under linear temporary and permanent impact.
// Units: holdings in asset units, prices in USD, time in seconds.
import { YEAR } from '../../assembly/shared/abi';
import { heldShare } from '../portable/schedule';
import type { Scenario } from '../scenario';

export interface Execution {
  /** Position to sell, in asset units. */
  X: number;
  /** Time allowed, in seconds, split into N equal intervals. */
  T: number;
  N: number;
  /** Price volatility in USD per unit per sqrt(second). */
  sigma: number;
  /** Temporary impact: price concession per unit of trading rate (USD per unit, per unit/s). */
  eta: number;
  /** Permanent impact: lasting price fall per unit sold (USD per unit). */
  gamma: number;
  /** Risk aversion, per USD. */
  lambda: number;
}

export interface Schedule {
  /** Holdings at t_k = k T / N, k = 0..N: from X down to 0. */
  holdings: number[];
  expectedCost: number;
  variance: number;
}

/** Below this kappa T the closed-form cost loses digits to cancellation; costOf is used instead. */
export const CLOSED_FORM_MIN = 1e-2;

/**
 * The execution problem of a position of `notional` USD in a scenario's market. One interval of
 * tau seconds absorbs its sale like one step of the model: the log price moves by k * (USD sold)
 * with k = 1% / depth, the sale executes at the average along the move (half of it), and the
 * share `permanentImpact` of the move stays. So eta = k S0^2 tau / 2 and gamma = p k S0^2. The
 * square-root law is linearised at the position's size (same impact for the whole position).
 * Assumes the transient part fades within an interval (the model's resilience half-life is not in
 * Almgren–Chriss).
 */
export function executionOf(s: Scenario, notional: number, T: number, N: number, lambda: number): Execution {
  const X = notional / s.S0;
  const k = s.impactModel === 'linear' ? 0.01 / s.depth1pct : (s.impactY * (s.sigma / Math.sqrt(365))) / Math.sqrt(s.dailyVolume * notional);
  const tau = T / N;
  return {
    X,
    T,
    N,
    sigma: (s.S0 * s.sigma) / Math.sqrt(YEAR),
    eta: (k * s.S0 * s.S0 * tau) / 2,
    gamma: s.permanentImpact * k * s.S0 * s.S0,
    lambda,
  };
}

/** eta less the part of the permanent impact borne within an interval (AC's eta-tilde). */
function etaTilde(e: Execution): number {
  return e.eta - (e.gamma * (e.T / e.N)) / 2;
}

/** The urgency kappa of the optimal trajectory: cosh(kappa tau) = 1 + lambda sigma^2 tau^2 / (2 eta~). */
export function urgency(e: Execution): number {
  const tau = e.T / e.N;
  const et = etaTilde(e);
  if (!(et > 0)) return Infinity; // no temporary cost: only risk matters, sell at once
  const y = (e.lambda * e.sigma ** 2 * tau ** 2) / (2 * et);
  return Math.log1p(y + Math.sqrt(y * (2 + y))) / tau; // acosh(1 + y), accurate for small y
}

/**
 * Expected cost and variance of any schedule, straight from the model's definition (not the closed
 * form): cost = sum gamma x_k n_k + (eta / tau) n_k^2 and variance = sigma^2 tau sum x_k^2, where
 * n_k = x_{k-1} - x_k is sold in interval k and x_k is held through the next price move.
 */
export function costOf(e: Execution, holdings: readonly number[]): { expectedCost: number; variance: number } {
  const tau = e.T / e.N;
  let cost = 0, variance = 0;
  for (let k = 1; k < holdings.length; k++) {
    const n = holdings[k - 1] - holdings[k];
    cost += e.gamma * holdings[k] * n + (e.eta / tau) * n * n;
    variance += e.sigma ** 2 * tau * holdings[k] ** 2;
  }
  return { expectedCost: cost, variance };
}

const withCost = (e: Execution, holdings: number[]): Schedule => ({ holdings, ...costOf(e, holdings) });

/** Everything sold in the first interval. */
export function immediate(e: Execution): Schedule {
  return withCost(e, Array.from({ length: e.N + 1 }, (_, k) => (k === 0 ? e.X : 0)));
}

/** The same amount in every interval (TWAP): the optimum of a trader with no risk aversion. */
export function even(e: Execution): Schedule {
  return withCost(e, Array.from({ length: e.N + 1 }, (_, k) => e.X * (1 - k / e.N)));
}

/** The optimal trajectory x_k = X sinh(kappa (T - t_k)) / sinh(kappa T), with AC's closed-form cost. */
export function optimal(e: Execution): Schedule {
  const kappa = urgency(e);
  const { X, T, N } = e;
  const tau = T / N;
  if (kappa === 0) return even(e);
  if (!Number.isFinite(kappa) || kappa * T > 300) return withCost(e, trajectory(e, kappa)); // sinh^2 would overflow: use the ratio form
  // For small kappa T the closed form cancels catastrophically; the sums are exact there.
  if (kappa * T < CLOSED_FORM_MIN) return withCost(e, trajectory(e, kappa));
  const holdings = Array.from({ length: N + 1 }, (_, k) => (X * Math.sinh(kappa * (T - k * tau))) / Math.sinh(kappa * T));
  const sh = Math.sinh(kappa * T), st = Math.sinh(kappa * tau);
  const expectedCost =
    0.5 * e.gamma * X * X +
    (etaTilde(e) * X * X * Math.tanh(0.5 * kappa * tau) * (tau * Math.sinh(2 * kappa * T) + 2 * T * st)) / (2 * tau * tau * sh * sh);
  const variance = (0.5 * e.sigma ** 2 * X * X * (tau * sh * Math.cosh(kappa * (T - tau)) - T * st)) / (sh * sh * st);
  return { holdings, expectedCost, variance };
}

/** Holdings of the optimal trajectory written as exponentials, safe for very large kappa T. */
function trajectory(e: Execution, kappa: number): number[] {
  const tau = e.T / e.N;
  if (!Number.isFinite(kappa)) return immediate(e).holdings;
  return Array.from({ length: e.N + 1 }, (_, k) => e.X * heldShare(kappa, e.T, k * tau));
}

/** The risk aversion whose optimal trajectory has urgency kappa (the inverse of `urgency`). */
export function lambdaFor(e: Execution, kappa: number): number {
  const tau = e.T / e.N;
  return (2 * etaTilde(e) * (Math.cosh(kappa * tau) - 1)) / (e.sigma ** 2 * tau ** 2);
}

/**
 * The efficient frontier: optimal schedules whose kappa T runs from `kTmin` (nearly even) to `kTmax`
 * (nearly at once), evenly in log kappa, in increasing risk aversion. Empty when there is no price
 * risk or no temporary cost to trade off.
 */
export function frontier(e: Execution, points = 25, kTmin = 0.05, kTmax = 30): (Schedule & { lambda: number })[] {
  if (!(e.sigma > 0) || !(etaTilde(e) > 0)) return [];
  const out: (Schedule & { lambda: number })[] = [];
  for (let i = 0; i < points; i++) {
    const kappa = (kTmin * (kTmax / kTmin) ** (i / (points - 1))) / e.T;
    const lambda = lambdaFor(e, kappa);
    out.push({ ...optimal({ ...e, lambda }), lambda });
  }
  return out;
}

/**
 * The `partial` mechanism's optimal schedule (scenario.partialSchedule = 'optimal'): the window in
 * steps of the scenario, at least one.
 */
export function scheduleSteps(s: Scenario): number {
  return Math.max(1, Math.round(s.scheduleWindow / s.dt));
}

/** kappa dt above this sells all but e^-50 of a position in the first step: "at once". */
const MAX_KAPPA_DT = 50;

/**
 * The urgency both model cores use for the optimal schedule: the scenario's market, its risk
 * aversion, one interval per step. Under linear impact kappa does not depend on the position's size;
 * under the square-root law it is linearised at the book's mean position (open interest / positions).
 */
export function scheduleUrgency(s: Scenario): number {
  const N = scheduleSteps(s);
  const kappa = urgency(executionOf(s, s.openInterest / s.positions, N * s.dt, N, s.riskAversion));
  return Math.min(kappa, MAX_KAPPA_DT / s.dt);
}
