// Compound III (issue 16): absorb takes a position whole at the oracle price, off the market, the
// borrower keeping its equity less 1 - liquidationFactor of the collateral value; the protocol then
// sells the collateral at the oracle price less storeFrontPriceFactor x (1 - liquidationFactor),
// only while its reserves are below target, and those sales weigh on the market.
import { afterAll, describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { decodeTrace } from '../../src/engine/trace';
import { resolve } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { records, runWasm } from '../helpers/core';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

const comet = (changes: Partial<Scenario>) =>
  resolve(scenario({ mechanism: 'compound', jumpsOn: false, sigma: 0.3, longShare: 1, leverageMean: 4, mmr: 0.105, imr: 0.175, penalty: 0.05, storeFrontFactor: 0.5, targetReserves: 5e6, insuranceFund: 1e6, shockDepth: 0.2, shockStart: 1800, shockDuration: 1800, oracleLatency: 0, oracleDeviation: 0, oracleHeartbeat: 0, horizon: 21600, dt: 60, positions: 300, paths: 8, ...changes })).scenario;

describe('Compound III', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('absorbs a position whole at the oracle price: the borrower keeps its equity less 5% of the collateral', async () => {
    const s = comet({});
    const t = decodeTrace(await pool.trace(s, 0), s.dt);
    const absorbed = t.events.filter((e) => e.kind === 'backstop');
    expect(absorbed.length).toBeGreaterThan(5);
    for (const e of absorbed) {
      expect(e.remaining).toBe(0);
      expect(Math.abs(e.price / t.oracle[e.step] - 1)).toBeLessThan(1e-12); // at the oracle price, off the market
      if (e.value > 0) expect(e.penalty).toBeCloseTo(Math.min(e.value, 0.05 * e.qty * e.price), 6);
    }
  }, 60_000);

  it('sells the collateral at a 2.5% discount while reserves are under target, and its sales weigh on the market', async () => {
    const selling = comet({ targetReserves: 1e12 });
    const holding = comet({ targetReserves: 0 });
    const [a, b] = [records(selling, await runWasm(selling)), records(holding, await runWasm(holding))];
    for (let p = 0; p < selling.paths; p++) {
      expect(a[p][A.R_LIQ_COUNT]).toBeGreaterThan(0);
      // The buyers' resales add selling pressure: the market falls further than when nothing is sold.
      expect(a[p][A.R_DD_MARKET]).toBeGreaterThan(b[p][A.R_DD_MARKET]);
      // What selling at a discount into that fall cost, against the collateral absorbed.
      expect(a[p][A.R_AMM_PNL]).toBeLessThan(0);
      expect(a[p][A.R_AMM_PNL]).toBeGreaterThan(-0.2 * a[p][A.R_LIQ_NOTIONAL]);
    }
  }, 60_000);
});
