// The optimiser: Deb's rules, the Latin hypercube, the Pareto front, the search on a surface whose
// constrained optimum is known, and on the model itself (deterministic for a seed, never worse than
// the design it started from).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measure, type Measured, type MetricValues } from '../../src/designer/metrics';
import { checkSpec, compareEvaluations, FRONTIER_POINTS, latinHypercube, leverValue, optimise, paretoFront, type Evaluation, type OptimiseSpec } from '../../src/designer/optimiser';
import type { Scenario } from '../../src/scenario';
import { summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

const values = (v: Partial<MetricValues>): MetricValues => ({ pInsolvent: 0, badDebt: 0, var99: 0, traderCost: 0, amplification: 1, ...v });

describe('building blocks', () => {
  it("orders by Deb's rules: feasible first, then objective; infeasible by violation", () => {
    const ev = (feasible: boolean, violation: number, cost: number) => ({ feasible, violation, values: values({ traderCost: cost }) }) as Evaluation;
    expect(compareEvaluations(ev(true, 0, 9), ev(false, 0.01, 1), 'traderCost')).toBeLessThan(0);
    expect(compareEvaluations(ev(true, 0, 1), ev(true, 0, 2), 'traderCost')).toBeLessThan(0);
    expect(compareEvaluations(ev(false, 0.5, 1), ev(false, 0.1, 9), 'traderCost')).toBeGreaterThan(0);
  });

  it('builds a Latin hypercube: each stratum of each lever used once, the same for the same seed', () => {
    const pts = latinHypercube(12, 3, 42);
    for (let j = 0; j < 3; j++) {
      expect(pts.map((p) => Math.floor(p[j] * 12)).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    }
    expect(latinHypercube(12, 3, 42)).toEqual(pts);
    expect(latinHypercube(12, 3, 43)).not.toEqual(pts);
  });

  it('maps [0, 1] onto a lever, geometrically for levers that span decades', () => {
    expect(leverValue({ field: 'mmr', from: 0.01, to: 0.05 }, 0.5)).toBeCloseTo(0.03, 12);
    expect(leverValue({ field: 'depth1pct', from: 1e6, to: 1e8 }, 0.5)).toBeCloseTo(1e7, 3);
    expect(leverValue({ field: 'positions', from: 10, to: 20 }, 0.33)).toBe(13);
    expect(leverValue({ field: 'mmr', from: 0.01, to: 0.05 }, 7)).toBe(0.05);
  });

  it('keeps exactly the non-dominated points of the Pareto front', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ leverage: fc.double({ min: 1, max: 100, noNaN: true }), p: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 40 }), (pts) => {
        const front = paretoFront(pts);
        const dominated = (a: { leverage: number; p: number }) => pts.some((b) => b.leverage >= a.leverage && b.p <= a.p && (b.leverage > a.leverage || b.p < a.p));
        for (const f of front) expect(dominated(f)).toBe(false);
        for (const a of pts) if (!dominated(a)) expect(front.some((f) => f.leverage === a.leverage && f.p === a.p)).toBe(true);
        for (let i = 1; i < front.length; i++) {
          expect(front[i].leverage).toBeGreaterThan(front[i - 1].leverage);
          expect(front[i].p).toBeGreaterThan(front[i - 1].p);
        }
      }),
    );
  });

  it('names what is wrong with a spec', () => {
    const bad: OptimiseSpec = { levers: [{ field: 'mmr', from: 0.05, to: 0.01 }, { field: 'mmr', from: 0.01, to: 0.02 }, { field: 'seed', from: 0, to: 1 }], objective: 'traderCost', constraint: { metric: 'pInsolvent', max: NaN }, budget: 1e6 };
    const fields = checkSpec(bad).map((e) => e.field);
    expect(fields).toEqual(['lever0', 'lever1', 'lever2', 'constraint', 'budget']);
    expect(checkSpec({ levers: [{ field: 'penalty', from: 0, to: 0.9 }], objective: 'badDebt', constraint: null, budget: 20 })[0].message).toMatch(/between 0% and 50%/);
  });
});

describe('the search', () => {
  // A surface with a known constrained optimum: cost (mmr - 2%)^2 + (penalty - 3%)^2, and an
  // "insolvency" 6% - mmr capped at 1%, so the optimum is on the cap: mmr 5%, penalty 3%.
  const known = async (s: Scenario): Promise<Measured> => ({
    values: values({ traderCost: (s.mmr - 0.02) ** 2 + (s.penalty - 0.03) ** 2, pInsolvent: Math.max(0, 0.06 - s.mmr) }),
    errors: values({ amplification: 0 }),
  });
  const spec: OptimiseSpec = {
    levers: [{ field: 'mmr', from: 0.005, to: 0.1 }, { field: 'penalty', from: 0, to: 0.1 }],
    objective: 'traderCost',
    constraint: { metric: 'pInsolvent', max: 0.01 },
    budget: 80,
  };

  it('finds the constrained optimum of a known surface within the budget', async () => {
    const r = await optimise(scenario(), spec, known);
    expect(r.best.feasible).toBe(true);
    expect(r.best.scenario.mmr).toBeCloseTo(0.05, 3);
    expect(r.best.scenario.penalty).toBeCloseTo(0.03, 3);
    expect(r.evaluations.filter((e) => e.phase !== 'frontier').length).toBeLessThanOrEqual(spec.budget);
  });

  it('without the constraint finds the unconstrained optimum', async () => {
    const r = await optimise(scenario(), { ...spec, constraint: null }, known);
    expect(r.best.scenario.mmr).toBeCloseTo(0.02, 3);
  });

  it('on the model: deterministic for a seed, feasible, no worse than where it started; the frontier trades leverage for safety', async () => {
    const base = scenario({ paths: 64, positions: 150, horizon: 21600, dt: 60, shockDepth: 0.12, shockStart: 3600, depth1pct: 2e7, insuranceFund: 1e6 });
    const evaluate = async (s: Scenario) => measure(await summaryOf(s));
    const real: OptimiseSpec = { levers: [{ field: 'mmr', from: 0.01, to: 0.2 }, { field: 'penalty', from: 0, to: 0.1 }], objective: 'traderCost', constraint: { metric: 'pInsolvent', max: 0.05 }, budget: 24 };
    const seen: number[] = [];
    const a = await optimise(base, real, evaluate, (e) => seen.push(e.values.traderCost));
    const b = await optimise(base, real, evaluate);
    expect(b.evaluations.map((e) => e.values)).toEqual(a.evaluations.map((e) => e.values));
    // Each evaluation carries its values' standard errors, the run's own.
    const again = measure(await summaryOf(a.best.scenario));
    expect(a.best.errors).toEqual(again.errors);
    expect(a.best.errors.traderCost).toBeGreaterThan(0);
    // Independent designs evaluated together give the same search, evaluation for evaluation.
    const batches: number[] = [];
    const many = async (ss: Scenario[]) => (batches.push(ss.length), Promise.all(ss.map(evaluate)));
    const c = await optimise(base, real, evaluate, undefined, many);
    expect(c.evaluations.map((e) => [e.phase, e.scenario, e.values])).toEqual(a.evaluations.map((e) => [e.phase, e.scenario, e.values]));
    expect(batches).toEqual([8, FRONTIER_POINTS]);
    expect(seen.length).toBe(a.evaluations.length);
    expect(a.best.feasible).toBe(true);
    const start = a.evaluations.find((e) => e.phase === 'start')!;
    if (start.feasible) expect(a.best.values.traderCost).toBeLessThanOrEqual(start.values.traderCost);
    // The frontier scan ran imr across its range at the best design, and the front is monotone.
    expect(a.evaluations.filter((e) => e.phase === 'frontier').length).toBe(FRONTIER_POINTS);
    expect(a.frontier.length).toBeGreaterThan(1);
    for (let i = 1; i < a.frontier.length; i++) {
      expect(a.frontier[i].leverage).toBeGreaterThan(a.frontier[i - 1].leverage);
      expect(a.frontier[i].p).toBeGreaterThan(a.frontier[i - 1].p); // more leverage costs safety
    }
  }, 120_000);
});
