// The error bars mean what they say: over many samples of known distributions, 95% intervals cover
// the true value about 95% of the time, and standard errors match the spread of the estimates.
import { describe, expect, it } from 'vitest';
import { distribution } from '../../src/engine/summary';
import { expectedShortfallSe, meanSe, pairedShareSe, quantileInterval, ratioSe, wilson } from '../../src/engine/uncertainty';

/** A seeded uniform generator (mulberry32), so the coverage counts are fixed. */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const exponential = (u: () => number) => -Math.log(1 - u());
const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe('uncertainty', () => {
  it("Wilson's interval covers a proportion about 95% of the time, also near 0", () => {
    const u = uniforms(1);
    for (const [p, n] of [[0.045, 400], [0.01, 1000], [0.3, 200]] as const) {
      let covered = 0;
      const trials = 2000;
      for (let t = 0; t < trials; t++) {
        let k = 0;
        for (let i = 0; i < n; i++) if (u() < p) k++;
        const { lo, hi } = wilson(k, n);
        if (lo <= p && p <= hi) covered++;
      }
      expect(covered / trials, `p ${p}, n ${n}`).toBeGreaterThan(0.92);
      expect(covered / trials, `p ${p}, n ${n}`).toBeLessThan(0.985);
    }
    expect(wilson(0, 4000).lo).toBe(0);
    expect(wilson(0, 4000).hi).toBeGreaterThan(0);
  });

  it('standard errors of a mean, a ratio of means and expected shortfall (95% and 99%) match the spread of the estimates', () => {
    const u = uniforms(2);
    const means: number[] = [], meanSes: number[] = [], ratios: number[] = [], ratioSes: number[] = [], ess: number[] = [], esSes: number[] = [], es95s: number[] = [], es95Ses: number[] = [];
    for (let t = 0; t < 400; t++) {
      const xs = Array.from({ length: 2000 }, () => exponential(u));
      const ys = xs.map((x) => x + 1 + u());
      means.push(xs.reduce((a, b) => a + b, 0) / xs.length);
      meanSes.push(meanSe(xs));
      ratios.push(xs.reduce((a, b) => a + b, 0) / ys.reduce((a, b) => a + b, 0));
      ratioSes.push(ratioSe(xs, ys));
      const d = distribution(xs);
      ess.push(d.es99);
      esSes.push(expectedShortfallSe(Float64Array.from(xs).sort(), 0.99, d.var99, d.es99));
      es95s.push(d.es95);
      es95Ses.push(expectedShortfallSe(Float64Array.from(xs).sort(), 0.95, d.var95, d.es95));
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const [name, est, ses] of [['mean', means, meanSes], ['ratio', ratios, ratioSes], ['ES 99%', ess, esSes], ['ES 95%', es95s, es95Ses]] as const) {
      expect(avg(ses) / sd(est), name).toBeGreaterThan(0.8);
      expect(avg(ses) / sd(est), name).toBeLessThan(1.25);
    }
  });

  it("the quantile interval covers VaR 99% about 95% of the time", () => {
    const u = uniforms(3);
    const truth = Math.log(100); // the 99% quantile of Exp(1)
    let covered = 0;
    const trials = 1000;
    for (let t = 0; t < trials; t++) {
      const s = Float64Array.from({ length: 4000 }, () => exponential(u)).sort();
      const { lo, hi } = quantileInterval(s, 0.99);
      if (lo <= truth && truth <= hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.92);
    expect(covered / trials).toBeLessThan(0.99);
  });
});

describe('a paired change in a share', () => {
  it("is never certain when no path changed, and tends to the plain paired error as paths change (Agresti and Min's)", () => {
    expect(pairedShareSe(0, 0, 4000)).toBeGreaterThan(0);
    expect(pairedShareSe(0, 0, 4000)).toBeLessThan(1 / 4000);
    const plain = (b: number, c: number, n: number) => Math.sqrt(b + c - (c - b) ** 2 / n) / n;
    expect(pairedShareSe(300, 500, 4000) / plain(300, 500, 4000)).toBeCloseTo(1, 2);
  });
});
