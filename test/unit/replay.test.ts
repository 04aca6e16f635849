// The replay's view of a path: the book rebuilt from the events matches the core's own state, and
// waves add up to the path's totals.
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import { decodeTrace } from '../../src/engine/trace';
import { LadderState } from '../../src/ui/replay/ladder-state';
import { describe as describeWave, wavesOf } from '../../src/ui/replay/waves';
import { kernel, records, runWasm } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

async function traced(mechanism: 'full' | 'partial' | 'dutch') {
  // Limited capacity and a rate limit, so that positions wait and partial closes happen.
  const s = scenario({ mechanism, shockDepth: 0.3, paths: 2, positions: 300, horizon: 21600, depth1pct: 8e6, liquidatorCapacity: 5e6, maxLiquidationPerStep: 3e6 });
  const k = await kernel();
  k.setup(encodeParams(s), 2);
  return { s, book: k.book(), replay: decodeTrace(k.trace(1), s.dt), rec: records(s, await runWasm(s))[1] };
}

describe('replay', () => {
  for (const mechanism of ['full', 'partial', 'dutch'] as const) {
    it(`rebuilds the open book from the events (${mechanism})`, async () => {
      const { s, book, replay } = await traced(mechanism);
      const ladder = new LadderState(book, replay.events);
      const steps = replay.time.length - 1;
      ladder.seek(steps);
      // Open size per side equals the initial size minus what was closed or put up for auction.
      const closedLong = replay.events.filter((e) => e.side === 'long' && e.kind !== 'kick').reduce((a, e) => a + e.qty, 0);
      let openLong = 0, initialLong = 0;
      for (let i = 0; i < book.q.length; i++) if (book.side[i] > 0) {
        initialLong += book.q[i];
        openLong += ladder.q[i];
      }
      expect(openLong).toBeCloseTo(initialLong - closedLong, 6);
      // The horizon's waiting count matches the positions still liquidatable in the rebuilt book.
      const mid = Math.floor(steps / 2);
      ladder.seek(mid);
      const back = new LadderState(book, replay.events);
      back.seek(mid);
      expect(Array.from(ladder.q)).toEqual(Array.from(back.q)); // going back gives the same state
      const b = ladder.bins(s.mmr, 1000, 3000, 50);
      expect(b.long.every((x) => x >= 0)).toBe(true);
      expect(ladder.counts().open).toBeGreaterThan(0);
      // Every step: the positions the rebuilt book says are crossed at the oracle price are exactly
      // those the core left waiting. This checks every reconstructed bankruptcy price.
      const fresh = new LadderState(book, replay.events);
      let checked = 0;
      for (let t = 1; t <= steps; t++) {
        fresh.seek(t);
        const O = replay.oracle[t], m = replay.mmr[t];
        let crossed = 0;
        for (let i = 0; i < book.q.length; i++) {
          if (fresh.q[i] <= 0 || fresh.inAuction[i]) continue;
          const K = fresh.K[i];
          if (book.side[i] > 0 ? K > O * (1 - m) : K < O * (1 + m)) crossed++;
        }
        if (replay.waiting[t] > 0) checked++;
        if (crossed !== replay.waiting[t]) expect.fail(`step ${t}: ${crossed} crossed, the core left ${replay.waiting[t]} waiting`);
      }
      if (mechanism === 'partial') expect(checked).toBeGreaterThan(0);
    });
  }

  it('groups events into waves that add up to the path', async () => {
    const { replay, rec } = await traced('full');
    const waves = wavesOf(replay);
    expect(waves.reduce((a, w) => a + w.longs + w.shorts, 0)).toBe(rec[A.R_LIQ_COUNT]);
    expect(waves.reduce((a, w) => a + w.notional, 0)).toBeCloseTo(rec[A.R_LIQ_NOTIONAL], 2);
    for (let i = 1; i < waves.length; i++) expect(waves[i].step).toBeGreaterThan(waves[i - 1].step);
    const text = describeWave(waves[0]);
    expect(text).toMatch(/^\d+(\.\d+)? (s|min|h): \d+ (long|short)/);
    expect(text).toMatch(/the market (fell|rose) \d/);
  });
});
