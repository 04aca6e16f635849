// The ladder (sorted book, cursor, overlay heap, park) is an optimisation of the naive scan of
// every position every step: both must give bit-identical results on every path. Only the work
// count differs. The naive scan also runs every step in full, where the ladder takes the engine's
// quiet lane (assembly/engine.ts), so these tests hold the lane to the general steps too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { runJs, runWasm } from '../helpers/core';
import { scenario, smallScenario, smallScenarioWith } from '../helpers/scenarios';

function expectSameResults(naive: Float64Array, ladder: Float64Array): void {
  const [n, l] = [naive.slice(), ladder.slice()];
  n[A.H_EXAMINED] = l[A.H_EXAMINED] = 0;
  expect(l).toEqual(n);
}

describe('ladder versus naive scan', () => {
  it('give bit-identical results in the wasm core on random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (s) => {
        expectSameResults(await runWasm(s, 0, s.paths, { naiveScan: true }), await runWasm(s));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('give bit-identical results with short oracle lags and frequent publications (the quiet lane takes steps in pairs)', async () => {
    // Lags of 0 to 7 steps fill the ring up to the pairs' margin; heartbeats and thresholds make
    // pairs where one step publishes, and an odd step count a last step that no pair covers.
    // Around the default scenario (where the lane runs long), not anywhere in the levers' bounds.
    const frequent = fc
      .record({
        horizon: fc.constantFrom(86400, 86420), // a day: tens of steps between the grid's points, room for pairs
        oracleLatency: fc.constantFrom(0, 20, 40, 60, 80, 140),
        oracleHeartbeat: fc.constantFrom(0, 20, 40, 60, 100, 3600),
        oracleDeviation: fc.constantFrom(0, 0.0005, 0.002, 0.005),
        resilienceHalfLife: fc.constantFrom(0, 60, 300),
        positions: fc.constantFrom(1, 50, 300),
        sigma: fc.constantFrom(0.3, 0.8, 2),
        mechanism: fc.constantFrom('full', 'partial', 'aave', 'hyperliquid'),
        seed: fc.integer({ min: 0, max: 1000 }),
      })
      .map((r) => scenario({ ...r, paths: 4 }));
    await fc.assert(
      fc.asyncProperty(frequent, async (s) => {
        expectSameResults(await runWasm(s, 0, s.paths, { naiveScan: true }), await runWasm(s));
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it('give bit-identical results where only keepers liquidate and deep crashes leave positions bankrupt (the park)', async () => {
    const keepersOnly = smallScenarioWith({
      assets: fc.constant(1), // the ladder is the one-asset desk's
      backstop: fc.constant(false),
      mechanism: fc.constantFrom('full', 'partial'),
      // Crashes, and sometimes a market that whipsaws both ways, so both sides wait at once.
      shockDepth: fc.oneof(fc.double({ min: 0.2, max: 0.95, noNaN: true }), fc.constant(0)),
      jumpsOn: fc.boolean(),
      jumpMean: fc.constantFrom(-0.2, 0, 0.2),
      shockDuration: fc.constantFrom(60, 600, 3600),
      depth1pct: fc.constantFrom(1e5, 1e6, 1e7),
      sigma: fc.constantFrom(0.8, 5),
      positions: fc.integer({ min: 20, max: 300 }),
      liquidatorShare: fc.double({ min: 0.2, max: 1, noNaN: true }),
      gasCost: fc.constantFrom(0, 0.01, 1),
      leverageMean: fc.constantFrom(5, 20, 50),
      mmr: fc.constantFrom(0.005, 0.01, 0.03),
      oracleLatency: fc.constantFrom(60, 600, 1800),
      longShare: fc.constantFrom(0.5, 0.8, 1),
      penalty: fc.constantFrom(0.005, 0.02, 0.05),
      // Bad debt levied on the shorts makes them liquidatable too: the run stops at the other side.
      adl: fc.boolean(),
      insuranceFund: fc.constantFrom(0, 1e6),
    });
    let parked = 0;
    await fc.assert(
      fc.asyncProperty(keepersOnly, async (s) => {
        const naive = await runWasm(s, 0, s.paths, { naiveScan: true });
        const ladder = await runWasm(s);
        if (ladder[A.H_EXAMINED] < naive[A.H_EXAMINED]) parked++;
        expectSameResults(naive, ladder);
      }),
      { numRuns: 60, seed: 23 },
    );
    // The property is about the park: most of these runs must have passed parked positions.
    expect(parked).toBeGreaterThan(15);
  });

  it('give bit-identical results where whales and minnows wait and the minnows cannot pay the gas (the park by size)', async () => {
    const minnows = smallScenarioWith({
      assets: fc.constant(1),
      backstop: fc.constant(false),
      mechanism: fc.constantFrom('full', 'partial'),
      sizeDispersion: fc.constantFrom(2, 3),
      positions: fc.integer({ min: 50, max: 300 }),
      openInterest: fc.constantFrom(1e6, 1e7, 1e8),
      gasCost: fc.constantFrom(5, 50, 500),
      congestion: fc.constantFrom(0, 2),
      liquidatorShare: fc.double({ min: 0.2, max: 1, noNaN: true }),
      penalty: fc.constantFrom(0.01, 0.05),
      shockDepth: fc.constantFrom(0.05, 0.1, 0.2, 0.4),
      shockDuration: fc.constantFrom(60, 600, 3600),
      leverageMean: fc.constantFrom(10, 20, 50),
      longShare: fc.constantFrom(0.5, 0.8, 1),
      adl: fc.boolean(),
    });
    let parked = 0;
    await fc.assert(
      fc.asyncProperty(minnows, async (s) => {
        const naive = await runWasm(s, 0, s.paths, { naiveScan: true });
        const ladder = await runWasm(s);
        if (ladder[A.H_EXAMINED] < naive[A.H_EXAMINED]) parked++;
        expectSameResults(naive, ladder);
      }),
      { numRuns: 80, seed: 29 },
    );
    expect(parked).toBeGreaterThan(15);
  });

  it('give bit-identical results in the JS run under every mechanism, with ADL shifting the ladders', () => {
    for (const mechanism of ['full', 'partial', 'dutch', 'amm'] as const) {
      const s = scenario({ mechanism, adl: true, insuranceFund: 0, shockDepth: 0.4, depth1pct: 3e6, backstop: false, paths: 4, positions: 300, horizon: 21600 });
      expectSameResults(runJs(s, 0, s.paths, { naiveScan: true }), runJs(s));
    }
  });
});
