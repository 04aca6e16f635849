// A summary's typical and worst paths and its percentile bands are computed without sorting the
// paths and in one pass over each histogram; they must be what the plain definitions give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { BAND_LEVELS, bandsFrom, pick } from '../../src/engine/summary';

/** The path at quantile `level` by the definition: paths sorted by (measure, path). */
function pickBySort(paths: number[], measure: number[], level: number): number {
  const order = paths.map((_, k) => k).sort((a, b) => measure[a] - measure[b] || paths[a] - paths[b]);
  return paths[order[Math.min(paths.length - 1, Math.floor(level * paths.length))]];
}

/** Level j at grid point g by the definition: a scan from the first bin for each level. */
function levelByScan(hist: number[], g: number, level: number, n: number, lo: number, hi: number): number {
  const width = (hi - lo) / A.BINS;
  let cum = 0;
  for (let b = 0; b < A.BINS; b++) {
    const c = hist[g * A.BINS + b];
    if (cum + c >= level * n && c > 0) return lo + width * (b + (level * n - cum) / c);
    cum += c;
  }
  return hi;
}

describe('a summary picks', () => {
  it('the path at a quantile of a measure, ties to the lowest path, as sorting would', () => {
    // Many ties (with -0 and 0 among them) and many distinct values, paths in any order.
    const value = fc.oneof(fc.constantFrom(-0, 0, 1, 2.5, -3, 1e6), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(10_000), { minLength: 1, maxLength: 300 }), fc.infiniteStream(value), fc.double({ min: 0, max: 0.999, noNaN: true }), (paths, values, level) => {
        const measure = paths.map(() => values.next().value);
        expect(pick(paths, measure, level)).toBe(pickBySort(paths, measure, level));
      }),
      { numRuns: 300 },
    );
  });

  it('percentile bands from histograms, in one pass, as a scan per level gives them', () => {
    const G = 3;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.nat(5)), { minLength: G * A.BINS, maxLength: G * A.BINS }), fc.nat(3), (hist, missing) => {
        // n is at least the count (levels all found) or, with `missing` extra, more (the top ones are not).
        const n = Math.max(1, hist.slice(0, A.BINS).reduce((a, b) => a + b, 0) + missing);
        const sums = [0, 0, 0];
        const got = bandsFrom(hist, 0, sums, 0, -1, 2, G, n);
        for (let g = 0; g < G; g++) BAND_LEVELS.forEach((level, j) => expect(got.levels[j][g]).toBe(levelByScan(hist, g, level, n, -1, 2)));
      }),
      { numRuns: 200 },
    );
  });
});
