// Every estimate a summary gives carries its uncertainty, and that uncertainty is the spread the
// estimate really has: over disjoint sets of paths of one scenario (the same book of positions), the
// standard errors each set reports match the spread of its estimates from set to set. (Another seed
// is not such a sample: it draws another book too, and the errors are those of the paths, given it.)
import { describe, expect, it } from 'vitest';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { summarize, type Summary } from '../../src/engine/summary';
import { disjointSets, summaryOf } from '../helpers/core';

// Crashes with ADL on, sold to keepers (and the backstop) or to the protocol's own pool, so that
// every quantity varies in one of them.
const crash: Scenario = { ...defaultScenario(), shockDepth: 0.3, adl: true, paths: 200, horizon: 3 * 3600 };
const crashes: Scenario[] = [crash, { ...crash, mechanism: 'amm' }];

/** The cascade's estimates, each with the standard error it is shown with (name in uncertainty). */
const ESTIMATES: [string, (s: Summary) => number | null, (s: Summary) => number | null][] = [
  ['liquidations', (s) => s.cascade.liquidations, (s) => s.uncertainty.liquidationsSe],
  ['liquidatedNotional', (s) => s.cascade.liquidatedNotional, (s) => s.uncertainty.liquidatedNotionalSe],
  ['waves', (s) => s.cascade.waves, (s) => s.uncertainty.wavesSe],
  ['peakPerMinute', (s) => s.cascade.peakPerMinute, (s) => s.uncertainty.peakPerMinuteSe],
  ['backstopShare', (s) => s.cascade.backstopShare, (s) => s.uncertainty.backstopShareSe],
  ['coveredBadDebt', (s) => s.cascade.coveredBadDebt, (s) => s.uncertainty.coveredBadDebtSe],
  ['fundEnd', (s) => s.cascade.fundEnd, (s) => s.uncertainty.fundEndSe],
  ['ammPnl', (s) => s.cascade.ammPnl, (s) => s.uncertainty.ammPnlSe],
  ['traderCostShare', (s) => s.cascade.traderCostShare, (s) => s.uncertainty.traderCostShareSe],
  ['es95', (s) => s.badDebt.es95, (s) => s.uncertainty.es95Se],
  ['es99', (s) => s.badDebt.es99, (s) => s.uncertainty.es99Se],
  ['badDebt', (s) => s.badDebt.mean, (s) => s.uncertainty.badDebtMeanSe],
];

describe('a summary’s uncertainty', () => {
  it('gives every mean of the cascade its standard error', async () => {
    const s = await summaryOf({ ...crash, paths: 100 });
    const se = s.uncertainty as Record<string, unknown>;
    // amplification's is its own (a ratio of drawdowns); adlHitInProfit's is null with no ADL hit.
    for (const key of Object.keys(s.cascade)) expect(se, key).toHaveProperty(`${key}Se`);
    for (const [name, , err] of ESTIMATES) {
      const e = err(s);
      expect(e !== null && Number.isFinite(e) && e >= 0, name).toBe(true);
    }
  });

  it('whose standard errors match the spread of the estimates over disjoint sets of paths', async () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const varied = new Set<string>();
    for (const s of crashes) {
      const runs = (await disjointSets(s, 80, 100)).map((acc) => summarize(acc, s.S0, s.dt));
      for (const [name, value, err] of ESTIMATES) {
        const xs = runs.map((r) => value(r)!), ses = runs.map((r) => err(r)!);
        const m = mean(xs);
        const spread = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
        const label = `${name}, ${s.mechanism}`;
        if (spread === 0) {
          // The same on every set of paths: nothing to be unsure of.
          expect(Math.max(...ses), label).toBe(0);
          continue;
        }
        varied.add(name);
        // 80 sets give the spread to about ±8% (one sd); expected shortfall's error is asymptotic.
        expect(mean(ses) / spread, label).toBeGreaterThan(0.7);
        expect(mean(ses) / spread, label).toBeLessThan(1.4);
      }
    }
    expect([...varied].sort()).toEqual(ESTIMATES.map(([name]) => name).sort());
  }, 120_000);
});
