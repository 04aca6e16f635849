// The planner's inputs are untrusted like a link's: every value is bounded, and a bad one is named.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costOf, executionOf, optimal } from '../../src/designer/almgren-chriss';
import { checkPlanner, planFor, plannerDefaults, PLANNER_BOUNDS } from '../../src/designer/planner';
import { defaultScenario } from '../../src/scenario';
import { scenario } from '../helpers/scenarios';

describe('planner inputs', () => {
  const s = defaultScenario();
  const fallback = plannerDefaults(s);

  it('start from the scenario: 1% of open interest, its window and lambda, one interval per step', () => {
    expect(fallback).toEqual({ notional: 5e6, window: 600, intervals: 30, riskAversion: 1e-6 });
  });

  it('name each bad field, clamp or replace it, and keep the good ones', () => {
    const { inputs, errors } = checkPlanner({ notional: 'lots', window: -5, intervals: 2.6, riskAversion: 1 }, fallback);
    expect(inputs).toEqual({ notional: fallback.notional, window: PLANNER_BOUNDS.window.min, intervals: 3, riskAversion: PLANNER_BOUNDS.riskAversion.max });
    expect(errors.map((e) => e.field)).toEqual(['notional', 'window', 'riskAversion']);
    expect(errors[0].message).toMatch(/not a number/);
    expect(errors[1].message).toMatch(/between/);
  });

  it('always give a finite plan, whatever is typed', () => {
    const junk = fc.oneof(fc.double(), fc.string(), fc.constant(''), fc.constant(Infinity), fc.integer({ min: -1e9, max: 1e9 }));
    fc.assert(
      fc.property(junk, junk, junk, junk, fc.constantFrom('linear', 'sqrt'), (notional, window, intervals, riskAversion, impactModel) => {
        const { inputs } = checkPlanner({ notional, window, intervals, riskAversion }, fallback);
        const plan = planFor(scenario({ impactModel: impactModel as 'linear' }), inputs);
        for (const sc of [plan.immediate, plan.even, plan.optimal, ...plan.frontier]) {
          expect(Number.isFinite(sc.expectedCost) && Number.isFinite(sc.variance)).toBe(true);
          expect(sc.holdings.every(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('the plan', () => {
  it('orders the schedules as Almgren–Chriss predict: at once costs most and risks least; the optimum has the least E + lambda Var', () => {
    const s = defaultScenario();
    const p = { notional: 20e6, window: 1800, intervals: 30, riskAversion: 1e-6 };
    const plan = planFor(s, p);
    const u = (x: { expectedCost: number; variance: number }) => x.expectedCost + p.riskAversion * x.variance;
    expect(plan.immediate.variance).toBe(0);
    expect(plan.immediate.expectedCost).toBeGreaterThan(plan.optimal.expectedCost);
    expect(plan.optimal.expectedCost).toBeGreaterThanOrEqual(plan.even.expectedCost);
    expect(plan.optimal.variance).toBeLessThan(plan.even.variance);
    expect(u(plan.optimal)).toBeLessThan(u(plan.even));
    expect(u(plan.optimal)).toBeLessThan(u(plan.immediate));
    // The plan's optimum is the library's, with the closed-form cost equal to the sums.
    const e = executionOf(s, p.notional, p.window, p.intervals, p.riskAversion);
    expect(plan.optimal.holdings).toEqual(optimal(e).holdings);
    expect(plan.optimal.expectedCost).toBeCloseTo(costOf(e, plan.optimal.holdings).expectedCost, 6);
    // Along the frontier, more risk aversion buys less variance with more expected cost.
    for (let i = 1; i < plan.frontier.length; i++) {
      expect(plan.frontier[i].lambda).toBeGreaterThan(plan.frontier[i - 1].lambda);
      expect(plan.frontier[i].variance).toBeLessThanOrEqual(plan.frontier[i - 1].variance * (1 + 1e-12));
      expect(plan.frontier[i].expectedCost).toBeGreaterThanOrEqual(plan.frontier[i - 1].expectedCost * (1 - 1e-12));
    }
  });
});
