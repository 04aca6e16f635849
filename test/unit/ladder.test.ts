// The ladder (sorted book, cursor, overlay heap) is an optimisation of the naive scan of every
// position every step: both must give bit-identical results on every path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runJs, runWasm } from '../helpers/core';
import { scenario, smallScenario } from '../helpers/scenarios';

describe('ladder versus naive scan', () => {
  it('give bit-identical results in the wasm core on random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (s) => {
        expect(await runWasm(s, 0, s.paths, { naiveScan: true })).toEqual(await runWasm(s));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('give bit-identical results in the JS run under every mechanism, with ADL shifting the ladders', () => {
    for (const mechanism of ['full', 'partial', 'dutch', 'amm'] as const) {
      const s = scenario({ mechanism, adl: true, insuranceFund: 0, shockDepth: 0.4, depth1pct: 3e6, backstop: false, paths: 4, positions: 300, horizon: 21600 });
      expect(runJs(s, 0, s.paths, { naiveScan: true })).toEqual(runJs(s));
    }
  });
});
