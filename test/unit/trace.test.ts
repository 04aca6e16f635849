// A replay trace re-simulates one path: it must be the very path the run summarised. (That the wasm
// and JS runs of the core trace it to the same bits is in wasm-vs-js.test.ts.)
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import { decodeTrace } from '../../src/engine/trace';
import { kernel, records, runWasm } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

describe('replay traces', () => {
  for (const mechanism of ['full', 'partial', 'dutch', 'amm'] as const) {
    it(`re-simulate exactly the path the run recorded (${mechanism})`, async () => {
      const s = scenario({ mechanism, shockDepth: 0.3, paths: 6, positions: 400, horizon: 21600 });
      const recs = records(s, await runWasm(s));
      const k = await kernel();
      k.setup(encodeParams(s), s.paths);
      for (const path of [0, 4]) {
        const r = recs[path];
        const t = decodeTrace(k.trace(path), s.dt);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(t.liquidatedNotional)).toBeCloseTo(r[A.R_LIQ_NOTIONAL], 3);
        expect(sum(t.liquidations)).toBe(r[A.R_LIQ_COUNT]);
        expect(t.fund.at(-1)).toBe(r[A.R_FUND_END]);
        expect(t.uncovered.at(-1)! + r[A.R_SOCIALISED]).toBeCloseTo(r[A.R_UNCOVERED] + r[A.R_SOCIALISED], 6);
        const settled = t.events.filter((e) => e.kind !== 'kick' && e.kind !== 'adl');
        expect(settled.length).toBe(r[A.R_LIQ_COUNT]);
        expect(sum(settled.map((e) => e.penalty - e.reward))).toBeCloseTo(r[A.R_PENALTY_TO_FUND], 3);
        expect(settled[0]?.step).toBe(r[A.R_FIRST_LIQ]);
        // The market drawdown seen in the trace is the one recorded.
        let peak = t.market[0], dd = 0;
        for (const p of t.market) {
          peak = Math.max(peak, p);
          dd = Math.max(dd, Math.log(peak / p));
        }
        expect(dd).toBeCloseTo(r[A.R_DD_MARKET], 9);
      }
    });
  }
});
