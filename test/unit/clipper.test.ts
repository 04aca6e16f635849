// Maker's Clipper (issue 16): the abaci as dss writes them, checked against Maker's own arithmetic;
// stairs counted exactly at their edges; the tail's own price offered; a sale on the step an auction
// restarts; the cusp; and the keeper's tip and chip, paid by the protocol and kept in the accounts.
import { afterAll, describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { decodeTrace } from '../../src/engine/trace';
import { stairsIn } from '../../src/portable/core';
import { resolve } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { auctionMultiple, auctionReset } from '../../src/theory/auction';
import { records, runWasm } from '../helpers/core';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

const clipper = (changes: Partial<Scenario>) => scenario({ mechanism: 'dutch', auctionDecay: 'stairstep', ...changes });

describe("Maker's abaci", () => {
  it("buf 1.20, cut 0.99 every 60 s, tail 90 min: 48.6% of the oracle price at reset (forum.makerdao.com/t/8477)", () => {
    const s = clipper({ auctionStart: 1.2, auctionCut: 0.99, auctionStepTime: 60, auctionDuration: 5400, dt: 60 });
    expect(auctionMultiple(s, 5400)).toBeCloseTo(1.2 * Math.pow(0.99, 90), 14);
    expect(auctionMultiple(s, 5400)).toBeCloseTo(0.486, 3);
    // "loss for a 130% LR vault at the lowest price: about -37%"
    expect(auctionMultiple(s, 5400) * 1.3 - 1).toBeCloseTo(-0.37, 2);
    expect(auctionMultiple(s, 5399)).toBeCloseTo(1.2 * Math.pow(0.99, 89), 14);
    // dss redoes when now - tic > tail: the tail's own price is offered, the reset comes a step later.
    expect(auctionReset(s)).toEqual({ after: 5460, by: 'tail' });
  });

  it('ETH-A (2025): buf 1.10, cut 0.99 every 90 s, cusp 45%: the cusp resets at the 80th stair, the tail (2 h)', () => {
    const s = clipper({ auctionStart: 1.1, auctionCut: 0.99, auctionStepTime: 90, auctionDuration: 7200, auctionCusp: 0.45, dt: 30 });
    expect(Math.pow(0.99, 79)).toBeGreaterThan(0.45);
    expect(Math.pow(0.99, 80)).toBeLessThan(0.45);
    expect(auctionReset(s)).toEqual({ after: 7200, by: 'cusp' });
    expect(auctionReset({ ...s, auctionCusp: 0.5 })).toEqual({ after: 69 * 90, by: 'cusp' });
  });

  it('K stairs over the tail give K cuts, the last offered at the tail; more than 100 stairs are fine', () => {
    for (const K of [1, 5, 100, 240]) {
      const s = clipper({ auctionStart: 1.05, auctionCut: 0.98, auctionStepTime: 30, auctionDuration: 30 * K, dt: 30 });
      expect(auctionMultiple(s, 30 * K) / auctionMultiple(s, 0)).toBeCloseTo(Math.pow(0.98, K), 12);
      expect(auctionMultiple(s, 30 * K - 1) / auctionMultiple(s, 0)).toBeCloseTo(Math.pow(0.98, K - 1), 12);
    }
  });

  it('counts whole stairs exactly at their edges, where plain floating point falls one stair short', () => {
    let naiveWrong = 0;
    for (const dt of [1.1, 1.3, 1.7, 2.3, 3.3, 4.1, 6.9, 7.7, 20, 60]) {
      for (let j = 1; j <= 40; j++) {
        const stair = +(dt * j).toPrecision(10); // a stair of j steps, as a user would type it
        for (let m = 0; m <= 50; m++) {
          for (const n of [m * j, m * j + j - 1]) {
            const e = n * dt;
            expect(stairsIn(e, stair), `${n} steps of ${dt} s, stairs of ${stair} s`).toBe(Math.floor(n / j));
            if (Math.floor(e / stair) !== Math.floor(n / j)) naiveWrong++;
          }
        }
      }
    }
    expect(naiveWrong).toBeGreaterThan(1000); // the cases the tolerance exists for
    expect(stairsIn(29, 1)).toBe(29);
  });
});

describe('the Clipper in the core', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  async function replay(s: Scenario) {
    const r = resolve(s).scenario;
    const { summary } = await pool.run(r);
    return { s: r, summary, events: decodeTrace(await pool.trace(r, summary.worstPath), r.dt).events };
  }

  it('sells on the stairs: every sale at kick price x cut^(whole stairs), with 1.1 s steps and stairs', async () => {
    const { s, events } = await replay(clipper({ auctionStart: 1.1, auctionCut: 0.995, auctionStepTime: 1.1, auctionDuration: 600, dt: 1.1, horizon: 3600, shockDepth: 0.3, shockStart: 600, paths: 8, positions: 200 }));
    let checked = 0;
    for (const sale of events.filter((e) => e.kind === 'auction')) {
      const kick = events.filter((e) => e.kind === 'kick' && e.position === sale.position && e.step <= sale.step).at(-1)!;
      const n = sale.step - kick.step; // one stair per step, by integers
      expect(Math.abs(sale.price / (kick.price * Math.pow(s.auctionCut, sale.side === 'long' ? n : -n)) - 1)).toBeLessThan(1e-12);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  }, 60_000);

  it('restarts only past the tail, and a restarted auction can sell on its restart step', async () => {
    // Bidders are scarce: lots wait through several tails, and the capacity left on a restart step buys.
    const { events } = await replay(clipper({ auctionStart: 1.0, auctionCut: 0.99, auctionStepTime: 20, auctionDuration: 120, dt: 20, shockDepth: 0.3, shockStart: 600, shockDuration: 600, liquidatorCapacity: 2e6, penalty: 0.05, liquidatorShare: 1, backstop: false, paths: 64 }));
    const kicks = events.filter((e) => e.kind === 'kick');
    const firstKick = new Map<number, number>();
    for (const k of kicks) if (!firstKick.has(k.position)) firstKick.set(k.position, k.step);
    const restarts = kicks.filter((k) => k.step > firstKick.get(k.position)!);
    expect(restarts.length).toBeGreaterThan(0);
    // Consecutive starts of one auction are more than a tail apart (120 s = 6 steps): 7 steps or more.
    const byPosition = new Map<number, typeof kicks>();
    for (const k of kicks) byPosition.set(k.position, [...(byPosition.get(k.position) ?? []), k]);
    for (const ks of byPosition.values()) for (let i = 1; i < ks.length; i++) expect(ks[i].step - ks[i - 1].step).toBeGreaterThanOrEqual(7);
    const onRestart = restarts.filter((k) => events.some((e) => e.kind === 'auction' && e.position === k.position && e.step === k.step));
    expect(onRestart.length).toBeGreaterThan(0);
  }, 60_000);

  it('pays the keeper tip + chip x tab at every start and restart, from the fund, and keeps the accounts', async () => {
    const s = resolve(clipper({ auctionStart: 1.0, auctionCut: 0.99, auctionStepTime: 20, auctionDuration: 120, dt: 20, shockDepth: 0.3, shockStart: 600, shockDuration: 600, liquidatorCapacity: 2e6, penalty: 0.05, liquidatorShare: 0, backstop: false, keeperTip: 250, keeperChip: 0.001, insuranceFund: 1e9, paths: 4 })).scenario;
    const chunk = await runWasm(s);
    const { summary } = await pool.run(s);
    const events = decodeTrace(await pool.trace(s, summary.worstPath), s.dt).events;
    const kicks = events.filter((e) => e.kind === 'kick');
    expect(kicks.length).toBeGreaterThan(0);
    for (const k of kicks) {
      expect(k.reward).toBeGreaterThan(250);
      expect(k.reward).toBeCloseTo(k.covered + k.uncovered, 6);
    }
    // With no share of the penalty, every reward of the path is an incentive.
    const r = records(s, chunk)[summary.worstPath];
    expect(r[A.R_REWARDS]).toBeCloseTo(kicks.reduce((a, k) => a + k.reward, 0), 6);
    const noIncentive = records({ ...s, keeperTip: 0, keeperChip: 0 }, await runWasm({ ...s, keeperTip: 0, keeperChip: 0 }))[summary.worstPath];
    expect(noIncentive[A.R_REWARDS]).toBe(0);
    // Incentives are transfers: the paths are the same, and a fund that never runs dry pays them all.
    expect(r[A.R_LIQ_NOTIONAL]).toBe(noIncentive[A.R_LIQ_NOTIONAL]);
    expect(noIncentive[A.R_FUND_END] - r[A.R_FUND_END]).toBeCloseTo(r[A.R_REWARDS], 4);
  }, 60_000);
});
