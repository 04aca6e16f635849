// The desk's work grows with the liquidations it can serve, not with the queue: each chunk reports
// the candidates it examined (H_EXAMINED), and a scenario where no keeper can ever profit and there
// is no backstop examines none (it once examined all 100,000 waiting positions every step). Nor does
// a queue of positions bankrupt at the market price cost a step more than a binary search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { decodeLink } from '../../src/link';
import { records, runWasm } from '../helpers/core';
import { smallScenario } from '../helpers/scenarios';

const HOUR_LONG_LINK =
  '#v=2&S0=0.01&mu=5&sigma=5&jumpsOn=0&shockDepth=0.95&shockStart=0&shockDuration=2592000&depth1pct=1000&impactY=5&dailyVolume=100000&permanentImpact=1&resilienceHalfLife=86400&withdrawalExponent=0&minDepthShare=0.001&positions=100000&openInterest=1000&longShare=1&leverageMean=200&leverageDispersion=3&sizeDispersion=0&entrySpread=1&imr=0.002&mmr=0.001&sigmaRef=0.01&maxMultiplier=1&volHalfLife=1&oracleLatency=0&oracleDeviation=0&oracleHeartbeat=0&mechanism=partial&closeFactor=0.01&buffer=0&maxLiquidationPerStep=1000&liquidatorCapacity=1000000000000&gasCost=100000&backstop=0&insuranceFund=1000000000000&penalty=0.5&liquidatorShare=0&adl=1&seed=0&horizon=2592000&dt=3600&paths=1';

describe('liquidation work', () => {
  it('is nothing when no keeper can profit and nobody else liquidates (the link that took hours)', async () => {
    const { scenario, errors } = decodeLink(HOUR_LONG_LINK);
    expect(errors).toEqual([]);
    const chunk = await runWasm(scenario);
    expect(chunk[A.H_EXAMINED]).toBe(0);
    expect(records(scenario, chunk)[0][A.R_LIQ_COUNT]).toBe(0);
    // The same book with a backstop is served, and the work is counted.
    const served = await runWasm({ ...scenario, backstop: true });
    expect(records(scenario, served)[0][A.R_LIQ_COUNT]).toBeGreaterThan(0);
    expect(served[A.H_EXAMINED]).toBeGreaterThanOrEqual(records(scenario, served)[0][A.R_LIQ_COUNT]);
  });

  it('passes a queue of bankrupt positions no keeper can serve instead of examining each every step', async () => {
    // Keepers could profit from some positions (so the desk walks), but the crash leaves most of
    // the 100,000 bankrupt at the market price: they are parked, and a step passes them at once.
    const { scenario } = decodeLink(`${HOUR_LONG_LINK}&liquidatorShare=0.5&gasCost=5`.replace('&gasCost=100000', '').replace('&liquidatorShare=0&', '&'));
    expect([scenario.gasCost, scenario.liquidatorShare, scenario.paths]).toEqual([5, 0.5, 1]);
    const chunk = await runWasm(scenario);
    const steps = scenario.horizon / scenario.dt;
    expect(chunk[A.H_EXAMINED]).toBeGreaterThan(0);
    // Examining the queue every step was about 22,000 candidates a step; parked, it is about 100.
    expect(chunk[A.H_EXAMINED]).toBeLessThan(500 * steps);
  });

  it('passes a queue of positions too small to pay the gas instead of examining each every step', async () => {
    // Whales and minnows (size dispersion 3) under a $500 gas: keepers serve the whales, and the
    // thousands of liquidatable minnows wait. Examined one by one, they cost about 7,500 candidates a
    // step; parked by size, about 400.
    const { scenario } = decodeLink('#v=2&positions=100000&paths=1&horizon=43200&dt=60&shockDepth=0.1&sizeDispersion=3&backstop=0&gasCost=500&penalty=0.1');
    const chunk = await runWasm(scenario);
    expect(records(scenario, chunk)[0][A.R_LIQ_COUNT]).toBeGreaterThan(100);
    expect(chunk[A.H_EXAMINED]).toBeLessThan(1000 * (scenario.horizon / scenario.dt));
  });

  it('counts at least one examined candidate for every settlement', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenario, async (s) => {
        const chunk = await runWasm(s);
        const settled = records(s, chunk).reduce((n, r) => n + r[A.R_LIQ_COUNT], 0);
        expect(chunk[A.H_EXAMINED]).toBeGreaterThanOrEqual(settled);
      }),
      { numRuns: 60, seed: 19 },
    );
  });
});
