// The liquidation schedule planner's inputs, checked like any other untrusted input, and the plan
// they give: the three schedules (at once, evenly, Almgren–Chriss) and the efficient frontier.
import type { Scenario } from '../scenario';
import { field, type NumberField } from '../scenario';
import { toNumber, withUnit, type FieldError } from '../validate';
import { even, executionOf, frontier, immediate, optimal, scheduleSteps, urgency, type Execution, type Schedule } from './almgren-chriss';

export interface PlannerInputs {
  /** Size of the position to liquidate, USD at the start price. */
  notional: number;
  /** Time allowed, seconds. */
  window: number;
  /** Number of equal intervals the window is split into. */
  intervals: number;
  /** Almgren–Chriss lambda, per USD. */
  riskAversion: number;
}

interface Bound { min: number; max: number; unit: string; int?: boolean }
const fromField = (k: 'scheduleWindow' | 'riskAversion'): Bound => {
  const f = field(k) as NumberField;
  return { min: f.min, max: f.max, unit: f.unit };
};
/** Bounds of each input; window and risk aversion are the scenario's own fields. */
export const PLANNER_BOUNDS: Record<keyof PlannerInputs, Bound> = {
  notional: { min: 1e3, max: 1e12, unit: 'USD' },
  window: fromField('scheduleWindow'),
  intervals: { min: 1, max: 1000, unit: '', int: true },
  riskAversion: fromField('riskAversion'),
};

/** Defaults from the scenario: a position of 1% of open interest, its schedule window and lambda, one interval per step. */
export function plannerDefaults(s: Scenario): PlannerInputs {
  return { notional: s.openInterest / 100, window: s.scheduleWindow, intervals: Math.min(1000, scheduleSteps(s)), riskAversion: s.riskAversion };
}

/** Each input clamped to its bounds (a bad one takes its default) with a message per field. */
export function checkPlanner(raw: Record<keyof PlannerInputs, unknown>, fallback: PlannerInputs): { inputs: PlannerInputs; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const inputs = { ...fallback };
  for (const k of Object.keys(PLANNER_BOUNDS) as (keyof PlannerInputs)[]) {
    const b = PLANNER_BOUNDS[k];
    const r = raw[k];
    const n = toNumber(typeof r === 'string' ? r.trim() : r);
    if (n === undefined) {
      errors.push({ field: k, message: `not a number; using ${withUnit(b.unit, fallback[k])}` });
      continue;
    }
    let v = b.int ? Math.round(n) : n;
    if (v < b.min || v > b.max) {
      v = Math.min(Math.max(v, b.min), b.max);
      errors.push({ field: k, message: `must be between ${withUnit(b.unit, b.min)} and ${withUnit(b.unit, b.max)}; using ${withUnit(b.unit, v)}` });
    }
    inputs[k] = v;
  }
  return { inputs, errors };
}

export interface Plan {
  execution: Execution;
  /** Urgency kappa, per second (Infinity: sell at once). */
  kappa: number;
  immediate: Schedule;
  even: Schedule;
  optimal: Schedule;
  /** Optimal schedules from nearly even to nearly at once, in increasing risk aversion. */
  frontier: (Schedule & { lambda: number })[];
}

export function planFor(s: Scenario, p: PlannerInputs): Plan {
  const e = executionOf(s, p.notional, p.window, p.intervals, p.riskAversion);
  const kappa = urgency(e);
  // The frontier runs from nearly even to past this lambda's optimum (and to nearly at once).
  const kTmax = Math.min(300, Math.max(30, Number.isFinite(kappa) ? 2 * kappa * e.T : 300));
  return { execution: e, kappa, immediate: immediate(e), even: even(e), optimal: optimal(e), frontier: frontier(e, 25, 0.05, kTmax) };
}
