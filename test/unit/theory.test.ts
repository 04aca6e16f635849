// Theory over the simulation (issue 15): the closed-form first-passage law, corrected for checks
// every step, against the simulated first liquidation of one position, within 3 standard errors.
import { afterAll, describe, expect, it } from 'vitest';
import { presetById, presetScenario } from '../../src/presets';
import { resolve } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { agreement } from '../../src/theory/agreement';
import { liquidationCurveTheory, liquidationPrice, theoryGap, touchProbability, touchProbabilityDiscrete } from '../../src/theory/first-passage';
import { normalCdf } from '../../src/theory/normal';
import { auctionMultiple, auctionsOf } from '../../src/theory/auction';
import { decodeTrace } from '../../src/engine/trace';
import { scenario } from '../helpers/scenarios';
import { nodePool } from '../helpers/pool';

describe('the closed forms', () => {
  it('normal distribution to 1e-8', () => {
    for (const [x, p] of [[0, 0.5], [1, 0.8413447460685429], [-1.959963984540054, 0.025], [-3, 0.0013498980316300946], [-5, 2.866515718791939e-7], [2.5, 0.9937903346742238]]) {
      expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-8);
    }
  });

  it('first passage: a reflection for no drift, mirror images above and below, and fewer touches when checked less often', () => {
    // Without drift in the log price, P(touch) = 2 N(b / (sigma sqrt t)).
    const sigma = 0.8, mu = 0.5 * sigma * sigma, t = 0.02;
    expect(touchProbability(100, 90, mu, sigma, t)).toBeCloseTo(2 * normalCdf(Math.log(0.9) / (sigma * Math.sqrt(t))), 12);
    expect(touchProbability(100, 100 / 0.9, 0.1 + 2 * mu, sigma, t)).toBeCloseTo(touchProbability(100, 90, -0.1, sigma, t), 12);
    expect(touchProbabilityDiscrete(100, 90, 0, sigma, t, 60 / 31_536_000)).toBeLessThan(touchProbability(100, 90, 0, sigma, t));
    expect(liquidationPrice(2000, 10, 0.03, 1)).toBeCloseTo(1800 / 0.97, 9);
    expect(liquidationPrice(2000, 10, 0.03, -1)).toBeCloseTo(2200 / 1.03, 9);
  });

  it('say when they do not apply', () => {
    const s = presetScenario(presetById('single-position')!);
    expect(theoryGap(s)).toBeNull();
    expect(theoryGap({ ...s, jumpsOn: true })).toBe('jumps are on');
    expect(theoryGap({ ...s, longShare: 0.5 })).toBe('positions are on both sides');
    expect(theoryGap({ ...s, positions: 10, leverageDispersion: 0.5 })).toBe('positions differ in leverage or entry price');
    expect(theoryGap({ ...s, mechanism: 'dutch' })).toBe('an auction or the AMM settles later than the first check');
  });
});

describe('theory against simulation', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());
  const check = async (changes: Partial<Scenario>) => {
    const s = resolve({ ...presetScenario(presetById('single-position')!), ...changes }).scenario;
    expect(theoryGap(s)).toBeNull();
    const { summary } = await pool.run(s);
    const theory = liquidationCurveTheory(s, summary.time);
    return { fit: agreement(summary.liquidationCurve, theory.discrete, summary.paths), last: summary.liquidationCurve.at(-1)!, theory };
  };

  it('agree within 3 standard errors at every moment: the preset, a drift, a short, a late oracle, and many identical positions', async () => {
    const cases: Partial<Scenario>[] = [{}, { mu: -1.5 }, { longShare: 0, mu: 0.5 }, { oracleLatency: 3600 }, { positions: 50, sizeDispersion: 1, sigma: 1.2, leverageMean: 5 }];
    for (const c of cases) {
      const { fit, last } = await check(c);
      expect(fit.worstZ, JSON.stringify(c)).toBeLessThanOrEqual(3);
      expect(last, JSON.stringify(c)).toBeGreaterThan(0.1); // a curve that says something
    }
  }, 60_000);

  it('and the correction for checks every step matters: with hourly checks the continuous law is off by many errors', async () => {
    const { fit, theory } = await check({ dt: 3600, horizon: 30 * 86400, sigma: 0.5 });
    expect(fit.worstZ).toBeLessThanOrEqual(3);
    const s = resolve({ ...presetScenario(presetById('single-position')!), dt: 3600, horizon: 30 * 86400, sigma: 0.5 }).scenario;
    const { summary } = await pool.run(s);
    expect(agreement(summary.liquidationCurve, theory.continuous, summary.paths).worstZ).toBeGreaterThan(3);
  }, 60_000);
});

describe('the Dutch auction by formula', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('runs from its start to its end multiple, and the simulated sales lie on it for every decay', async () => {
    const cut = Math.pow(0.7 / 1.1, 1 / 4);
    const base = scenario({ mechanism: 'dutch', auctionStart: 1.1, auctionEnd: 0.7, auctionDuration: 1200, auctionStepTime: 300, auctionCut: cut, shockDepth: 0.3, paths: 50, positions: 300 });
    expect(auctionMultiple(base, 0)).toBeCloseTo(1.1, 12);
    expect(auctionMultiple(base, 1200)).toBeCloseTo(0.7, 12);
    expect(auctionMultiple({ ...base, auctionDecay: 'linear' }, 600)).toBeCloseTo(0.9, 12);
    expect(auctionMultiple({ ...base, auctionDecay: 'stairstep' }, 360)).toBeCloseTo(1.1 * cut, 12);
    expect(auctionMultiple({ ...base, auctionDecay: 'stairstep' }, 1200)).toBeCloseTo(0.7, 12);
    for (const auctionDecay of ['linear', 'exponential', 'stairstep'] as const) {
      const s = resolve({ ...base, auctionDecay }).scenario;
      const { summary } = await pool.run(s);
      const replay = decodeTrace(await pool.trace(s, summary.worstPath), s.dt);
      const auctions = auctionsOf(s, replay.events);
      expect(auctions.length, auctionDecay).toBeGreaterThan(0);
      for (const a of auctions) for (const sale of a.sales) expect(Math.abs(sale.price / a.priceAtStep(sale.step) - 1), auctionDecay).toBeLessThan(1e-12);
    }
  }, 60_000);
});
