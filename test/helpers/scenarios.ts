// fast-check generators of small but varied scenarios: every mechanism and option, cheap enough to
// run both cores on many of them.
import fc from 'fast-check';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { validateScenario } from '../../src/validate';

/** Any scenario the model accepts, kept small (a few hundred steps and positions). */
export const smallScenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    paths: fc.integer({ min: 2, max: 12 }),
    horizon: fc.constantFrom(3600, 7200, 21600),
    dt: fc.constantFrom(15, 30, 60),
    sigma: fc.double({ min: 0.1, max: 3, noNaN: true }),
    mu: fc.double({ min: -1, max: 1, noNaN: true }),
    jumpsOn: fc.boolean(),
    jumpsPerDay: fc.double({ min: 0, max: 20, noNaN: true }),
    jumpMean: fc.double({ min: -0.1, max: 0.05, noNaN: true }),
    shockDepth: fc.constantFrom(0, 0, 0.1, 0.3, 0.6),
    shockStart: fc.constantFrom(0, 600, 1800),
    shockDuration: fc.constantFrom(0, 60, 900),
    impactModel: fc.constantFrom('linear', 'sqrt') as fc.Arbitrary<Scenario['impactModel']>,
    depth1pct: fc.double({ min: 1e5, max: 1e9, noNaN: true }),
    dailyVolume: fc.double({ min: 1e7, max: 1e11, noNaN: true }),
    permanentImpact: fc.double({ min: 0, max: 1, noNaN: true }),
    resilienceHalfLife: fc.constantFrom(0, 30, 300),
    liquidityWithdrawal: fc.boolean(),
    positions: fc.integer({ min: 1, max: 300 }),
    openInterest: fc.double({ min: 1e6, max: 2e9, noNaN: true }),
    longShare: fc.double({ min: 0, max: 1, noNaN: true }),
    leverageMean: fc.double({ min: 1, max: 50, noNaN: true }),
    imr: fc.constantFrom(0.02, 0.05, 0.1),
    mmr: fc.constantFrom(0.005, 0.01, 0.03),
    dynamicMargin: fc.boolean(),
    congestion: fc.constantFrom(0, 1),
    oracleLatency: fc.constantFrom(0, 15, 120),
    oracleDeviation: fc.constantFrom(0, 0.005, 0.02),
    oracleHeartbeat: fc.constantFrom(0, 60, 3600),
    mechanism: fc.constantFrom('full', 'partial', 'dutch', 'amm') as fc.Arbitrary<Scenario['mechanism']>,
    closeFactor: fc.double({ min: 0.05, max: 1, noNaN: true }),
    maxLiquidationPerStep: fc.double({ min: 1e5, max: 1e9, noNaN: true }),
    partialSchedule: fc.constantFrom('rule', 'optimal') as fc.Arbitrary<Scenario['partialSchedule']>,
    scheduleWindow: fc.constantFrom(15, 120, 600, 3600),
    riskAversion: fc.constantFrom(1e-12, 1e-8, 1e-6, 1e-3),
    auctionDecay: fc.constantFrom('linear', 'exponential', 'stairstep') as fc.Arbitrary<Scenario['auctionDecay']>,
    auctionDuration: fc.constantFrom(60, 300, 900),
    ammLiquidity: fc.double({ min: 1e6, max: 1e9, noNaN: true }),
    ammArbHalfLife: fc.constantFrom(0, 30, 300),
    liquidatorCapacity: fc.double({ min: 0, max: 1e9, noNaN: true }),
    gasCost: fc.constantFrom(0, 5, 500),
    backstop: fc.boolean(),
    insuranceFund: fc.double({ min: 0, max: 1e8, noNaN: true }),
    penalty: fc.double({ min: 0, max: 0.1, noNaN: true }),
    liquidatorShare: fc.double({ min: 0, max: 1, noNaN: true }),
    adl: fc.boolean(),
  })
  .map((r) => validateScenario({ ...defaultScenario(), ...r }).scenario);

/** The default scenario with changes, validated. */
export function scenario(changes: Partial<Scenario> = {}): Scenario {
  const v = validateScenario({ ...defaultScenario(), ...changes });
  if (v.errors.length) throw new Error(`invalid test scenario: ${JSON.stringify(v.errors)}`);
  return v.scenario;
}
