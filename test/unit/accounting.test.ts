// Value is neither created nor destroyed (docs/model.md, "Accounting identity"). On every path:
//   sum of V = returned + liquidator rewards + penalties to the fund - covered - uncovered - socialised
//   fund at the end = initial fund + penalties to the fund - covered bad debt
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import type { Scenario } from '../../src/scenario';
import { records, runJs, runWasm } from '../helpers/core';
import { smallScenario } from '../helpers/scenarios';

function expectBalanced(s: Scenario, chunk: Float64Array): void {
  for (const r of records(s, chunk)) {
    const V = r[A.R_VALUE];
    const out = r[A.R_RETURNED] + r[A.R_REWARDS] + r[A.R_PENALTY_TO_FUND] - r[A.R_COVERED] - r[A.R_UNCOVERED] - r[A.R_SOCIALISED];
    // Rounding is relative to the largest flows (keeper incentives can dwarf a small book's notional).
    const scale = r[A.R_LIQ_NOTIONAL] + Math.abs(V) + r[A.R_REWARDS] + r[A.R_COVERED] + r[A.R_UNCOVERED] + r[A.R_SOCIALISED] + 1;
    expect(Math.abs(V - out)).toBeLessThanOrEqual(1e-9 * scale);
    const fund = s.insuranceFund + r[A.R_PENALTY_TO_FUND] - r[A.R_COVERED];
    expect(Math.abs(r[A.R_FUND_END] - fund)).toBeLessThanOrEqual(1e-9 * (s.insuranceFund + scale));
    expect(r[A.R_FUND_END]).toBeGreaterThanOrEqual(0);
    for (const f of [A.R_RETURNED, A.R_REWARDS, A.R_PENALTY_TO_FUND, A.R_COVERED, A.R_UNCOVERED, A.R_SOCIALISED, A.R_BAD_DEBT]) {
      expect(r[f]).toBeGreaterThanOrEqual(0);
    }
    // Bad debt at the horizon includes what the fund could not cover of positions left open.
    expect(r[A.R_BAD_DEBT]).toBeCloseTo(r[A.R_UNCOVERED] + Math.max(0, r[A.R_OPEN_DEFICIT] - r[A.R_FUND_END]), 6);
  }
}

describe('accounting identity', () => {
  it('holds on every path of random scenarios in the wasm core', async () => {
    await fc.assert(fc.asyncProperty(smallScenario, async (s) => expectBalanced(s, await runWasm(s))), { numRuns: 80, seed: 7 });
  });

  it('holds on every path of random scenarios in the JS run of the core', () => {
    fc.assert(fc.property(smallScenario, (s) => expectBalanced(s, runJs(s))), { numRuns: 40, seed: 8 });
  });

  it('is not trivially satisfied: crashes produce settlements, penalties and bad debt', async () => {
    const s = { ...(await import('../helpers/scenarios')).scenario({ shockDepth: 0.5, depth1pct: 2e6, insuranceFund: 1e5, paths: 8 }) };
    const rs = records(s, await runWasm(s));
    expect(rs.every((r) => r[A.R_LIQ_COUNT] > 0 && r[A.R_PENALTY_TO_FUND] > 0)).toBe(true);
    expect(rs.some((r) => r[A.R_UNCOVERED] > 0 && r[A.R_COVERED] > 0)).toBe(true);
  });
});
