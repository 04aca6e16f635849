// A change from a pinned baseline is paired path by path: its error is that of the per-path
// differences, which on one seed is far smaller than either run's own, and it is the error the
// change really has (over disjoint sets of paths, the standard errors match the spread).
import { describe, expect, it } from 'vitest';
import { summarize, type Summary } from '../../src/engine/summary';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { baselineChange, pathColumns, type PathColumns } from '../../src/ui/baseline-change';
import { disjointSets } from '../helpers/core';

type Run = { summary: Summary; columns: PathColumns };

/** `count` disjoint sets of `size` paths of s, each summarised with its columns. */
async function sets(s: Scenario, count: number, size: number): Promise<Run[]> {
  return (await disjointSets(s, count, size)).map((acc) => ({ summary: summarize(acc, s.S0, s.dt), columns: pathColumns(acc) }));
}

// A smaller insurance fund: some paths' bad debt is no longer covered (and trader cost is unchanged).
const base: Scenario = { ...defaultScenario(), horizon: 12 * 3600 };
const raised: Scenario = { ...base, insuranceFund: 2e6, mmr: 0.035 };

describe('a change from the baseline', () => {
  it('is the difference of the two results, with a paired error smaller than two independent runs would have', async () => {
    const [b] = await sets(base, 1, 2000), [n] = await sets(raised, 1, 2000);
    const c = baselineChange(b, n);
    expect(c.badDebt.paired).toBe(true);
    expect(c.badDebt.d).toBeCloseTo(n.summary.badDebt.mean - b.summary.badDebt.mean, 6);
    expect(c.pInsolvent.d).toBeCloseTo(n.summary.pInsolvent - b.summary.pInsolvent, 12);
    expect(c.traderCost.d).toBeCloseTo(n.summary.cascade.traderCost - b.summary.cascade.traderCost, 6);
    expect(c.amplification!.d).toBeCloseTo(n.summary.cascade.amplification! - b.summary.cascade.amplification!, 12);
    const apart = baselineChange({ ...b, columns: null }, n);
    expect(apart.badDebt.paired).toBe(false);
    expect(apart.badDebt.d).toBe(n.summary.badDebt.mean - b.summary.badDebt.mean);
    expect(apart.badDebt.se).toBeCloseTo(Math.hypot(b.summary.uncertainty.badDebtMeanSe, n.summary.uncertainty.badDebtMeanSe), 9);
    // Money per path pairs well (a path's losses move together); a share less so (few paths flip).
    for (const k of ['badDebt', 'traderCost', 'amplification'] as const) expect(c[k]!.se, k).toBeLessThan(apart[k]!.se / 2);
    expect(c.pInsolvent.se).toBeLessThan(apart.pInsolvent.se);
    // A run against itself has not moved.
    expect(baselineChange(b, b).badDebt).toEqual({ d: 0, se: 0, paired: true });
  });

  it('has the error it says: over disjoint sets of paths, its standard errors match its spread', async () => {
    const bs = await sets(base, 40, 400), ns = await sets(raised, 40, 400);
    const changes = bs.map((b, i) => baselineChange(b, ns[i]));
    for (const k of ['pInsolvent', 'badDebt', 'traderCost', 'amplification'] as const) {
      const ds = changes.map((c) => c[k]!.d), ses = changes.map((c) => c[k]!.se);
      const m = ds.reduce((a, x) => a + x, 0) / ds.length;
      expect(Math.abs(m), `${k} moved`).toBeGreaterThan(0);
      const spread = Math.sqrt(ds.reduce((a, x) => a + (x - m) ** 2, 0) / (ds.length - 1));
      const ratio = ses.reduce((a, x) => a + x, 0) / ses.length / spread;
      expect(ratio, k).toBeGreaterThan(0.7);
      expect(ratio, k).toBeLessThan(1.4);
    }
  }, 120_000);
});
