// Volatility-adjusted margins (dynamicMargin): the reactive rule scales the margin with the volatility
// estimated so far; the predictive rule (marginForecast) sets it to a safety multiple of the
// volatility forecast over the liquidation horizon. The tests recompute the margin in force at every
// step of a traced path from the oracle's own prices, by the formulas of docs/model.md, and check
// the comparison a designer makes: on the same paths, what each rule asks of traders and saves.
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import type { Scenario } from '../../src/scenario';
import { kernel, records, runWasm, summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

const YEAR = 365 * 86400;

/** The margin in force at each step of path p, as the core traced it, and the oracle's log prices. */
async function traced(s: Scenario, p: number) {
  const k = await kernel();
  k.setup(encodeParams(s), 1);
  const t = k.trace(p).steps;
  const n = t.length / A.T_COUNT;
  const at = (i: number, f: number) => t[i * A.T_COUNT + f];
  return {
    mmr: Array.from({ length: n }, (_, i) => at(i, A.T_MMR)),
    logO: Array.from({ length: n }, (_, i) => Math.log(at(i, A.T_ORACLE))),
  };
}

/** The predictive margin of every step, recomputed from the oracle's returns (docs/model.md). */
function predictiveMargins(s: Scenario, logO: number[]): number[] {
  const dtY = s.dt / YEAR, hBar = s.sigma ** 2 * dtY;
  const phi = 2 ** (-s.dt / s.volClusterHalfLife), c2 = s.volOfVol ** 2;
  const alpha = Math.min(Math.sqrt((c2 * (1 - phi * phi)) / (2 * (1 + c2))), phi), beta = phi - alpha, omega = hBar * (1 - phi);
  const decay = 2 ** (-s.dt / s.volHalfLife);
  const n = s.liquidationHorizon / s.dt;
  let ewma = s.sigma ** 2 / YEAR, g = hBar;
  const out: number[] = [];
  const margin = () => {
    // The forecast variance over n steps: the sum of E[h_{t+k}], k = 1..n, written out term by term.
    let v = 0;
    if (s.volModel === 'garch') for (let k = 1; k <= n; k++) v += hBar + phi ** (k - 1) * (g - hBar);
    else v = ewma * s.liquidationHorizon;
    return Math.min(Math.max(s.safetyMultiple * Math.sqrt(v), s.mmr), s.mmr * s.maxMultiplier);
  };
  out.push(margin());
  for (let i = 1; i < logO.length; i++) {
    const r = logO[i] - logO[i - 1];
    ewma = decay * ewma + ((1 - decay) * r * r) / s.dt;
    g = omega + alpha * r * r + beta * g;
    out.push(margin());
  }
  return out;
}

// An oracle that publishes every step with no latency, so every return the protocol sees is in the trace.
const watched = { dynamicMargin: true, marginForecast: 'predictive', oracleDeviation: 0, oracleLatency: 0, horizon: 6 * 3600, dt: 60, paths: 4, liquidationHorizon: 1800, safetyMultiple: 4, maxMultiplier: 5 } as const;

describe('margin rules', () => {
  for (const volModel of ['garch', 'constant'] as const) {
    it(`predictive under ${volModel} volatility: the margin of every step is the safety multiple of the forecast, within its floor and cap`, async () => {
      const s = scenario({ ...watched, volModel, volOfVol: 2, volClusterHalfLife: 1800, sigma: 1.5 });
      const { mmr, logO } = await traced(s, 1);
      const expected = predictiveMargins(s, logO);
      let moved = 0;
      for (let i = 0; i < mmr.length; i++) {
        expect(Math.abs(mmr[i] - expected[i]), `step ${i}`).toBeLessThan(1e-9 * expected[i]);
        if (mmr[i] > s.mmr) moved++;
      }
      // The rule acted (above the floor) on a good share of the steps, not only at its floor.
      expect(moved).toBeGreaterThan(mmr.length / 10);
    });
  }

  it('reports the margin in force averaged over the path, as the trace shows it step by step', async () => {
    const s = scenario({ ...watched, volModel: 'garch', volOfVol: 2, volClusterHalfLife: 1800, sigma: 1.5 });
    const rec = records(s, await runWasm(s));
    for (const p of [0, 2]) {
      const { mmr } = await traced(s, p);
      const mean = mmr.slice(1).reduce((a, b) => a + b, 0) / (mmr.length - 1);
      expect(rec[p][A.R_MMR_MEAN]).toBeCloseTo(mean, 14);
    }
    // A fixed margin asks exactly mmr.
    const fixed = scenario({ ...watched, dynamicMargin: false });
    expect(records(fixed, await runWasm(fixed)).every((r) => r[A.R_MMR_MEAN] === fixed.mmr)).toBe(true);
  });

  it('compares on the same paths: a larger safety multiple asks more margin and leaves no more bad debt', async () => {
    const storm = { volModel: 'garch', volOfVol: 2, volClusterHalfLife: 3600, sigma: 1.2, dynamicMargin: true, marginForecast: 'predictive', paths: 400, maxMultiplier: 10, leverageMean: 12 } as const;
    const rows = [];
    for (const k of [1, 3, 6]) {
      const sum = await summaryOf(scenario({ ...storm, safetyMultiple: k }));
      rows.push({ k, margin: sum.cascade.marginMean, marginSe: sum.uncertainty.marginMeanSe, badDebt: sum.badDebt.mean, badDebtSe: sum.uncertainty.badDebtMeanSe });
    }
    console.log(rows.map((r) => `k ${r.k}: margin ${(100 * r.margin).toFixed(2)}% ± ${(100 * r.marginSe).toFixed(2)}, bad debt ${r.badDebt.toFixed(0)} ± ${r.badDebtSe.toFixed(0)}`).join('; '));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].margin).toBeGreaterThan(rows[i - 1].margin + 4 * rows[i].marginSe);
      expect(rows[i].badDebt).toBeLessThanOrEqual(rows[i - 1].badDebt + 3 * rows[i].badDebtSe);
    }
  });
});
