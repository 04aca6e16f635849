// A test stuck in the core for good (an endless loop gives Vitest's timeout no turn) ends its test
// process with the test's name (test/setup/hang-guard.ts), instead of holding the whole run; the
// summary line (.ci/run) counts the tests of that process it never heard from as failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('ends a test process stuck in an endless loop, names the test, and counts its tests failed', () => {
  const report = join(mkdtempSync(join(tmpdir(), 'hang-')), 'report.json');
  // The nested run must not take this run's Vitest settings for its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'test/fixtures/hang/vitest.config.ts'], {
    cwd: root,
    env: { ...env, HANG_MS: '2000', REPORT: report },
    encoding: 'utf8',
    timeout: 90_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.stdout + run.stderr).toContain('hang-guard: "never returns" has run 2 s without returning');
  const summary = spawnSync(process.execPath, ['scripts/test-summary.mjs', report], { cwd: root, encoding: 'utf8' });
  expect(summary.stdout.trim().split('\n').at(-1)).toBe('0 passed, 2 failed');
  expect(summary.status).toBe(1);
});
