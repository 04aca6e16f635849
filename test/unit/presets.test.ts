// Every preset is a valid scenario, and each teaching point still holds (on fewer paths): a model
// change that broke a lesson would fail here before an educator found out in front of a class.
import { describe, expect, it } from 'vitest';
import { PRESETS, presetById, presetScenario } from '../../src/presets';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { validateScenario } from '../../src/validate';
import { summaryOf } from '../helpers/core';

const run = (id: string, changes: Partial<Scenario> = {}) => summaryOf({ ...presetScenario(presetById(id)!), paths: 400, ...changes });

describe('presets', () => {
  it('are all valid scenarios, with a text of what to look at', () => {
    for (const p of PRESETS) {
      expect(validateScenario({ ...defaultScenario(), ...p.changes }).errors, p.id).toEqual([]);
      expect(p.look.length, p.id).toBeGreaterThan(100);
    }
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it('historical ones link the public accounts they are built from, as addresses a browser opens', () => {
    for (const p of PRESETS.filter((x) => x.kind === 'historical')) {
      expect(p.sources?.length, p.id).toBeGreaterThan(0);
      for (const src of p.sources!) {
        expect(new URL(src.url).protocol, p.id).toBe('https:');
        expect(src.title.length, p.id).toBeGreaterThan(10);
      }
    }
  });

  it('spill-over: a crash in one asset liquidates the others through cross-margin accounts, and isolated margin leaves more bad debt', async () => {
    const cross = await run('spill-over', { paths: 200 });
    const isolated = await run('spill-over', { paths: 200, marginMode: 'isolated' });
    const [eth, btc, alt] = cross.assets!;
    // Most BTC and altcoin liquidations are other assets' doing, chiefly ETH's (asset 1, the one that crashed).
    expect(btc.fromOthers.mean).toBeGreaterThan(0.5 * btc.liquidated.mean);
    expect(btc.fromOthers.mean - 2 * btc.fromOthers.se).toBeGreaterThan(0.3 * btc.liquidated.mean);
    expect(btc.causedBy[0]).toBeGreaterThan(0.3 * btc.liquidated.mean);
    expect(alt.fromOthers.mean).toBeGreaterThan(0.5 * alt.liquidated.mean);
    expect(eth.fromOthers.mean).toBeLessThan(0.6 * eth.liquidated.mean);
    // Isolated: nothing crosses, BTC barely liquidates, and bad debt is higher.
    expect(isolated.assets!.every((a) => a.fromOthers.mean === 0)).toBe(true);
    expect(isolated.assets![1].liquidated.mean).toBeLessThan(0.25 * btc.liquidated.mean);
    expect(isolated.badDebt.mean - cross.badDebt.mean).toBeGreaterThan(2 * (isolated.uncertainty.badDebtMeanSe + cross.uncertainty.badDebtMeanSe));
    expect(isolated.pInsolvent).toBeGreaterThan(cross.pInsolvent);
  });

  it('slow oracle: a ten-minute lag makes paths insolvent, no lag does not', async () => {
    const slow = await run('slow-oracle');
    const fast = await run('slow-oracle', { oracleLatency: 0, oracleDeviation: 0 });
    expect(slow.pInsolvent).toBeGreaterThan(0.9);
    expect(fast.pInsolvent).toBeLessThan(0.05);
  });

  it('tipping point: past the tip the cascade more than doubles the shock; with depth it does not', async () => {
    const past = await run('tipping-point');
    const deep = await run('tipping-point', { depth1pct: 60e6 });
    expect(past.cascade.amplification!).toBeGreaterThan(2);
    expect(deep.cascade.amplification!).toBeLessThan(1.5);
  });

  it('fund runs dry: it pays on nearly every path and some paths end insolvent once it is empty', async () => {
    const s = await run('fund-runs-dry');
    expect(s.fundTouchedCurve.at(-1)!).toBeGreaterThan(0.9);
    expect(s.pInsolvent).toBeGreaterThan(0.03);
    expect(s.pInsolvent).toBeLessThan(s.fundTouchedCurve.at(-1)!);
  });

  it('10 October 2025: ADL keeps the protocol solvent; without it most paths are insolvent', async () => {
    const withAdl = await run('october-10-2025', { paths: 200 });
    const without = await run('october-10-2025', { paths: 200, adl: false });
    expect(withAdl.cascade.socialised).toBeGreaterThan(0);
    expect(withAdl.pInsolvent).toBeLessThan(0.1);
    expect(without.pInsolvent).toBeGreaterThan(0.5);
  });

  it('Black Thursday: too few bidders leave bad debt; a little more capacity removes most of it', async () => {
    const scarce = await run('black-thursday', { paths: 300 });
    const more = await run('black-thursday', { paths: 300, liquidatorCapacity: 8e5 });
    expect(scarce.pInsolvent).toBeGreaterThan(0.3);
    expect(more.badDebt.mean).toBeLessThan(scarce.badDebt.mean / 10);
  });

  it('calm market: no cascade and no bad debt', async () => {
    const s = await run('calm-market');
    expect(s.pInsolvent).toBe(0);
    expect(s.cascade.amplification!).toBeLessThan(1.05);
  });
});
