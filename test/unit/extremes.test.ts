// Extreme levers: every corner of a grid over the bounds of the levers that stress the model most
// (leverage, volatility, depth, fund, oracle latency, start price, AMM liquidity) under every mechanism, plus
// every lever at its minimum and at its maximum, gives finite numbers on every output the charts draw.
import { describe, expect, it } from 'vitest';
import { decodeCascade } from '../../src/engine/cascade-map';
import { encodeParams } from '../../src/engine/params';
import { planRun } from '../../src/engine/plan';
import { FIELD_KEYS, FIELDS, defaultScenario, type FieldKey, type Scenario } from '../../src/scenario';
import { validateScenario } from '../../src/validate';
import { kernel, summaryOf } from '../helpers/core';

const MECHANISMS = FIELDS.mechanism.options;
/** Small enough to run hundreds: the extremes are in the levers, not in the size of the run. */
const SIZE = { paths: 12, positions: 200, horizon: 6 * 3600, dt: 60 };
const CORNERS: Partial<Record<FieldKey, [number, number]>> = {
  leverageMean: [FIELDS.leverageMean.min, FIELDS.leverageMean.max],
  sigma: [FIELDS.sigma.min, FIELDS.sigma.max],
  depth1pct: [FIELDS.depth1pct.min, FIELDS.depth1pct.max],
  insuranceFund: [FIELDS.insuranceFund.min, FIELDS.insuranceFund.max],
  oracleLatency: [FIELDS.oracleLatency.min, FIELDS.oracleLatency.max],
  S0: [FIELDS.S0.min, FIELDS.S0.max],
  ammLiquidity: [FIELDS.ammLiquidity.min, FIELDS.ammLiquidity.max],
};

function cornerScenarios(): Scenario[] {
  const keys = Object.keys(CORNERS) as FieldKey[];
  const out: Scenario[] = [];
  for (const mechanism of MECHANISMS) {
    for (let mask = 0; mask < 1 << keys.length; mask++) {
      const s: Record<string, unknown> = { ...defaultScenario(), ...SIZE, mechanism, imr: FIELDS.imr.min, mmr: FIELDS.mmr.min };
      keys.forEach((k, b) => (s[k] = CORNERS[k]![(mask >> b) & 1]));
      out.push(validateScenario(s).scenario);
    }
  }
  return out;
}

/** Every number lever at its minimum, or at its maximum; every option on; run size kept small. */
function allAt(end: 'min' | 'max'): Scenario[] {
  return MECHANISMS.map((mechanism) => {
    const s: Record<string, unknown> = { ...defaultScenario(), mechanism };
    for (const k of FIELD_KEYS) {
      const f = FIELDS[k];
      if (f.kind === 'bool') s[k] = true;
      else if (f.kind !== 'choice') s[k] = f[end];
    }
    return validateScenario({ ...s, ...SIZE, seed: 7 }).scenario;
  });
}

/** Paths to the non-finite numbers anywhere in a value (null is allowed: "no data"). */
function nonFinite(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [`${path} = ${x}`];
  if (x === null || typeof x !== 'object') return [];
  if (ArrayBuffer.isView(x)) return nonFinite(Array.from(x as Float64Array), path);
  return Object.entries(x).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
}

describe('extreme levers', () => {
  const scenarios = [...cornerScenarios(), ...allAt('min'), ...allAt('max')];

  it(`give finite numbers on every output, over ${scenarios.length} extreme scenarios`, async () => {
    const k = await kernel();
    let liquidations = 0;
    for (const s of scenarios) {
      const summary = await summaryOf(s);
      const bad = nonFinite(summary);
      if (bad.length) expect.fail(`${JSON.stringify(s)}\n${bad.slice(0, 5).join('\n')}`);
      k.setup(encodeParams(s), planRun(s).chunkPaths);
      const map = nonFinite(decodeCascade(k.cascade()));
      if (map.length) expect.fail(`cascade map of ${JSON.stringify(s)}\n${map.slice(0, 5).join('\n')}`);
      expect(summary.pInsolvent).toBeGreaterThanOrEqual(0);
      expect(summary.pInsolvent).toBeLessThanOrEqual(1);
      expect(summary.badDebt.mean).toBeGreaterThanOrEqual(0);
      liquidations += summary.cascade.liquidations;
    }
    console.log(`extreme scenarios run: ${scenarios.length}`);
    // The grid is not vacuous: its corners liquidate.
    expect(liquidations).toBeGreaterThan(0);
  });
});
