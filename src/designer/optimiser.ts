// The optimiser: tune a few levers within bounds to minimise one metric subject to a cap on another
// (say, trader cost subject to P(insolvent) <= 1%), then trace capital efficiency against insolvency.
//
// Method. Every evaluation runs the scenario on its own seed, so all candidates see the same random
// paths (common random numbers): the objective becomes a deterministic sample-average approximation
// (SAA) of the true one, and comparisons between candidates are far less noisy than their levels.
// On that deterministic surface we run a Latin-hypercube design (space-filling, seeded by the
// scenario's seed), then Nelder–Mead from the best point found, with Deb's feasibility rules as the
// order (feasible beats infeasible; among feasible, lower objective; among infeasible, smaller
// violation). Nelder–Mead needs only that order, no gradients, which suits a piecewise-flat Monte
// Carlo surface. The same scenario, spec and seed always give the same result. The optimum is that
// of the SAA with the scenario's number of paths: check it with more paths before trusting it.
import { FIELD_KEYS, field, type FieldKey, type NumberField, type Scenario } from '../scenario';
import { resolve } from '../resolve';
import { validateScenario, withUnit, type FieldError } from '../validate';
import { isMetric, type Measured, type MetricKey, type MetricValues } from './metrics';

export type Evaluate = (s: Scenario) => Promise<Measured>;
/** Evaluates independent designs together (on a pool: one job, no worker waits between them). */
export type EvaluateMany = (ss: Scenario[]) => Promise<Measured[]>;

export interface Lever {
  field: FieldKey;
  from: number;
  to: number;
}

export interface OptimiseSpec {
  levers: Lever[];
  objective: MetricKey;
  /** The constraint metric <= max; none: unconstrained. */
  constraint: { metric: MetricKey; max: number } | null;
  /** Most evaluations for the search (the frontier scan adds FRONTIER_POINTS). */
  budget: number;
}

export interface Evaluation {
  /** The design evaluated: its levers as set (resolve.ts reports any rule between levers that acted on its run). */
  scenario: Scenario;
  values: MetricValues;
  /** Each value's standard error over the run's paths (the search itself ranks the values alone). */
  errors: MetricValues;
  feasible: boolean;
  /** How far beyond the cap, relative to it (0 when feasible). */
  violation: number;
  phase: 'start' | 'design' | 'search' | 'frontier';
}

export const MAX_LEVERS = 4;
export const MIN_BUDGET = 4;
export const MAX_BUDGET = 400;
export const FRONTIER_POINTS = 10;

/** Levers the optimiser may tune: every number of the Scenario but the seed and the run size. */
export function tunable(): FieldKey[] {
  return FIELD_KEYS.filter((k) => {
    const f = field(k);
    return (f.kind === 'number' || f.kind === 'int') && !['seed', 'paths', 'horizon', 'dt'].includes(k);
  });
}

/** Checks a spec like any untrusted input: levers known, distinct, within the field's bounds. */
export function checkSpec(spec: OptimiseSpec): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = tunable();
  if (spec.levers.length < 1 || spec.levers.length > MAX_LEVERS) errors.push({ field: 'levers', message: `choose 1 to ${MAX_LEVERS} levers` });
  const seen = new Set<string>();
  spec.levers.forEach((l, i) => {
    if (!allowed.includes(l.field)) return errors.push({ field: `lever${i}`, message: `${l.field} cannot be tuned` });
    if (seen.has(l.field)) errors.push({ field: `lever${i}`, message: `${field(l.field).label} is chosen twice` });
    seen.add(l.field);
    const f = field(l.field) as NumberField;
    if (!Number.isFinite(l.from) || !Number.isFinite(l.to) || l.from >= l.to) errors.push({ field: `lever${i}`, message: `${f.label}: "from" must be below "to"` });
    else if (l.from < f.min || l.to > f.max) errors.push({ field: `lever${i}`, message: `${f.label} must stay between ${withUnit(f.unit, f.min)} and ${withUnit(f.unit, f.max)}` });
  });
  if (!isMetric(spec.objective)) errors.push({ field: 'objective', message: 'unknown objective' });
  if (spec.constraint && (!isMetric(spec.constraint.metric) || !Number.isFinite(spec.constraint.max) || spec.constraint.max < 0)) {
    errors.push({ field: 'constraint', message: 'the cap must be a number of at least 0' });
  }
  if (!Number.isInteger(spec.budget) || spec.budget < MIN_BUDGET || spec.budget > MAX_BUDGET) {
    errors.push({ field: 'budget', message: `between ${MIN_BUDGET} and ${MAX_BUDGET} evaluations` });
  }
  return errors;
}

/** Lever value at u in [0, 1]: geometric for levers that span decades, linear otherwise. */
export function leverValue(l: Lever, u: number): number {
  const f = field(l.field) as NumberField;
  const t = Math.min(1, Math.max(0, u));
  const v = f.log && l.from > 0 ? l.from * Math.pow(l.to / l.from, t) : l.from + t * (l.to - l.from);
  return f.kind === 'int' ? Math.round(v) : +v.toPrecision(10);
}

/** Deb's rules as a comparison: negative when a is better than b. */
export function compareEvaluations(a: Evaluation, b: Evaluation, objective: MetricKey): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (!a.feasible) return a.violation - b.violation;
  return a.values[objective] - b.values[objective];
}

/** The non-dominated points when maximising leverage (1 / imr) and minimising P(insolvent), by leverage. */
export function paretoFront<T extends { leverage: number; p: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => b.leverage - a.leverage || a.p - b.p);
  const front: T[] = [];
  let bestP = Infinity;
  for (const pt of sorted) {
    if (pt.p < bestP) {
      front.push(pt);
      bestP = pt.p;
    }
  }
  return front.reverse();
}

/** A small counter-free PRNG (mulberry32): the design's permutations come from the scenario's seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n points of a Latin hypercube in [0, 1]^d: each lever's range cut in n strata, each used once. */
export function latinHypercube(n: number, d: number, seed: number): number[][] {
  const rand = prng(seed ^ 0x9e3779b9);
  const cols = Array.from({ length: d }, () => {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    return perm.map((k) => (k + 0.5) / n);
  });
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}

export interface OptimiseResult {
  evaluations: Evaluation[];
  /** The best evaluation by Deb's rules (search phases only). */
  best: Evaluation;
  /** Capital efficiency against insolvency: the non-dominated evaluations (index into evaluations). */
  frontier: { leverage: number; p: number; index: number }[];
}

/**
 * Runs the search and then the frontier scan (imr across its range at the best design). `onEvaluation`
 * sees every evaluation as it completes; a rejected `evaluate` (say, cancelled) stops the run.
 * `evaluateMany`, when given, takes the designs that do not depend on each other (the space-filling
 * design, the frontier) at once; the result is the same as one by one.
 */
export async function optimise(
  base: Scenario,
  spec: OptimiseSpec,
  evaluate: Evaluate,
  onEvaluation?: (e: Evaluation, all: Evaluation[]) => void,
  evaluateMany?: EvaluateMany,
): Promise<OptimiseResult> {
  const d = spec.levers.length;
  const evaluations: Evaluation[] = [];
  const cache = new Map<string, Evaluation>();
  const cmp = (a: Evaluation, b: Evaluation) => compareEvaluations(a, b, spec.objective);
  let searchCount = 0;

  async function run(changes: Partial<Scenario>, phase: Evaluation['phase']): Promise<Evaluation> {
    const s = validateScenario({ ...base, ...changes }).scenario;
    const hit = cache.get(JSON.stringify(s));
    if (hit) return hit; // a repeat costs nothing and does not count against the budget
    return record(s, await evaluate(s), phase);
  }

  /** run() of several designs, evaluated together; recorded in the given order, as one by one would. */
  async function runAll(list: Partial<Scenario>[], phase: Evaluation['phase']): Promise<Evaluation[]> {
    if (!evaluateMany) {
      const out: Evaluation[] = [];
      for (const changes of list) out.push(await run(changes, phase));
      return out;
    }
    const ss = list.map((changes) => validateScenario({ ...base, ...changes }).scenario);
    const fresh = new Map<string, Scenario>();
    for (const s of ss) {
      const key = JSON.stringify(s);
      if (!cache.has(key)) fresh.set(key, s);
    }
    const values = fresh.size ? await evaluateMany([...fresh.values()]) : [];
    const got = new Map([...fresh.keys()].map((key, i) => [key, values[i]]));
    return ss.map((s) => {
      const key = JSON.stringify(s);
      return cache.get(key) ?? record(s, got.get(key)!, phase);
    });
  }

  function record(s: Scenario, { values, errors }: Measured, phase: Evaluation['phase']): Evaluation {
    const key = JSON.stringify(s);
    const c = spec.constraint;
    const over = c ? values[c.metric] - c.max : 0;
    const e: Evaluation = {
      scenario: s,
      values,
      errors,
      feasible: !(over > 0),
      violation: over > 0 ? over / Math.max(Math.abs(c!.max), 1e-12) : 0,
      phase,
    };
    cache.set(key, e);
    evaluations.push(e);
    if (phase !== 'frontier') searchCount++;
    onEvaluation?.(e, evaluations);
    return e;
  }
  const changesAt = (u: number[]): Partial<Scenario> => Object.fromEntries(spec.levers.map((l, i) => [l.field, leverValue(l, u[i])]));
  const at = (u: number[], phase: Evaluation['phase']) => run(changesAt(u), phase);
  const left = () => spec.budget - searchCount;

  const clamp = (u: number[]) => u.map((v) => Math.min(1, Math.max(0, v)));
  type Point = { u: number[]; e: Evaluation };

  /** One Nelder–Mead descent from `from` with an initial simplex of side `step`; returns its best point. */
  async function nelderMead(from: Point, step: number): Promise<Point> {
    let simplex: Point[] = [from];
    for (let i = 0; i < d && left() > 0; i++) {
      const u = from.u.slice();
      u[i] = u[i] + step <= 1 ? u[i] + step : u[i] - step;
      simplex.push({ u, e: await at(u, 'search') });
    }
    // Repeats are free (cached), so an iteration cap, not only the budget, ends a search that stalls.
    for (let iter = 0; simplex.length === d + 1 && left() > 0 && iter < 20 * spec.budget; iter++) {
      simplex.sort((a, b) => cmp(a.e, b.e));
      const size = Math.max(...simplex.slice(1).map((p) => Math.max(...p.u.map((v, i) => Math.abs(v - simplex[0].u[i])))));
      // Shrunk well below its start, the simplex would only creep (typically along the constraint's
      // edge): the compass search takes over.
      if (size < step / 16) break;
      const worst = simplex[d];
      const centroid = Array.from({ length: d }, (_, i) => simplex.slice(0, d).reduce((s, p) => s + p.u[i], 0) / d);
      const toward = (t: number) => clamp(centroid.map((c, i) => c + t * (worst.u[i] - c)));
      const r = { u: toward(-1), e: await at(toward(-1), 'search') };
      if (cmp(r.e, simplex[0].e) < 0 && left() > 0) {
        const x = { u: toward(-2), e: await at(toward(-2), 'search') };
        simplex[d] = cmp(x.e, r.e) < 0 ? x : r;
      } else if (cmp(r.e, simplex[d - 1].e) < 0) {
        simplex[d] = r;
      } else if (left() > 0) {
        const outside = cmp(r.e, worst.e) < 0;
        const c = { u: toward(outside ? -0.5 : 0.5), e: await at(toward(outside ? -0.5 : 0.5), 'search') };
        if (cmp(c.e, outside ? r.e : worst.e) <= 0) simplex[d] = c;
        else {
          // Shrink toward the best point.
          const b = simplex[0];
          const next = [b];
          for (const p of simplex.slice(1)) {
            if (left() <= 0) break;
            const u = b.u.map((v, i) => v + 0.5 * (p.u[i] - v));
            next.push({ u, e: await at(u, 'search') });
          }
          simplex = next;
        }
      }
    }
    return simplex.reduce((a, b) => (cmp(b.e, a.e) < 0 ? b : a));
  }

  // 1. The current design (clamped into the ranges), then a space-filling design.
  const u0 = spec.levers.map((l) => {
    const f = field(l.field) as NumberField;
    const v = Math.min(Math.max(base[l.field] as number, l.from), l.to);
    return f.log && l.from > 0 ? Math.log(v / l.from) / Math.log(l.to / l.from) : (v - l.from) / (l.to - l.from);
  });
  const points: Point[] = [{ u: u0, e: await at(u0, 'start') }];
  const nDesign = Math.min(Math.max(2 * d + 2, Math.floor(spec.budget / 3)), left());
  const design = latinHypercube(nDesign, d, base.seed);
  const designed = await runAll(design.map(changesAt), 'design');
  design.forEach((u, k) => points.push({ u, e: designed[k] }));

  // 2. Nelder–Mead from the best point so far, over [0, 1]^d (points outside are projected back);
  // 3. then a compass search polishes it: Nelder–Mead is quick across the space but creeps along a
  // constraint's edge, where the simplex flattens; polling each lever up and down does not.
  points.sort((a, b) => cmp(a.e, b.e));
  let current = await nelderMead(points[0], 0.25);
  for (let step = 0.05; step >= 1e-4 && left() > 0; ) {
    let moved = false;
    for (let i = 0; i < d && !moved && left() > 0; i++) {
      for (const sign of [1, -1]) {
        const u = current.u.slice();
        u[i] = Math.min(1, Math.max(0, u[i] + sign * step));
        if (u[i] === current.u[i] || left() <= 0) continue;
        const p = { u, e: await at(u, 'search') };
        if (cmp(p.e, current.e) < 0) {
          current = p;
          moved = true;
          break;
        }
      }
    }
    if (!moved) step /= 2;
  }
  const best = evaluations.reduce((a, b) => (cmp(b, a) < 0 ? b : a));

  // 3. The frontier: imr from just above the maintenance margin to 50% at the best design.
  const lo = Math.max((field('imr') as NumberField).min, best.scenario.mmr * 1.1), hi = 0.5;
  if (lo < hi) {
    const imrs = Array.from({ length: FRONTIER_POINTS }, (_, k) => +(lo * Math.pow(hi / lo, k / (FRONTIER_POINTS - 1))).toPrecision(6));
    await runAll(imrs.map((imr) => ({ ...best.scenario, imr })), 'frontier');
  }
  // The leverage the run allowed: a design whose imr is not above its mmr runs with a higher one (resolve.ts).
  const pts = evaluations.map((e, index) => ({ leverage: 1 / resolve(e.scenario).scenario.imr, p: e.values.pInsolvent, index }));
  return { evaluations, best, frontier: paretoFront(pts) };
}
