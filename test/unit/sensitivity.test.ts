// Which lever matters most (issue 15): steps within bounds, effects in the right direction on common
// random numbers with paired standard errors far below unpaired ones, the tornado's order, and the
// CLI's --sensitivity.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { meanSe } from '../../src/engine/uncertainty';
import * as A from '../../assembly/shared/abi';
import { bump, sensitivity, sensitivityLevers, tornado } from '../../src/designer/sensitivity';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { scenario } from '../helpers/scenarios';
import { nodePool } from '../helpers/pool';

describe('a step of a lever', () => {
  it('is 10% of its value, within its bounds, and 1% of its realistic range at 0', () => {
    const s = defaultScenario();
    expect(bump(s, 'mmr')).toEqual({ down: 0.027, up: 0.033 });
    expect(bump({ ...s, penalty: 0.5 }, 'penalty')).toEqual({ down: 0.45, up: 0.5 }); // the maximum
    expect(bump({ ...s, oracleLatency: 0 }, 'oracleLatency')).toEqual({ down: 0, up: 1.2 }); // typical 0-120 s
    expect(sensitivityLevers(s)).not.toContain('closeFactor'); // not in play under full close
    expect(sensitivityLevers({ ...s, mechanism: 'partial' })).toContain('closeFactor');
  });
});

describe('a sensitivity run', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());
  const run = async (s: Scenario) => {
    const { summary, acc } = await pool.run(s);
    return { summary, records: acc.records };
  };

  it('moves the metrics the right way, with paired errors far below unpaired ones, and sorts the tornado', async () => {
    const base = scenario({ paths: 1000, shockDepth: 0.3, insuranceFund: 2e6 });
    const rows = await sensitivity(base, run, ['insuranceFund', 'depth1pct', 'mmr', 'gasCost']);
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(by.insuranceFund.changes.badDebt.delta).toBeLessThan(0);
    expect(by.insuranceFund.changes.pInsolvent.delta).toBeLessThanOrEqual(0);
    expect(by.depth1pct.changes.badDebt.delta).toBeLessThan(0);
    for (const r of rows) for (const c of Object.values(r.changes)) {
      expect(Number.isFinite(c.se) && c.se >= 0).toBe(true);
      expect(c.greek).toBeCloseTo(c.delta / (r.up - r.down), 12);
    }
    // Common random numbers: the paired error of a change is much smaller than either run's own.
    const lo = await run({ ...base, insuranceFund: by.insuranceFund.down });
    const own = meanSe(Array.from({ length: 1000 }, (_, p) => lo.records[p * A.R_COUNT + A.R_BAD_DEBT]));
    expect(by.insuranceFund.changes.badDebt.se).toBeLessThan(own / 3);
    const order = tornado(rows, 'badDebt').map((r) => Math.abs(r.changes.badDebt.delta));
    expect(order).toEqual([...order].sort((a, b) => b - a));
  }, 60_000);

  it('says when a step of a lever tripped a rule between levers, so its effect is not its own alone', async () => {
    const base = scenario({ paths: 100, mmr: 0.048, imr: 0.05, positions: 100, horizon: 3600 });
    const rows = await sensitivity(base, run, ['mmr', 'penalty']);
    const [mmr, penalty] = rows;
    expect(mmr.clamps.map((c) => c.field)).toEqual(['imr']); // 5.28% up: above the initial margin
    expect(mmr.clamps[0].message).toMatch(/initial margin/);
    expect(penalty.clamps).toEqual([]);
    // A share no path changed on is not certain to be unchanged.
    for (const r of rows) expect(r.changes.pInsolvent.se).toBeGreaterThan(0);
  }, 60_000);

  it('is in the CLI result with --sensitivity, and refused with --shard', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const tsx = join(root, 'node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['src/cli/sim.ts', '--link', '#v=2&paths=200&shockDepth=0.3&positions=100', '--sensitivity', '--quiet'], { cwd: root, maxBuffer: 2 ** 26 });
    const doc = JSON.parse(stdout);
    expect(doc.sensitivity.map((r: { field: string }) => r.field)).toEqual(sensitivityLevers(scenario({})));
    expect(Object.keys(doc.sensitivity[0].changes)).toEqual(['pInsolvent', 'badDebt', 'var99', 'traderCost']);
    const refused = await promisify(execFile)(tsx, ['src/cli/sim.ts', '--link', '#v=2', '--sensitivity', '--shard', '0/2'], { cwd: root }).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--sensitivity .* not with --shard/);
  }, 60_000);
});
