// GARCH(1,1) volatility (volModel 'garch'): the fundamental's log returns e_t = sqrt(h_t) z_t with
// h_{t+1} = omega + alpha e_t^2 + beta h_t. Its closed forms are the tests: the sample variance
// converges to the long-run variance sigma^2 dt (what `sigma` means under either model); the
// kurtosis is 3 (1 + c^2) for volatility of volatility c; the autocorrelation of squared returns is
// rho_1 (alpha + beta)^(k-1) (Bollerslev 1988), with alpha + beta = 2^(-dt / half-life); and the
// price stays a martingale (E[S_T] = S_0 with no drift).
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import { resolve } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { jsKernel, kernel } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

const YEAR = 365 * 86400;

/** The log returns of the fundamental over the given paths, from the replay trace (wasm). */
async function logReturns(s: Scenario, paths: number): Promise<Float64Array[]> {
  const k = await kernel();
  k.setup(encodeParams(s), 1);
  const out: Float64Array[] = [];
  for (let p = 0; p < paths; p++) {
    const t = k.trace(p).steps;
    const steps = t.length / A.T_COUNT - 1;
    const r = new Float64Array(steps);
    for (let i = 0; i < steps; i++) r[i] = Math.log(t[(i + 1) * A.T_COUNT + A.T_FUNDAMENTAL] / t[i * A.T_COUNT + A.T_FUNDAMENTAL]);
    out.push(r);
  }
  return out;
}

/** Sample variance, kurtosis and autocorrelation of squared returns at the given lags, pooled over paths. */
function moments(paths: Float64Array[], lags: number[]) {
  let n = 0, s2 = 0, s4 = 0;
  for (const r of paths) for (const x of r) (n++, (s2 += x * x), (s4 += x ** 4));
  const v = s2 / n, kurt = s4 / n / (v * v);
  const acf = lags.map((k) => {
    let num = 0, m = 0;
    for (const r of paths) for (let i = 0; i + k < r.length; i++) (num += (r[i] * r[i] - v) * (r[i + k] * r[i + k] - v)), m++;
    return num / m / (s4 / n - v * v);
  });
  return { n, variance: v, kurtosis: kurt, acf };
}

// One position far from liquidation: the fundamental alone, no jumps, no drift.
const calm = { positions: 1, leverageMean: 1.01, leverageDispersion: 0, jumpsOn: false, mu: 0, shockDepth: 0, sigma: 0.8 } as const;

describe('GARCH volatility', () => {
  it('has the long-run variance of sigma, the kurtosis 3(1 + c^2) and clustering that fades as (alpha + beta)^k', async () => {
    const c = 0.5, halfLife = 3600, dt = 60;
    const s = scenario({ ...calm, volModel: 'garch', volOfVol: c, volClusterHalfLife: halfLife, horizon: 30 * 86400, dt, paths: 20 });
    const m = moments(await logReturns(s, 20), [1, 10, 30]);
    const h = (s.sigma ** 2 * dt) / YEAR;
    const phi = 2 ** (-dt / halfLife);
    const alpha = Math.sqrt((c * c * (1 - phi * phi)) / (2 * (1 + c * c))), beta = phi - alpha;
    const rho1 = (alpha * (1 - alpha * beta - beta * beta)) / (1 - 2 * alpha * beta - beta * beta);
    console.log(`GARCH over ${m.n} returns: variance ${(m.variance / h).toFixed(4)} of sigma^2 dt, kurtosis ${m.kurtosis.toFixed(3)} (closed form ${(3 * (1 + c * c)).toFixed(3)}), ` +
      `ACF of r^2 at 1, 10, 30: ${m.acf.map((x) => x.toFixed(4)).join(', ')} (closed form ${[1, 10, 30].map((k) => (rho1 * phi ** (k - 1)).toFixed(4)).join(', ')})`);
    // Squared returns are autocorrelated, so the effective sample is about n / 25: a 4% band is about 4 SE.
    expect(Math.abs(m.variance / h - 1)).toBeLessThan(0.04);
    expect(Math.abs(m.kurtosis / (3 * (1 + c * c)) - 1)).toBeLessThan(0.12);
    [1, 10, 30].forEach((k, i) => expect(Math.abs(m.acf[i] - rho1 * phi ** (k - 1))).toBeLessThan(0.02));
  });

  it('is the constant model when the volatility of volatility is 0, and clusters only under garch', async () => {
    const base = { ...calm, horizon: 5 * 86400, dt: 60, paths: 10 };
    const flat = moments(await logReturns(scenario({ ...base, volModel: 'constant' }), 10), [1]);
    const still = moments(await logReturns(scenario({ ...base, volModel: 'garch', volOfVol: 0 }), 10), [1]);
    // With c = 0, alpha = 0 and h stays at its long-run level: the same returns as the constant model up to rounding.
    expect(Math.abs(still.variance / flat.variance - 1)).toBeLessThan(1e-9);
    expect(Math.abs(flat.kurtosis - 3)).toBeLessThan(0.1);
    expect(Math.abs(flat.acf[0])).toBeLessThan(0.01);
  });

  it('keeps the price a martingale: with no drift, the mean final price is the start price', async () => {
    // Volatile enough that leaving out the -h/2 of the log's drift (+2.5% over the horizon) would show at 7 SE.
    const s = scenario({ ...calm, sigma: 3, volModel: 'garch', volOfVol: 2, volClusterHalfLife: 1800, horizon: 2 * 86400, dt: 60, paths: 4000 });
    const k = await kernel();
    k.setup(encodeParams(s), 1);
    const finals: number[] = [];
    for (let p = 0; p < s.paths; p++) {
      const t = k.trace(p).steps;
      finals.push(t[t.length - A.T_COUNT + A.T_FUNDAMENTAL] / s.S0);
    }
    const mean = finals.reduce((a, b) => a + b, 0) / finals.length;
    const sd = Math.sqrt(finals.reduce((a, b) => a + (b - mean) ** 2, 0) / (finals.length - 1));
    expect(Math.abs(mean - 1)).toBeLessThan((4 * sd) / Math.sqrt(finals.length));
  });

  it('runs the same bits as JS and wasm', async () => {
    const s = scenario({ volModel: 'garch', volOfVol: 1.5, volClusterHalfLife: 7200, paths: 16, shockDepth: 0.2 });
    const k = await kernel();
    k.setup(encodeParams(s), s.paths);
    expect(k.runChunk(0, s.paths)).toEqual(jsKernel(s).runChunk(0, s.paths));
  });

  it('needs a storm to last two steps: a shorter half-life runs as two steps, and says so', () => {
    const set = scenario({ volModel: 'garch', volClusterHalfLife: 10, dt: 20 });
    const { scenario: used, clamps } = resolve(set);
    expect(used.volClusterHalfLife).toBe(40);
    expect(clamps.map((c) => c.field)).toEqual(['volClusterHalfLife']);
    expect(clamps[0].message).toMatch(/two time steps/);
    // Not under the constant model, where the lever is hidden and unused.
    expect(resolve({ ...set, volModel: 'constant' }).clamps).toEqual([]);
  });
});
