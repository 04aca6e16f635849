// The Almgren–Chriss planner against independent computation: the closed-form cost and variance
// against sums over the trajectory, the trajectory against a numerical minimisation of
// E + lambda V, its limits (no risk aversion: even; great risk aversion: at once), and its impact
// coefficients against the model's own impact curve.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOSED_FORM_MIN, costOf, even, executionOf, frontier, immediate, optimal, urgency, type Execution } from '../../src/designer/almgren-chriss';
import { Impact, ModelParams } from '../../src/portable/core';
import { defaultScenario } from '../../src/scenario';
import { encodeParams } from '../../src/engine/params';

const execution: fc.Arbitrary<Execution> = fc.record({
  X: fc.double({ min: 10, max: 1e6, noNaN: true }),
  T: fc.double({ min: 60, max: 86400, noNaN: true }),
  N: fc.integer({ min: 2, max: 60 }),
  sigma: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  eta: fc.double({ min: 1e-6, max: 10, noNaN: true }),
  gamma: fc.double({ min: 0, max: 1e-3, noNaN: true }),
  lambda: fc.double({ min: 1e-9, max: 1e-3, noNaN: true }),
}).filter((e) => e.eta - (e.gamma * e.T) / e.N / 2 > 1e-3 * e.eta);

const utility = (e: Execution, h: readonly number[]) => {
  const c = costOf(e, h);
  return c.expectedCost + e.lambda * c.variance;
};

/** Minimises E + lambda V over x_1..x_{N-1} numerically: the objective is quadratic, so its
 * gradient, found by central differences of costOf, is linear; solve it by Gaussian elimination. */
function numericOptimum(e: Execution): number[] {
  const n = e.N - 1;
  const at = (x: number[]) => utility(e, [e.X, ...x, 0]);
  const x0 = Array.from({ length: n }, (_, i) => e.X * (1 - (i + 1) / e.N));
  const h = e.X * 1e-3;
  const grad = (x: number[]) =>
    x.map((_, i) => {
      const a = x.slice(), b = x.slice();
      a[i] += h;
      b[i] -= h;
      return (at(a) - at(b)) / (2 * h);
    });
  const g0 = grad(x0);
  const H = x0.map((_, j) => {
    const x = x0.slice();
    x[j] += h;
    return grad(x).map((g, i) => (g - g0[i]) / h);
  }); // H[j][i] = d2U / dx_j dx_i
  // Solve H d = -g0 (H symmetric), then x = x0 + d.
  const A = H.map((row, i) => [...row, -g0[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  return [e.X, ...x0.map((x, i) => x + A[i][n] / A[i][i]), 0];
}

describe('Almgren–Chriss', () => {
  it('closed-form expected cost and variance equal the sums over the trajectory', () => {
    fc.assert(
      fc.property(execution.filter((e) => urgency(e) * e.T >= CLOSED_FORM_MIN && urgency(e) * e.T <= 300), (e) => {
        const o = optimal(e);
        const direct = costOf(e, o.holdings);
        // Relative to the cost and the variance of holding the whole position for one interval.
        const tau = e.T / e.N;
        expect(Math.abs(o.variance - direct.variance)).toBeLessThanOrEqual(1e-9 * (direct.variance + e.sigma ** 2 * tau * e.X ** 2));
        expect(Math.abs(o.expectedCost - direct.expectedCost)).toBeLessThanOrEqual(1e-9 * (direct.expectedCost + (e.eta / tau) * e.X ** 2));
      }),
      { numRuns: 300 },
    );
  });

  it('its trajectory is the numerical minimum of E + lambda V', () => {
    fc.assert(
      fc.property(execution.filter((e) => e.N <= 30), (e) => {
        const o = optimal(e).holdings;
        const n = numericOptimum(e);
        o.forEach((x, k) => expect(Math.abs(x - n[k])).toBeLessThanOrEqual(1e-5 * e.X));
        // and nothing nearby does better
        const u = utility(e, o);
        for (let k = 1; k < e.N; k++) {
          for (const d of [-1e-3, 1e-3]) {
            const p = o.slice();
            p[k] += d * e.X;
            expect(utility(e, p)).toBeGreaterThanOrEqual(u * (1 - 1e-12));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sells evenly without risk aversion, at once with extreme risk aversion, and trades cost for risk in between', () => {
    const e: Execution = { X: 1e4, T: 3600, N: 20, sigma: 0.05, eta: 0.5, gamma: 1e-5, lambda: 1e-6 };
    const flat = optimal({ ...e, lambda: 1e-16 }).holdings;
    even(e).holdings.forEach((x, k) => expect(flat[k]).toBeCloseTo(x, 3));
    const rushed = optimal({ ...e, lambda: 1e3 }).holdings;
    expect(rushed[1]).toBeLessThan(1e-4 * e.X);
    const o = optimal(e), ev = even(e), im = immediate(e);
    expect(o.expectedCost).toBeGreaterThan(ev.expectedCost);
    expect(o.variance).toBeLessThan(ev.variance);
    expect(o.expectedCost).toBeLessThan(im.expectedCost);
    expect(utility(e, o.holdings)).toBeLessThan(Math.min(utility(e, ev.holdings), utility(e, im.holdings)));
    // Along the frontier, more risk aversion: higher cost, lower variance.
    const f = frontier(e);
    for (let i = 1; i < f.length; i++) {
      expect(f[i].expectedCost).toBeGreaterThanOrEqual(f[i - 1].expectedCost * (1 - 1e-12));
      expect(f[i].variance).toBeLessThanOrEqual(f[i - 1].variance * (1 + 1e-12));
    }
    // It spans nearly even (kappa T = 0.05) to nearly at once (kappa T = 30): lambdaFor inverts urgency.
    expect(f.length).toBe(25);
    expect(urgency({ ...e, lambda: f[0].lambda }) * e.T).toBeCloseTo(0.05, 9);
    expect(urgency({ ...e, lambda: f.at(-1)!.lambda }) * e.T).toBeCloseTo(30, 6);
    expect(f[0].expectedCost).toBeLessThan(1.01 * ev.expectedCost);
  });

  it("takes its impact from the scenario's market: selling at once costs what the model's impact curve charges", () => {
    const s = { ...defaultScenario(), permanentImpact: 0.3 };
    for (const notional of [1e5, 1e6, 5e6]) {
      const e = executionOf(s, notional, 600, 10, 1e-6);
      // The model: one step's sale of `notional` executes at the average of exp(g) along the flow.
      const impact = new Impact();
      impact.configure(new ModelParams(encodeParams(s)), 1);
      const modelCost = notional * (1 - impact.average(0, -notional));
      const planned = immediate(e).expectedCost;
      expect(Math.abs(planned - modelCost) / modelCost).toBeLessThan((0.01 / s.depth1pct) * notional);
    }
  });
});
