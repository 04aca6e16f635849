// The `partial` mechanism's optimal schedule: a liquidated position is sold along the Almgren–Chriss
// trajectory q0 sinh(kappa (T - t)) / sinh(kappa T) over the scenario's window.
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { scheduleSteps, scheduleUrgency } from '../../src/designer/almgren-chriss';
import { encodeParams } from '../../src/engine/params';
import { decodeTrace } from '../../src/engine/trace';
import { heldShare } from '../../src/portable/core';
import { isActive } from '../../src/scenario';
import { jsKernel, kernel, records, runJs, runWasm } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

describe('heldShare', () => {
  it('is the sinh ratio of Almgren–Chriss, computed directly', () => {
    for (const [kappa, T] of [[1e-4, 600], [3e-3, 600], [0.02, 3600], [1, 20]]) {
      for (const t of [0, 0.1 * T, 0.5 * T, 0.9 * T, T]) {
        const direct = Math.sinh(kappa * (T - t)) / Math.sinh(kappa * T);
        expect(heldShare(kappa, T, t)).toBeCloseTo(direct, 12);
      }
    }
  });

  it('is the straight line without urgency and stays finite where sinh overflows', () => {
    expect(heldShare(0, 600, 150)).toBe(0.75);
    expect(heldShare(1e-15, 600, 150)).toBeCloseTo(0.75, 12);
    const steep = heldShare(10, 3600, 20); // kappa T = 36,000: sinh is Infinity
    expect(Number.isFinite(steep)).toBe(true);
    expect(steep).toBeCloseTo(Math.exp(-200), 300);
    expect(heldShare(10, 3600, 3600)).toBe(0);
  });
});

describe('the partial mechanism on the optimal schedule', () => {
  // One long position that a 30% crash at 10 minutes makes liquidatable, and a market that takes
  // every slice (deep book, ample liquidators, no rate limit, free gas).
  const base = {
    mechanism: 'partial', partialSchedule: 'optimal', positions: 1, leverageMean: 10, longShare: 1, openInterest: 1e6,
    shockDepth: 0.3, shockStart: 600, shockDuration: 0, sigma: 0.5, jumpsOn: false, depth1pct: 1e9,
    liquidatorCapacity: 1e12, maxLiquidationPerStep: 1e12, gasCost: 0, backstop: true, paths: 2, horizon: 7200, dt: 10,
  } as const;

  for (const riskAversion of [1e-9, 1e-6, 1e-4]) {
    it(`sells slice by slice along the trajectory (lambda ${riskAversion})`, async () => {
      const s = scenario({ ...base, riskAversion, scheduleWindow: 600 });
      const kappa = scheduleUrgency(s), W = scheduleSteps(s);
      expect(W).toBe(60);
      const k = await kernel();
      k.setup(encodeParams(s), s.paths);
      const events = decodeTrace(k.trace(0), s.dt).events;
      expect(events.length).toBeGreaterThan(1);
      const q0 = events[0].qty + events[0].remaining;
      events.forEach((e, j) => {
        expect(e.step).toBe(events[0].step + j); // one slice per step, none skipped
        const target = q0 * heldShare(kappa, W * s.dt, (j + 1) * s.dt);
        if (e.remaining > 0) expect(e.remaining).toBeCloseTo(target, 9 - Math.ceil(Math.log10(q0)));
        else expect(target).toBeLessThan(0.01 * q0); // the dust rule closes the tail with the rest
      });
      expect(events.at(-1)!.remaining).toBe(0);
      expect(events.length).toBeLessThanOrEqual(W);
    });
  }

  it('sells sooner with more risk aversion', async () => {
    const slices = async (riskAversion: number) => {
      const s = scenario({ ...base, riskAversion, scheduleWindow: 1800 });
      const k = await kernel();
      k.setup(encodeParams(s), s.paths);
      return decodeTrace(k.trace(0), s.dt).events;
    };
    const calm = await slices(1e-9), urgent = await slices(1e-4);
    expect(urgent[0].qty).toBeGreaterThan(2 * calm[0].qty);
    expect(urgent.length).toBeLessThan(calm.length);
  });

  it('keeps the window and risk aversion out of sight unless the schedule is optimal', () => {
    expect(isActive(scenario({ mechanism: 'partial', partialSchedule: 'optimal' }), 'riskAversion')).toBe(true);
    expect(isActive(scenario({ mechanism: 'partial', partialSchedule: 'rule' }), 'scheduleWindow')).toBe(false);
    // Hidden behind a hidden field: the schedule itself only matters under partial.
    expect(isActive(scenario({ mechanism: 'full', partialSchedule: 'optimal' }), 'riskAversion')).toBe(false);
  });

  it('changes nothing under the other mechanisms', async () => {
    const s = scenario({ mechanism: 'full', shockDepth: 0.3, paths: 4, positions: 200 });
    expect(await runWasm({ ...s, partialSchedule: 'optimal', riskAversion: 1e-3 })).toEqual(await runWasm(s));
  });

  it('agrees between wasm and JS and balances the books in a crowded crash', async () => {
    const s = scenario({ mechanism: 'partial', partialSchedule: 'optimal', shockDepth: 0.35, shockStart: 1800, positions: 400, paths: 8, horizon: 21600, depth1pct: 5e6, maxLiquidationPerStep: 5e6 });
    const chunk = await runWasm(s);
    expect(chunk).toEqual(runJs(s));
    const w = records(s, chunk);
    w.forEach((a) => {
      // Every settlement value went to someone: the trader, the liquidator, the fund or bad debt.
      const paidOut = a[A.R_RETURNED] + a[A.R_REWARDS] + a[A.R_PENALTY_TO_FUND] - a[A.R_COVERED] - a[A.R_UNCOVERED] - a[A.R_SOCIALISED];
      expect(Math.abs(paidOut - a[A.R_VALUE])).toBeLessThanOrEqual(1e-9 * s.openInterest);
    });
    expect(w.some((a) => a[A.R_LIQ_COUNT] > 0)).toBe(true);
    const tw = jsKernel(s).trace(3);
    const k = await kernel();
    k.setup(encodeParams(s), s.paths);
    expect(k.trace(3)).toEqual(tw);
  });
});
