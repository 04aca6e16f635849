// The core is one source (assembly/) compiled to wasm and also run as JS (src/portable/core.ts). The
// two runs agree path by path: exactly, except where the two Math libraries (AssemblyScript's
// musl-derived exp/log and V8's fdlibm-derived ones) round a result differently in the last bit.
// Such 1-ulp differences propagate through sums and differences, so money fields are compared to
// 1e-12 of the run's money scale (open interest, fund, pool and the path's flows) and ratios to
// 1e-12. What this catches is the compiler and the runtime: integer division and wrapping, casts,
// the SIMD refill against its scalar counterpart, the JS builtins (src/portable/builtins.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { chunkLength } from '../../assembly/shared/abi';
import { planRun } from '../../src/engine/plan';
import type { Scenario } from '../../src/scenario';
import { records, runJs, runWasm } from '../helpers/core';
import { scenario, smallScenario } from '../helpers/scenarios';

/** Fields that count events or time steps: these must match exactly. */
const DISCRETE = [A.R_LIQ_COUNT, A.R_WAVES, A.R_FIRST_LIQ, A.R_FIRST_FUND, A.R_FIRST_INSOLVENT];

function expectTwins(s: Scenario, w: Float64Array, r: Float64Array): void {
  expect(w.length).toBe(r.length);
  // Histograms and the header are counts: identical.
  const sums = A.HEADER + A.Q_COUNT * (planRun(s).grid + 1) * A.BINS;
  for (let i = 0; i < sums; i++) if (w[i] !== r[i]) expect.fail(`histogram cell ${i}: ${w[i]} vs ${r[i]}`);
  const wr = records(s, w), rr = records(s, r);
  wr.forEach((a, path) => {
    const b = rr[path];
    const pool = s.mechanism === 'amm' ? s.ammLiquidity : 0;
    const scale = s.openInterest + s.insuranceFund + pool + Math.abs(b[A.R_LIQ_NOTIONAL]) + Math.abs(b[A.R_VALUE]);
    for (let f = 0; f < A.R_COUNT; f++) {
      if (DISCRETE.includes(f)) {
        if (a[f] !== b[f]) expect.fail(`path ${path} field ${f}: ${a[f]} vs ${b[f]}`);
        continue;
      }
      const tol = f === A.R_DD_MARKET || f === A.R_DD_FUNDAMENTAL ? 1e-12 : 1e-12 * scale;
      if (!(Math.abs(a[f] - b[f]) <= tol)) expect.fail(`path ${path} field ${f}: ${a[f]} vs ${b[f]} (tolerance ${tol})`);
    }
  });
}

describe('the core compiled to wasm versus the same source run as JS', () => {
  for (const mechanism of ['full', 'partial', 'dutch', 'amm'] as const) {
    it(`agree path by path under ${mechanism} in a crash`, async () => {
      const s = scenario({ mechanism, shockDepth: 0.35, shockStart: 1800, positions: 400, paths: 24, horizon: 21600, jumpsOn: true });
      expectTwins(s, await runWasm(s), runJs(s));
    });
  }

  it('agree path by path on random scenarios of every mechanism and option', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (s) => {
        expectTwins(s, await runWasm(s), runJs(s));
      }),
      { numRuns: 60, seed: 20261125 },
    );
  });

  it('agree on the full result buffer, including band sums', async () => {
    const s = scenario({ paths: 16, shockDepth: 0.2, positions: 200 });
    const w = await runWasm(s), r = runJs(s);
    const start = A.HEADER + A.Q_COUNT * (planRun(s).grid + 1) * A.BINS;
    const end = chunkLength(planRun(s).grid, 0);
    for (let i = start; i < end; i++) expect(Math.abs(w[i] - r[i])).toBeLessThanOrEqual(1e-12 * (Math.abs(r[i]) + 1));
  });
});
