// What users will check by eye, on common random numbers (same seed, same paths): more depth, less
// amplification; a higher penalty, fewer uncovered losses; a slower oracle, more bad debt; partial
// and dutch liquidation cost traders less than closing in full.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario';
import { summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

/** A fall of 25% over ten minutes into a book of 1,000 positions: a cascade to study. */
const crash = (changes: Partial<Scenario> = {}) =>
  scenario({ shockDepth: 0.25, shockStart: 3600, shockDuration: 600, horizon: 6 * 3600, dt: 20, paths: 600, ...changes });

async function series<K extends keyof Scenario>(key: K, values: Scenario[K][], base: Partial<Scenario> = {}) {
  return Promise.all(values.map((v) => summaryOf(crash({ ...base, [key]: v }))));
}

const strictlyDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x < xs[i - 1]);
const strictlyIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

describe('directional sanity', () => {
  it('more market depth, less amplification', async () => {
    const runs = await series('depth1pct', [3e6, 1e7, 3e7, 1e8]);
    const amp = runs.map((r) => r.cascade.amplification!);
    console.log('amplification by depth', amp);
    expect(strictlyDecreasing(amp)).toBe(true);
    expect(amp[0]).toBeGreaterThan(1.2);
  });

  it('a higher liquidation penalty, fewer uncovered losses', async () => {
    // Penalties up to the maintenance margin (3%): beyond it a liquidated position has no equity
    // left to pay more, so the penalty saturates (docs/model.md, section 7).
    const runs = await series('penalty', [0, 0.005, 0.01, 0.02], { insuranceFund: 2e5, shockDepth: 0.15 });
    const uncovered = runs.map((r) => r.badDebt.mean);
    console.log('mean bad debt by penalty', uncovered, 'P(insolvent)', runs.map((r) => r.pInsolvent));
    expect(strictlyDecreasing(uncovered)).toBe(true);
    expect(uncovered[0]).toBeGreaterThan(1.1 * uncovered[3]);
    expect(runs[3].pInsolvent).toBeLessThan(runs[0].pInsolvent);
  });

  it('a slower oracle, more bad debt', async () => {
    const runs = await series('oracleLatency', [0, 30, 120, 600], { insuranceFund: 1e6 });
    const bad = runs.map((r) => r.badDebt.mean);
    console.log('mean bad debt by latency', bad);
    expect(strictlyIncreasing(bad)).toBe(true);
  });

  it('partial and dutch liquidation cost traders less than closing in full, on the same paths', async () => {
    const [full, partial, dutch] = await series('mechanism', ['full', 'partial', 'dutch']);
    const cost = { full: full.cascade.traderCost, partial: partial.cascade.traderCost, dutch: dutch.cascade.traderCost };
    console.log('trader cost by mechanism', cost);
    expect(cost.partial).toBeLessThan(cost.full);
    expect(cost.dutch).toBeLessThan(cost.full);
    // Same fundamental paths under every mechanism: common random numbers.
    expect(partial.bands.fundamental).toEqual(full.bands.fundamental);
    expect(dutch.bands.fundamental).toEqual(full.bands.fundamental);
  });
});
