// Several assets (docs/model.md §11): closed forms against the model itself, the contagion outputs,
// the correlations and the rules the several-asset model resolves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { choleskyOf } from '../../src/portable/cholesky';
import { planRun } from '../../src/engine/plan';
import { resolve, validCorrelation } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { coreModule, jsKernel, records, runWasm, summaryOf } from '../helpers/core';
import { instantiateCore } from '../../src/engine/kernel';
import { memoryCeilingPages } from '../../src/engine/memory';
import { encodeParams } from '../../src/engine/params';
import { scenario } from '../helpers/scenarios';

/** The asset sums at the end of a chunk result. */
function assetSums(s: Scenario, chunk: Float64Array): Float64Array {
  const at = A.chunkLength(planRun(s).grid, chunk[A.H_PATHS]);
  expect(chunk.length).toBe(at + A.assetFloats(planRun(s).grid, Math.max(1, s.assets)));
  return chunk.subarray(at);
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * (Math.abs(a) + Math.abs(b)) + 1e-6);

// A volatile day with leveraged books, no jumps or scripted shock (the same for identical assets).
const volatile = { paths: 10, positions: 200, horizon: 21600, dt: 30, sigma: 1.5, jumpsOn: false, shockDepth: 0, leverageMean: 15, entrySpread: 0 } as const;

describe('several assets', () => {
  it('with correlation 1, two identical assets under cross margin are one asset with the summed book and depth', async () => {
    // Equal in exact arithmetic; in floating point, sums over two legs round unlike one leg of twice
    // the size, so ties must not decide: no leverage at the cap (equal margin ratios, whose order
    // rounding could flip) and no binding capacity (which such an order would decide).
    const exact = { imr: 0.01, mmr: 0.005, liquidatorCapacity: 1e12 };
    const two = scenario({ ...volatile, ...exact, assets: 2, marginMode: 'cross', rho12: 1, a2Price: 2000, a2Sigma: 1.5, a2JumpsPerDay: 0, a2Depth: 20e6, a2OpenInterest: 500e6, a2Mmr: 0.005, a2Latency: 10 });
    const one = scenario({ ...volatile, ...exact, assets: 1, openInterest: 1000e6, depth1pct: 40e6 });
    expect(resolve(two).clamps).toEqual([]);
    const w2 = await runWasm(two), w1 = await runWasm(one, 0, one.paths, { portfolio: true });
    const r2 = records(two, w2), r1 = records(one, w1);
    expect(sum(r1.map((r) => r[A.R_LIQ_COUNT]))).toBeGreaterThan(50);
    r1.forEach((r, p) => {
      expect(r2[p][A.R_LIQ_COUNT]).toBe(r[A.R_LIQ_COUNT]);
      expect(r2[p][A.R_FIRST_LIQ]).toBe(r[A.R_FIRST_LIQ]);
      for (const f of [A.R_LIQ_NOTIONAL, A.R_BAD_DEBT, A.R_COVERED, A.R_UNCOVERED, A.R_TRADER_COST, A.R_FUND_END, A.R_RETURNED]) close(r2[p][f], r[f]);
    });
    const s2 = assetSums(two, w2), s1 = assetSums(one, w1);
    close(s2[A.AQ_LIQUIDATED] + s2[A.AQ_COUNT + A.AQ_LIQUIDATED], s1[A.AQ_LIQUIDATED]);
    close(s2[A.AQ_LIQUIDATED], s2[A.AQ_COUNT + A.AQ_LIQUIDATED]); // each asset takes half
    // The two assets' price bands are one, up to the histograms' bins (each asset has its own range).
    const summary = await summaryOf(two), [m1, m2] = summary.assets!.map((a) => a.move);
    const bin = (planRun(two).assetBands[0].hi - planRun(two).assetBands[0].lo) / A.BINS;
    expect(m2.levels[2].length).toBe(planRun(two).grid + 1);
    m1.levels.forEach((level, j) => level.forEach((v, g) => expect(Math.abs(m2.levels[j][g] - v)).toBeLessThanOrEqual(2 * bin)));
    m1.mean.forEach((v, g) => close(m2.mean[g], v, 1e-6));
  });

  it('under isolated margin, an asset liquidates exactly as it does alone, whatever the other assets and their correlations', async () => {
    const alone = scenario({ ...volatile, shockDepth: 0.3, shockStart: 1800, assets: 1 });
    const three = scenario({ ...alone, assets: 3, marginMode: 'isolated', rho12: 0, rho13: 0, rho23: 0.5, a3Sigma: 2.5 });
    const w1 = await runWasm(alone, 0, alone.paths, { portfolio: true }), w3 = await runWasm(three);
    const s1 = assetSums(alone, w1), s3 = assetSums(three, w3);
    expect(s1[A.AQ_LIQUIDATED]).toBeGreaterThan(0);
    expect(s3[A.AQ_LIQUIDATED]).toBe(s1[A.AQ_LIQUIDATED]);
    expect(s3[A.AQ_LIQUIDATED_SQ]).toBe(s1[A.AQ_LIQUIDATED_SQ]);
    // Isolated positions fall by their own asset's move only: nothing crosses markets through accounts.
    for (let a = 0; a < 3; a++) expect(s3[a * A.AQ_COUNT + A.AQ_CROSS]).toBe(0);
  });

  it('liquidates one position at the very step the one-asset model does, path by path (two desks, one rule)', async () => {
    // One long at 8x entered at the start price: both models hold the same position and the same
    // price and oracle paths (the first asset's draws are the one-asset model's).
    const one = scenario({ paths: 64, positions: 1, longShare: 1, leverageDispersion: 0, sizeDispersion: 0, entrySpread: 0, depth1pct: 1e11, shockDepth: 0.04, shockStart: 7200, jumpsPerDay: 2 });
    const single = records(one, await runWasm(one)), several = records(one, await runWasm(one, 0, one.paths, { portfolio: true }));
    const firsts = single.map((r) => r[A.R_FIRST_LIQ]);
    expect(firsts.filter((t) => t >= 0).length).toBeGreaterThan(10);
    expect(firsts.filter((t) => t < 0).length).toBeGreaterThan(5);
    expect(several.map((r) => r[A.R_FIRST_LIQ])).toEqual(firsts);
    // And with a second, independent asset beside it under isolated margin, still the same.
    const two = scenario({ ...one, assets: 2, marginMode: 'isolated', rho12: 0 });
    const w2 = await runWasm(two), w1 = await runWasm(one, 0, one.paths, { portfolio: true });
    expect(assetSums(two, w2)[A.AQ_LIQUIDATED]).toBe(assetSums(one, w1)[A.AQ_LIQUIDATED]);
  });

  it('shows a crash in one asset spilling into another through cross-margin accounts, and the sums add up', async () => {
    const s = scenario({ ...volatile, sigma: 0.6, shockDepth: 0.25, shockStart: 3600, assets: 2, marginMode: 'cross', rho12: 0, a2Sigma: 0.05, a2JumpsPerDay: 0, leverageMean: 10 });
    const w = await runWasm(s), t = assetSums(s, w), rs = records(s, w);
    const liq = (a: number) => t[a * A.AQ_COUNT + A.AQ_LIQUIDATED], cross = (a: number) => t[a * A.AQ_COUNT + A.AQ_CROSS];
    expect(liq(1)).toBeGreaterThan(0);
    // The calm asset's liquidations are the crashed asset's doing; the crashed asset's are its own.
    expect(cross(1) / liq(1)).toBeGreaterThan(0.8);
    expect(cross(0) / liq(0)).toBeLessThan(0.2);
    // Per asset, the causes add up to what was liquidated; across assets, to the paths' totals.
    for (let a = 0; a < 2; a++) close(t[A.ASSET_CAUSE + a * A.MAX_ASSETS] + t[A.ASSET_CAUSE + a * A.MAX_ASSETS + 1], liq(a));
    close(liq(0) + liq(1), sum(rs.map((r) => r[A.R_LIQ_NOTIONAL])));
    // The calm crash leaves no shortfall; a sudden one with no fund does, all of it bad debt, and the
    // assets' shares of it add up to the paths' totals.
    const poor = scenario({ ...s, insuranceFund: 0, shockDuration: 0 });
    const wp = await runWasm(poor), tp = assetSums(poor, wp), rp = records(poor, wp);
    const uncovered = sum(rp.map((r) => r[A.R_UNCOVERED]));
    expect(uncovered).toBeGreaterThan(0);
    close(tp[A.AQ_UNCOVERED] + tp[A.AQ_COUNT + A.AQ_UNCOVERED], uncovered);
    close(tp[A.AQ_SHORTFALL] + tp[A.AQ_COUNT + A.AQ_SHORTFALL], sum(rp.map((r) => r[A.R_COVERED] + r[A.R_UNCOVERED])));
  });

  it('runs within the memory a worker is given for it, however many positions and assets', async () => {
    for (const marginMode of ['cross', 'isolated'] as const) {
      const s = scenario({ assets: 5, marginMode, positions: 40_000, paths: 2, horizon: 600, dt: 60 });
      const k = await instantiateCore(coreModule(), memoryCeilingPages(s));
      k.setup(encodeParams(s), s.paths);
      expect(records(s, k.runChunk(0, s.paths))).toHaveLength(2);
    }
  });

  it('correlates the assets’ fundamental returns as asked', () => {
    const s = scenario({ paths: 1, positions: 1, horizon: 86400 * 10, dt: 60, jumpsOn: false, assets: 3, rho12: 0.7, rho13: -0.4, rho23: 0.1, a2JumpsPerDay: 0, a3JumpsPerDay: 0 });
    // The JS run of the core, stepped by hand: the markets' own step 1 for every asset.
    const pf = (jsKernel(s) as unknown as { engine: { portfolio: { mk: { reset(p: number): void; move(t: number): void; logF: Float64Array } } } }).engine.portfolio.mk;
    pf.reset(0);
    const rets: number[][] = [[], [], []];
    let last = Array.from(pf.logF);
    for (let t = 1; t <= 14400; t++) {
      pf.move(t);
      for (let a = 0; a < 3; a++) rets[a].push(pf.logF[a] - last[a]);
      last = Array.from(pf.logF);
    }
    const corr = (x: number[], y: number[]) => {
      const mx = sum(x) / x.length, my = sum(y) / y.length;
      let sxy = 0, sxx = 0, syy = 0;
      x.forEach((v, i) => ((sxy += (v - mx) * (y[i] - my)), (sxx += (v - mx) ** 2), (syy += (y[i] - my) ** 2)));
      return sxy / Math.sqrt(sxx * syy);
    };
    // 14,400 returns: a sample correlation's standard error is below 0.01.
    expect(corr(rets[0], rets[1])).toBeCloseTo(0.7, 1);
    expect(corr(rets[0], rets[2])).toBeCloseTo(-0.4, 1);
    expect(corr(rets[1], rets[2])).toBeCloseTo(0.1, 1);
  });

  it('factors any correlation matrix exactly (C = L Lᵀ), and tells one that is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 25, maxLength: 25 }), (n, raw) => {
        // A Gram matrix of unit vectors is a correlation matrix.
        const v = Array.from({ length: n }, (_, i) => {
          const row = raw.slice(i * 5, i * 5 + n).map((x) => x + (i === 0 ? 0.01 : 0));
          const norm = Math.hypot(...row) || 1;
          return row.map((x) => (norm === 1 && row.every((y) => y === 0) ? (x === row[i] ? 1 : 0) : x / norm));
        });
        const c = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] = i === j ? 1 : sum(v[i].map((x, k) => x * v[j][k]));
        const L = choleskyOf(c as unknown as StaticArray<number>, n) as unknown as Float64Array;
        if (L.length === 0) return; // numerically singular beyond the tolerance: refused, not mis-factored
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          if (j > i) expect(L[i * n + j]).toBe(0);
          let x = 0;
          for (let k = 0; k < n; k++) x += L[i * n + k] * L[j * n + k];
          expect(Math.abs(x - c[i * n + j])).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 200, seed: 17 },
    );
    expect(validCorrelation(3, [0.9, 0.9, -0.9])).toBe(false);
    expect(validCorrelation(2, [1])).toBe(true);
  });

  it('runs an invalid correlation matrix shrunk towards independence, says so, and resolves to itself', () => {
    const s = scenario({ assets: 3, rho12: 0.9, rho13: 0.9, rho23: -0.9 });
    const { scenario: r, clamps } = resolve(s);
    expect(clamps.map((c) => c.field).sort()).toEqual(['rho12', 'rho13', 'rho23']);
    expect(clamps[0].message).toMatch(/not a valid correlation matrix|do not form a valid correlation matrix/);
    expect(validCorrelation(3, [r.rho12, r.rho13, r.rho23])).toBe(true);
    expect(resolve(r).clamps).toEqual([]);
    expect(s.rho12).toBe(0.9); // the lever itself is untouched
    // Only the assets in play count: the same levers are fine with two assets.
    expect(resolve({ ...s, assets: 2 }).clamps).toEqual([]);
  });

  it('says which one-asset levers several assets do not have, and runs without them', () => {
    const { scenario: r, clamps } = resolve(scenario({ assets: 2, mechanism: 'dutch', dynamicMargin: true, adl: true }));
    expect(r.mechanism).toBe('full');
    expect(r.dynamicMargin).toBe(false);
    expect(r.adl).toBe(false);
    expect(clamps.find((c) => c.field === 'mechanism')?.message).toMatch(/several assets.*dutch is a one-asset mechanism/);
    expect(resolve(scenario({ assets: 1, mechanism: 'dutch' })).clamps).toEqual([]);
  });
});
