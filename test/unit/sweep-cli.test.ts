// Sweeps headless (issue 18): the CLI's cells are the page's cells bit for bit; shards of a sweep,
// run side by side with xargs -P as docs/scale-out.md says, merge into the direct result byte for
// byte; a rerun skips shards already written; merge refuses what does not belong, naming the shard.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS, METRICS } from '../../src/designer/metrics';
import { readSweepDocument, sweepOfLink, type SweepDocument } from '../../src/designer/sweep-result';
import { cellScenario } from '../../src/designer/sweep-spec';
import { mergeSweepShards } from '../../src/engine/sweep-shard';
import { nodePool } from '../helpers/pool';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'cascade-sweep-'));
// 3 x 2 cells of 200 paths of 10,800 steps: 8 chunks each (plan.ts), so 48 units, and cells where a
// rule between levers acts.
const LINK = '#v=2&paths=200&positions=100&horizon=10800&dt=1&shockDepth=0.3&shockStart=600&sweep=badDebt;mmr:0.02:0.08:3;penalty:0.005:0.05:2';
const SHARDS = 4;

const sim = (args: string[]) => run(tsx, ['src/cli/sim.ts', ...args], { cwd: root, maxBuffer: 64 * 2 ** 20 });
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
const shardFile = (i: number) => join(dir, `shard-${i}.json`);

let direct: string;
beforeAll(async () => {
  await sim(['sweep', '--link', LINK, '--workers', '2', '--out', join(dir, 'direct.json'), '--quiet']);
  direct = readFileSync(join(dir, 'direct.json'), 'utf8');
  // The recipe of docs/scale-out.md for one machine: every shard a process, two at a time, then merged.
  await run(join(root, 'scripts/sweep-shards.sh'), [LINK, String(SHARDS), '2', dir], { cwd: root });
}, 120_000);

describe('a sweep from the command line', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('gives each cell the numbers the page computes for it, and opens in the page', async () => {
    const doc = JSON.parse(direct) as SweepDocument;
    const opened = readSweepDocument(doc);
    expect('error' in opened ? opened.error : '').toBe('');
    const { scenario: base, spec } = sweepOfLink(LINK);
    expect(doc.cells).toHaveLength(6);
    for (const c of doc.cells) {
      // What the page does for a cell (ui/designer/sweep.svelte.ts): run its scenario, read the metrics.
      const { summary, clamps } = await pool.run(cellScenario(base, spec!, c.i, c.j).scenario);
      for (const k of METRIC_KEYS) expect(c.values[k], `${k} at ${c.i},${c.j}`).toBe(METRICS[k].get(summary));
      expect(c.uncertainty.badDebtSe).toBe(summary.uncertainty.badDebtMeanSe);
      expect(c.clamps).toEqual(clamps);
    }
    expect(doc.cells.filter((c) => c.clamps.length).length).toBeGreaterThan(0);
    expect(doc.link).toMatch(/view=designer&sweep=badDebt/);
  });

  it('split into shards by (cell, chunk), run side by side, merges into the direct result byte for byte', async () => {
    const sizes = [...Array(SHARDS).keys()].map((i) => read(shardFile(i)).units.length);
    expect(sizes).toEqual([12, 12, 12, 12]); // 48 units over 4 shards: balanced
    expect(readFileSync(join(dir, 'sweep.json'), 'utf8')).toBe(direct);
    const merged = join(dir, 'merged.json');
    await sim(['merge', ...[3, 1, 0, 2].map(shardFile), '--out', merged]);
    expect(readFileSync(merged, 'utf8')).toBe(direct);
  });

  it('resumes: a shard already written is checked and not run again; a damaged one is run again', async () => {
    const f = shardFile(1);
    const before = statSync(f).mtimeMs;
    const { stderr } = await sim(['sweep', '--link', LINK, '--shard', `1/${SHARDS}`, '--out', f, '--quiet']);
    expect(stderr).toMatch(/already holds this shard \(checked\); not run again/);
    expect(statSync(f).mtimeMs).toBe(before);
    const damaged = join(dir, 'damaged.json');
    const doc = read(f);
    doc.data[0] = doc.data[0].replace(/^./, (ch: string) => (ch === 'A' ? 'B' : 'A'));
    writeFileSync(damaged, JSON.stringify(doc, null, 1) + '\n');
    const again = await sim(['sweep', '--link', LINK, '--shard', `1/${SHARDS}`, '--out', damaged, '--quiet']);
    expect(again.stderr).toMatch(/is not a good shard .*checksum.*; it will be replaced/);
    expect(readFileSync(damaged, 'utf8')).toBe(readFileSync(f, 'utf8'));
  });

  it('refuses to merge a damaged, doubled, missing or foreign shard, naming it', async () => {
    const named = (i: number, doc = read(shardFile(i))) => ({ file: `s${i}.json`, doc });
    const all = () => [0, 1, 2, 3].map((i) => named(i));
    const tampered = read(shardFile(2));
    tampered.data[0] = tampered.data[0].replace(/^./, (ch: string) => (ch === 'A' ? 'B' : 'A'));
    expect(() => mergeSweepShards([...all().slice(0, 2), named(2, tampered), named(3)])).toThrow(/s2\.json: checksum: does not match/);
    expect(() => mergeSweepShards([...all(), named(1)])).toThrow(/s1\.json: shard: shard 1\/4 is given twice \(also s1\.json\)/);
    expect(() => mergeSweepShards(all().slice(0, 3))).toThrow(/shards missing: 3\/4/);
    const edited = read(shardFile(0));
    edited.scenario.S0 = 2500;
    expect(() => mergeSweepShards([named(0, edited), ...all().slice(1)])).toThrow(/s0\.json: scenario: does not match/);
    const other = await sim(['sweep', '--link', LINK.replace('paths=200', 'paths=100'), '--shard', `0/${SHARDS}`, '--quiet']);
    expect(() => mergeSweepShards([...all().slice(0, 3), { file: 'other.json', doc: JSON.parse(other.stdout) }])).toThrow(/other\.json: link: a shard of another sweep than s0\.json/);
  });
});

describe('a sweep result file opened by the page', () => {
  it('is refused with the field named when it is not a sweep, or was edited', () => {
    const doc = () => JSON.parse(direct);
    expect(readSweepDocument([1, 2])).toEqual({ error: 'not a Cascade Lab sweep result (format cascade-lab-sweep)' });
    const scenario = doc();
    scenario.scenario.mmr = 0.5;
    expect(readSweepDocument(scenario)).toEqual({ error: 'scenario: does not match the link (edited?)' });
    const value = doc();
    value.cells[4].values.var99 = 'lots';
    expect(readSweepDocument(value)).toEqual({ error: 'cells[4].values.var99: not a finite number' });
    const short = doc();
    short.cells.pop();
    expect(readSweepDocument(short)).toEqual({ error: 'cells: expected 6 cells' });
    const moved = doc();
    [moved.cells[0], moved.cells[1]] = [moved.cells[1], moved.cells[0]];
    expect(readSweepDocument(moved)).toEqual({ error: 'cells[0]: in the wrong place' });
  });
});
