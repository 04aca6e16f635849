// Degenerate scenarios reduce to closed forms. One long position, no price impact, no jumps: the
// liquidation curve is the probability that geometric Brownian motion falls to the liquidation
// price B = K / (1 - mmr). Watched every step (oracle = market), that is the reflection principle;
// watched only at the oracle's heartbeat, it is the discretely monitored probability, which the
// Broadie-Glasserman-Kou correction gives by shifting the barrier by exp(-0.5826 sigma sqrt(dt)).
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario';
import { YEAR } from '../../src/portable/core';
import { summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';
// The closed forms the app draws (src/theory), so the page and these tests use one implementation.
import { touchProbability as barrierHit, touchProbabilityDiscrete as barrierHitDiscrete } from '../../src/theory/first-passage';

interface Case {
  name: string;
  leverage: number;
  mmr: number;
  sigma: number;
  mu: number;
  hours: number;
  dt: number;
  /** Seconds between oracle publications (0: every step). */
  heartbeat: number;
  paths: number;
}

function singlePosition(c: Case): Scenario {
  return scenario({
    positions: 1, longShare: 1, openInterest: 1000, leverageMean: c.leverage, leverageDispersion: 0,
    sizeDispersion: 0, entrySpread: 0, imr: Math.min(1, 1 / c.leverage), mmr: c.mmr, sigma: c.sigma, mu: c.mu,
    jumpsOn: false, depth1pct: 1e11, gasCost: 0, oracleLatency: 0, oracleHeartbeat: c.heartbeat,
    oracleDeviation: c.heartbeat ? 0.5 : 0, horizon: c.hours * 3600, dt: c.dt, paths: c.paths, seed: 2026,
  });
}

/** Checks the liquidation curve at half the horizon and at the horizon; returns the rows. */
async function compare(c: Case, expected: (S0: number, B: number, T: number) => number) {
  const s = singlePosition(c);
  const sum = await summaryOf(s);
  const B = (s.S0 * (1 - 1 / c.leverage)) / (1 - c.mmr);
  const rows = [50, 100].map((g) => {
    const T = sum.time[g] / YEAR;
    const p = expected(s.S0, B, T);
    const se = Math.sqrt((p * (1 - p)) / s.paths);
    return { time: sum.time[g], expected: p, simulated: sum.liquidationCurve[g], se, z: (sum.liquidationCurve[g] - p) / se };
  });
  return { s, B, rows };
}

// Barriers one standard deviation or so away: probabilities of 10-45%, where the tests have power.
const continuous: Case[] = [
  { name: '20x, mmr 3%, 100% vol, 2 h', leverage: 20, mmr: 0.03, sigma: 1, mu: 0, hours: 2, dt: 1, heartbeat: 0, paths: 12000 },
  { name: '4x, mmr 10%, 200% vol, drift +50%/yr, 1 day', leverage: 4, mmr: 0.1, sigma: 2, mu: 0.5, hours: 24, dt: 10, heartbeat: 0, paths: 12000 },
  { name: '5x, mmr 15%, 150% vol, drift -100%/yr, 1 day', leverage: 5, mmr: 0.15, sigma: 1.5, mu: -1, hours: 24, dt: 10, heartbeat: 0, paths: 12000 },
];
const discrete: Case[] = [
  { name: '10x, mmr 8%, 80% vol, 6 h, oracle every 10 min', leverage: 10, mmr: 0.08, sigma: 0.8, mu: 0, hours: 6, dt: 5, heartbeat: 600, paths: 12000 },
  { name: '5x, mmr 12%, 120% vol, drift -30%/yr, 1 day, oracle hourly', leverage: 5, mmr: 0.12, sigma: 1.2, mu: -0.3, hours: 24, dt: 10, heartbeat: 3600, paths: 12000 },
];

describe('closed forms', () => {
  for (const c of continuous) {
    it(`reflection principle: ${c.name}`, async () => {
      const { s, B, rows } = await compare(c, (S0, Bar, T) => barrierHit(S0, Bar, c.mu, c.sigma, T));
      console.log(c.name, JSON.stringify(rows));
      for (const r of rows) expect(Math.abs(r.z)).toBeLessThan(3);
      // Watching every step is itself discrete monitoring; the case is chosen so that its effect
      // (the BGK correction at the step length) is below one standard error.
      const last = rows[1];
      const T = last.time / YEAR;
      const bias = barrierHit(s.S0, B, c.mu, c.sigma, T) - barrierHitDiscrete(s.S0, B, c.mu, c.sigma, T, c.dt / YEAR);
      expect(bias / last.se).toBeLessThan(1);
      expect(last.expected).toBeGreaterThan(0.08);
    });
  }

  for (const c of discrete) {
    it(`Broadie-Glasserman-Kou: ${c.name}`, async () => {
      const { s, B, rows } = await compare(c, (S0, Bar, T) => barrierHitDiscrete(S0, Bar, c.mu, c.sigma, T, c.heartbeat / YEAR));
      console.log(c.name, JSON.stringify(rows));
      for (const r of rows) expect(Math.abs(r.z)).toBeLessThan(3);
      // The test can tell discrete from continuous monitoring: the continuous formula is far off.
      const last = rows[1];
      const cont = barrierHit(s.S0, B, c.mu, c.sigma, last.time / YEAR);
      expect(Math.abs(last.simulated - cont) / last.se).toBeGreaterThan(4);
    });
  }
});
