// The type checks are part of the suite: `tsc` over the app, the tests, the scripts and the core
// (the portable AssemblyScript type-checks as TypeScript too), and `svelte-check` over the components.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url);

async function check(command: string, args: string[]): Promise<string> {
  try {
    await run('npx', [command, ...args], { cwd: root, maxBuffer: 1 << 24 });
    return '';
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}`.trim() || String(e);
  }
}

describe('type checks', () => {
  it('tsc finds no error', async () => {
    expect(await check('tsc', ['-p', 'tsconfig.json'])).toBe('');
  });

  it('svelte-check finds no error', async () => {
    expect(await check('svelte-check', ['--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'machine'])).toBe('');
  });
});
