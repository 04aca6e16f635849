// The core is one source (assembly/) compiled to wasm and also run as JS (src/portable/core.ts).
// With AssemblyScript's own exp and log under the JS run too (test/setup/native-math.ts), the two
// runs must give the same bits: every path, every histogram cell, every sum, every trace. What this
// catches is the compiler and the runtime: integer division and wrapping, casts, the SIMD refill
// against its scalar counterpart, the JS builtins (src/portable/builtins.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { planRun } from '../../src/engine/plan';
import type { Scenario } from '../../src/scenario';
import { jsKernel, kernel, records, runJs, runWasm } from '../helpers/core';
import { encodeParams } from '../../src/engine/params';
import { scenario, smallScenario } from '../helpers/scenarios';

/** The first difference between two chunk results, named by where it is, or undefined. */
function firstDifference(s: Scenario, w: Float64Array, r: Float64Array): string | undefined {
  if (w.length !== r.length) return `lengths ${w.length} vs ${r.length}`;
  const base = A.chunkLength(planRun(s).grid, 0);
  for (let i = 0; i < w.length; i++) {
    if (Object.is(w[i], r[i])) continue;
    if (i < base) return `aggregate cell ${i}: ${w[i]} vs ${r[i]}`;
    return `path ${Math.floor((i - base) / A.R_COUNT)} field ${(i - base) % A.R_COUNT}: ${w[i]} vs ${r[i]}`;
  }
  return undefined;
}

describe('the core compiled to wasm versus the same source run as JS', () => {
  for (const mechanism of ['full', 'partial', 'dutch', 'amm', 'aave', 'hyperliquid', 'compound'] as const) {
    it(`give the same bits under ${mechanism} in a crash`, async () => {
      const s = scenario({ mechanism, shockDepth: 0.35, shockStart: 1800, positions: 400, paths: 24, horizon: 21600, jumpsOn: true });
      const w = await runWasm(s);
      expect(firstDifference(s, w, runJs(s))).toBeUndefined();
      expect(records(s, w).some((r) => r[A.R_LIQ_COUNT] > 0)).toBe(true);
    });
  }

  it('give the same bits on random scenarios, every lever anywhere within its bounds', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (s) => {
        expect(firstDifference(s, await runWasm(s), runJs(s))).toBeUndefined();
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });

  it('trace the same path to the same bits, events and all', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, fc.nat(11), async (s, n) => {
        const path = n % s.paths;
        const k = await kernel();
        k.setup(encodeParams(s), s.paths);
        const w = k.trace(path), j = jsKernel(s).trace(path);
        expect(w.truncated).toBe(j.truncated);
        expect(w.steps).toEqual(j.steps);
        expect(w.events).toEqual(j.events);
      }),
      { numRuns: 40, seed: 29 },
    );
  });

  it('draw the same liquidation map and cascade curve', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (s) => {
        const k = await kernel();
        k.setup(encodeParams(s), 1);
        expect(k.cascade()).toEqual(jsKernel(s, 1).cascade());
        expect(k.book()).toEqual(jsKernel(s, 1).book());
      }),
      { numRuns: 40, seed: 31 },
    );
  });
});
