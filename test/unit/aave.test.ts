// Aave v3.3's liquidationCall (issue 16): the close factor, the dust rules and the bonus as
// LiquidationLogic.sol writes them, checked on the worked examples of docs/3.3/Aave-v3.3-features.md
// (aave-dao/aave-v3-origin) with v3.3's own constants ($2,000 threshold, $1,000 leftover), then in
// the core: half the debt while health is above 0.95, the bonus paid even from underwater collateral.
import { afterAll, describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { decodeTrace } from '../../src/engine/trace';
import { AaveCall } from '../../src/portable/core';
import { resolve } from '../../src/resolve';
import { records, runWasm } from '../helpers/core';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

function call(C: number, D: number, hf: number, debtToCover = Infinity, bonus = 0.05, fee = 0.1) {
  const a = new AaveCall();
  a.compute(C, D, hf, bonus, fee, debtToCover);
  return a;
}

describe("Aave v3.3's liquidationCall", () => {
  it('2.2: a position below the threshold ($1,200 collateral, $900 debt, health 0.96) is liquidated in full', () => {
    const a = call(1200, 900, 0.96);
    expect(a.debt).toBe(900);
    expect(a.collateral).toBeCloseTo(945, 9); // the debt and its 5% bonus
    expect(a.ok).toBe(true);
    // Ten times larger, the 50% close factor applies; at health 0.95 or below, 100% again.
    expect(call(12000, 9000, 0.96).debt).toBe(4500);
    expect(call(12000, 9000, 0.95).debt).toBe(9000);
    expect(call(12000, 9000, 0.94).debt).toBe(9000);
    expect(call(12000, 1999, 0.99).debt).toBe(1999); // the debt under the threshold
    expect(call(1999, 12000, 0.99).debt).toBeCloseTo(1999 / 1.05, 9); // the collateral under it: all of it
  });

  it('2.3: a liquidation must take all the debt, or all the collateral, or leave at least $1,000 of each', () => {
    // $5,000 collateral, $1,900 debt, health 0.94: up to $900 of the debt, or all of it.
    expect(call(5000, 1900, 0.94, 900).ok).toBe(true);
    expect(call(5000, 1900, 0.94, 901).ok).toBe(false);
    expect(call(5000, 1900, 0.94, 1900).ok).toBe(true);
    // $2,500 collateral, $2,400 debt: covering $1,500 would leave $925 of collateral: it reverts.
    expect(call(2500, 2400, 0.94, 1000).ok).toBe(true);
    expect(call(2500, 2400, 0.94, 1500).ok).toBe(false);
    // The 50% close factor above the threshold always leaves enough (the rule's design).
    for (const D of [2000, 5000, 1e6]) expect(call(D / 0.8, D, 0.97).ok).toBe(true);
  });

  it('takes all the collateral when it cannot pay the bonus; the debt left is the deficit; the fee is 10% of the bonus', () => {
    const a = call(1000, 990, 0.9);
    expect(a.collateral).toBe(1000);
    expect(a.debt).toBeCloseTo(1000 / 1.05, 9);
    expect(990 - a.debt).toBeCloseTo(37.62, 2);
    expect(a.fee).toBeCloseTo((1000 - 1000 / 1.05) * 0.1, 9);
  });
});

describe('the aave mechanism in the core', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('closes half the debt of a position first liquidated at health just under 1, with its bonus', async () => {
    // One long at 10x, checked every minute with a prompt oracle: liquidated just past health 1.
    const s = resolve(scenario({ mechanism: 'aave', jumpsOn: false, positions: 1, longShare: 1, leverageMean: 10, leverageDispersion: 0, sizeDispersion: 0, entrySpread: 0, openInterest: 1e6, oracleLatency: 0, oracleDeviation: 0, oracleHeartbeat: 0, penalty: 0.05, liquidatorShare: 0.9, gasCost: 0, dt: 60, horizon: 7 * 86400, paths: 64 })).scenario;
    let seen = 0;
    for (let p = 0; p < 64 && seen < 5; p++) {
      const events = decodeTrace(await pool.trace(s, p), s.dt).events;
      if (!events.length) continue;
      const first = events[0];
      const share = first.qty / (first.qty + first.remaining);
      // Half the debt: 0.5 x (K / O) x 1.05 of the collateral, with K / O just over 1 - mmr = 0.97
      // (equity just under the maintenance margin) and under 1 (not bankrupt).
      expect(share, `path ${p}`).toBeGreaterThan(0.5 * 0.97 * 1.05);
      expect(share, `path ${p}`).toBeLessThan(0.5 * 1.0 * 1.05);
      // The bonus is b / (1 + b) of the collateral seized, at the execution price; 90% to the keeper.
      expect(first.penalty / (first.qty * first.price)).toBeCloseTo(0.05 / 1.05, 12);
      expect(first.reward / first.penalty).toBeCloseTo(0.9, 12);
      seen++;
    }
    expect(seen).toBeGreaterThan(0);
  }, 60_000);

  it('pays the bonus from underwater collateral too: the protocol books the difference as bad debt', async () => {
    const s = resolve(scenario({ mechanism: 'aave', shockDepth: 0.4, shockDuration: 60, oracleLatency: 300, insuranceFund: 0, paths: 8 })).scenario;
    const rs = records(s, await runWasm(s));
    const events = decodeTrace(await pool.trace(s, 0), s.dt).events;
    const under = events.filter((e) => e.value < e.penalty && e.penalty > 0);
    expect(under.length).toBeGreaterThan(0);
    for (const e of under) expect(e.covered + e.uncovered).toBeCloseTo(e.penalty - e.value, 6);
    expect(rs[0][A.R_UNCOVERED]).toBeGreaterThan(0);
  }, 60_000);
});
