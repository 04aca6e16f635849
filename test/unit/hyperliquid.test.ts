// Hyperliquid's rule (issue 16): a position over $100k is sold 20% first, then after a 30 s cooldown
// in full; a smaller one at once; below 2/3 of maintenance the vault takes it and keeps its margin.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/engine/trace';
import { resolve } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

const one = (changes: Partial<Scenario>) =>
  resolve(scenario({ mechanism: 'hyperliquid', jumpsOn: false, sigma: 0.8, positions: 1, longShare: 1, leverageMean: 20, leverageDispersion: 0, sizeDispersion: 0, entrySpread: 0, mmr: 0.025, imr: 0.05, penalty: 0, liquidatorShare: 0, oracleLatency: 0, oracleDeviation: 0, oracleHeartbeat: 0, dt: 10, horizon: 86400, paths: 40, ...changes })).scenario;

describe('Hyperliquid liquidations', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  async function firstLiquidated(s: Scenario) {
    for (let p = 0; p < s.paths; p++) {
      const events = decodeTrace(await pool.trace(s, p), s.dt).events;
      if (events.length) return events;
    }
    throw new Error('no path liquidated');
  }

  it('sells a large position 20% first, and the rest no sooner than 30 s later', async () => {
    const s = one({ openInterest: 1e6 });
    let followed = 0;
    for (let p = 0; p < s.paths; p++) {
      const [a, b] = decodeTrace(await pool.trace(s, p), s.dt).events;
      if (!a) continue;
      expect(a.kind).toBe('keeper');
      expect(a.qty / (a.qty + a.remaining)).toBeCloseTo(0.2, 12);
      expect(a.penalty).toBe(0); // no clearance fee
      if (b?.kind !== 'keeper') continue; // the price came back, or the vault took the rest
      expect(b.time - a.time).toBeGreaterThanOrEqual(30);
      expect(b.remaining).toBe(0);
      followed++;
    }
    expect(followed).toBeGreaterThan(0);
  }, 60_000);

  it('sells a position of $100k or less at once', async () => {
    const events = await firstLiquidated(one({ openInterest: 5e4 }));
    expect(events[0].kind).toBe('keeper');
    expect(events[0].remaining).toBe(0);
  }, 60_000);

  it('hands a position below 2/3 of maintenance to the vault, which keeps what margin is left', async () => {
    // A 4% gap in one step takes a 20x long from above maintenance to below 2/3 of it.
    const s = one({ openInterest: 1e6, sigma: 0.01, shockDepth: 0.045, shockStart: 600, shockDuration: 0 });
    const events = await firstLiquidated(s);
    const vault = events.find((e) => e.kind === 'backstop')!;
    expect(vault).toBeDefined();
    expect(vault.remaining).toBe(0);
    expect(vault.value).toBeGreaterThan(0);
    expect(vault.penalty).toBeCloseTo(vault.value, 9); // the trader gets nothing back
    expect(vault.reward).toBe(0);
  }, 60_000);
});
