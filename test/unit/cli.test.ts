// The command line refuses what is not a scenario and every bad option before it simulates anything,
// stops promptly on SIGINT/SIGTERM, and writes its output whole or not at all.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWorkerCount } from '../../src/engine/node-workers';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cascade-cli-'));
const SMALL = '#v=2&paths=40&horizon=3600&positions=50';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run sim -- args` (without the wasm freshness check, done by the suite's setup). */
function sim(args: string[], options: { signal?: NodeJS.Signals; after?: string } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/cli/sim.ts', ...args], { cwd: root });
    let stdout = '', stderr = '', sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      // The signal comes once the run is under way: after `after` is printed, and workers started.
      if (options.signal && !sent && stderr.includes(options.after ?? '')) {
        sent = true;
        setTimeout(() => child.kill(options.signal), 1000);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('the command line', () => {
  it('caps --workers at a sane multiple of the cores and refuses what is not a whole number', async () => {
    const max = 4 * nodeWorkerCount();
    const many = await sim(['--link', SMALL, '--workers', String(max + 1)]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain(`--workers must be from 1 to ${max}`);
    for (const bad of ['0x2', '1e1', '-1', '0', '2.5']) {
      const r = await sim(['--link', SMALL, `--workers=${bad}`]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--workers .*\n.*usage:/s);
    }
    const shard = await sim(['--link', SMALL, '--shard', '-1/4']);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('usage:');
  });

  it('refuses inputs that are not scenarios, and reads UTF-8 with a byte-order mark', async () => {
    for (const [name, text, found] of [['array.json', '[1,2,3]', 'an array'], ['null.json', 'null', 'null'], ['string.json', '"hello"', 'a string']] as const) {
      const r = await sim(['--scenario', file(name, text)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain(`is not a scenario: expected a JSON object of Scenario fields (e.g. {"mmr": 0.05}), found ${found}`);
    }
    const empty = await sim(['--link', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--link is empty');
    const utf16 = await sim(['--scenario', file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"paths":10}', 'utf16le')]))]);
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toContain('is UTF-16 text: save it as UTF-8');
    const binary = await sim(['--scenario', file('binary.json', Buffer.from([0x7b, 0x00, 0xc3, 0x28, 0x7d]))]);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toMatch(/is not (UTF-8 )?text/);
    const bom = await sim(['--scenario', file('bom.json', '\ufeff{"paths": 20, "horizon": 3600, "positions": 50}'), '--quiet']);
    expect(bom.code).toBe(0);
    expect(JSON.parse(bom.stdout).scenario.paths).toBe(20);
  });

  it('runs an imported price series (--series), and refuses a bad one by line before simulating', async () => {
    const good = await sim(['--link', '#v=2&pricePath=imported&paths=20&positions=50&horizon=7200&dt=60', '--series', join(root, 'public/samples/generated-crash.csv'), '--quiet']);
    expect(good.code).toBe(0);
    const doc = JSON.parse(good.stdout);
    expect(doc.series).toEqual({ name: 'generated-crash.csv', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), rows: 1441 });
    // Every path on the series: the fundamental's 5-95% band collapses onto it (within a histogram bin).
    const f = doc.bands.fundamental.levels;
    expect(Math.abs(Math.log(f[0].at(-1) / f[4].at(-1)))).toBeLessThan(0.01);
    const bad = await sim(['--link', '#v=2&pricePath=imported', '--series', file('bad.csv', 'time,price\n0,100\n60,abc\n0,90\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv line 3: "abc" is not a positive price/);
    expect(bad.stderr).toMatch(/bad\.csv line 4: times must increase/);
    expect(bad.stderr).not.toMatch(/paths x/);
  });

  it('sums up many unknown fields in one warning', async () => {
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 1]));
    const r = await sim(['--scenario', file('keys.json', JSON.stringify({ ...keys, paths: 20, horizon: 3600, positions: 50 })), '--quiet']);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings.length).toBe(6);
    expect(warnings.at(-1)).toContain('99995 more unknown fields; ignored');
  });

  it('reports an unwritable --out and a bad --trace before simulating', async () => {
    const out = await sim(['--link', SMALL, '--out', join(dir, 'no/such/dir/result.json')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('cannot write');
    expect(out.stderr).not.toMatch(/paths x \d+ steps/);
    const trace = await sim(['--link', SMALL, '--trace', '40']);
    expect(trace.code).toBe(2);
    expect(trace.stderr).toContain('--trace takes a path index from 0 to 39');
    expect(trace.stderr).not.toMatch(/paths x \d+ steps/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`stops promptly on ${signal}, leaving the file that was there and no partial one`, async () => {
      const out = file(`result-${signal}.json`, '{"a good result": true}\n');
      const t0 = performance.now();
      // Work for half a minute or more: the signal comes a second after the run has started.
      const r = await sim(['--link', '#v=2&paths=200000&horizon=2592000&dt=60&positions=100', '--out', out, '--quiet', '--workers', '1'], { signal, after: 'note: paths' });
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(r.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(r.stderr).toContain(`stopped (${signal}); nothing was written`);
      expect(readFileSync(out, 'utf8')).toBe('{"a good result": true}\n');
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('writes a large result to a pipe whole', async () => {
    const r = await sim(['--link', '#v=2&paths=20&positions=50', '--traces', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1 << 20);
    expect(Object.keys(JSON.parse(r.stdout).traces)).toEqual(['worst', 'median']);
  });

  it('writes the result whole, and merges shards only when every one checks out', async () => {
    // Enough work for two chunks (plan.ts), so each shard has one.
    const link = '#v=2&paths=160&horizon=3600&dt=1&positions=50';
    const out = join(dir, 'full.json');
    expect((await sim(['--link', link, '--out', out, '--quiet'])).code).toBe(0);
    const direct = JSON.parse(readFileSync(out, 'utf8'));
    const shards = [0, 1].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, s] of shards.entries()) expect((await sim(['--link', link, '--shard', `${i}/2`, '--out', s, '--quiet'])).code).toBe(0);
    const merged = join(dir, 'merged.json');
    expect((await sim(['merge', ...shards, '--out', merged])).code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(out, 'utf8'));
    expect(direct.pInsolvent).toBeDefined();
    const bad = JSON.parse(readFileSync(shards[1], 'utf8'));
    bad.bandSums[0] = bad.bandSums[0].slice(0, 16);
    const r = await sim(['merge', shards[0], file('bad-shard.json', JSON.stringify(bad)), '--out', join(dir, 'never.json')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad-shard.json: ');
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
