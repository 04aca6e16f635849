// Auto-deleveraging by queue against pro rata (issue 16). The queue (Binance, Hyperliquid) closes
// winners ranked by profit % x leverage in full, taking from their profit only; pro rata levies every
// open position of the side. On the 10 October 2025 crash: the queue hits far fewer positions, all
// in profit, and liquidates profit the losses did not need (its overshoot); pro rata has none.
import { afterAll, describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { decodeTrace } from '../../src/engine/trace';
import { openLink } from '../../src/presets';
import { resolve } from '../../src/resolve';
import type { Scenario } from '../../src/scenario';
import { VIEW_KEYS } from '../../src/ui/view';
import { records, runJs, runWasm } from '../helpers/core';
import { nodePool } from '../helpers/pool';

const crash = (adlRule: Scenario['adlRule']) => resolve({ ...openLink('#v=2&preset=october-10-2025', VIEW_KEYS).scenario, positions: 1000, paths: 40, adlRule }).scenario;

describe('ADL by queue and pro rata', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('on the 10 October crash: the queue hits fewer positions, all in profit, and overshoots; pro rata does not', async () => {
    const pro = (await pool.run(crash('pro-rata'))).summary.cascade;
    const queue = (await pool.run(crash('queue'))).summary.cascade;
    expect(pro.socialised).toBeGreaterThan(0);
    expect(queue.socialised).toBeGreaterThan(0);
    expect(pro.adlOvershoot).toBe(0);
    expect(queue.adlOvershoot).toBeGreaterThan(0);
    expect(queue.adlHitInProfit).toBe(1);
    expect(pro.adlHitInProfit).not.toBeNull();
    // Both covered the same losses here: the winners' profit sufficed.
    expect(queue.socialised).toBeCloseTo(pro.socialised, 0);
    expect(queue.adlHit).toBeLessThan(pro.adlHit / 5);
  }, 60_000);

  it('takes from each closed winner only its profit, in full close events that add up to what was socialised', async () => {
    const s = crash('queue');
    const rs = records(s, await runWasm(s));
    const p = rs.findIndex((r) => r[A.R_SOCIALISED] > 0);
    expect(p).toBeGreaterThanOrEqual(0);
    const events = decodeTrace(await pool.trace(s, p), s.dt).events;
    const adl = events.filter((e) => e.kind === 'adl');
    expect(adl.length).toBe(rs[p][A.R_ADL_HIT]);
    expect(adl.reduce((a, e) => a + e.value, 0)).toBeCloseTo(rs[p][A.R_SOCIALISED], 4);
    for (const e of adl) {
      expect(e.remaining).toBe(0);
      expect(e.value).toBeGreaterThan(0);
      // Closed for good: the position never trades again.
      expect(events.some((x) => x.position === e.position && x.step > e.step)).toBe(false);
    }
    // The winners are the other side of the crash: shorts, while longs went bankrupt.
    expect(adl.every((e) => e.side === 'short')).toBe(true);
  }, 60_000);

  it('give the same bits in wasm and as JS', async () => {
    const s = { ...crash('queue'), paths: 8 };
    const w = await runWasm(s);
    expect(Array.from(w)).toEqual(Array.from(runJs(s)));
    expect(records(s, w).some((r) => r[A.R_ADL_OVERSHOOT] > 0)).toBe(true);
  }, 60_000);
});
