// The optimiser headless (issue 18): its spec travels in the link (opt=), and the CLI's search takes
// the page's steps to the page's design, evaluation for evaluation.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { measure, type MetricValues } from '../../src/designer/metrics';
import { optimise } from '../../src/designer/optimiser';
import { decodeOptimise, encodeOptimise } from '../../src/designer/optimise-spec';
import { openLink } from '../../src/presets';
import { VIEW_KEYS } from '../../src/ui/view';
import { nodePool } from '../helpers/pool';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const LINK = '#v=2&paths=200&positions=100&horizon=3600&shockDepth=0.3&shockStart=600&opt=traderCost;pInsolvent:0.05;8;mmr:0.01:0.1;penalty:0:0.05';

describe('the optimiser spec in a link', () => {
  it('reads back what it writes, and names what is wrong', () => {
    const { spec, errors } = decodeOptimise('traderCost;pInsolvent:0.05;8;mmr:0.01:0.1;penalty:0:0.05');
    expect(errors).toEqual([]);
    expect(spec).toEqual({ objective: 'traderCost', constraint: { metric: 'pInsolvent', max: 0.05 }, budget: 8, levers: [{ field: 'mmr', from: 0.01, to: 0.1 }, { field: 'penalty', from: 0, to: 0.05 }] });
    expect(encodeOptimise(spec!)).toBe('traderCost;pInsolvent:0.05;8;mmr:0.01:0.1;penalty:0:0.05');
    expect(decodeOptimise('badDebt;none;30;imr:0.02:0.2').spec?.constraint).toBeNull();
    expect(decodeOptimise('luck;none;30;mmr:0.01:0.1').errors[0].message).toMatch(/unknown objective "luck"/);
    expect(decodeOptimise('badDebt;none;3;mmr:0.01:0.1').errors[0].message).toMatch(/^budget: between 4 and 400/);
    expect(decodeOptimise('badDebt;none;30;seed:1:9').errors[0].message).toMatch(/seed cannot be tuned/);
    expect(decodeOptimise('badDebt;none;30;mmr:0.1:0.01').errors[0].message).toMatch(/"from" must be below "to"/);
    expect(decodeOptimise('badDebt;none;30;mmr:0.01:0.1;mmr:0.01:0.1').errors[0].message).toMatch(/chosen twice/);
  });
});

describe('npm run sim -- optimise', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('finds the design the page finds, by the same evaluations', async () => {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['src/cli/sim.ts', 'optimise', '--link', LINK, '--workers', '2'], { cwd: root, maxBuffer: 2 ** 26 });
    expect(stderr).toMatch(/evaluation 1 of at most 18 \(start\)/);
    const doc = JSON.parse(stdout);
    // The page's optimiser (ui/designer/optimise.svelte.ts) on the same link.
    const { scenario, view } = openLink(LINK, VIEW_KEYS);
    const spec = decodeOptimise(view.opt).spec!;
    const page = await optimise(scenario, spec, async (s) => measure((await pool.run(s)).summary));
    expect(doc.best.levers).toEqual({ mmr: page.best.scenario.mmr, penalty: page.best.scenario.penalty });
    expect(doc.best.values).toEqual(page.best.values);
    expect(doc.best.errors).toEqual(page.best.errors);
    expect(doc.evaluations.map((e: { values: MetricValues }) => e.values)).toEqual(page.evaluations.map((e) => e.values));
    expect(doc.frontier).toEqual(page.frontier);
    // Each evaluation says what its run used instead of a lever set: its frontier leverage is the run's.
    for (const f of doc.frontier as { leverage: number; index: number }[]) {
      const e = doc.evaluations[f.index] as { imr: number; clamps: { field: string; used: number }[] };
      expect(1 / f.leverage).toBeCloseTo(e.clamps.find((c) => c.field === 'imr')?.used ?? e.imr, 9);
    }
    expect(openLink(doc.best.link, VIEW_KEYS).scenario).toEqual(page.best.scenario);
    expect(doc.link).toMatch(/view=designer&opt=traderCost/);
  });
});
