// Builds the wasm core before the unit tests when it is missing or older than its sources, so
// `npx vitest` works on a fresh checkout as well as after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const wasm = join(root, 'build/cascade.wasm');
  if (existsSync(wasm) && statSync(wasm).mtimeMs >= newestSource(join(root, 'assembly'))) return;
  execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', 'release'], { cwd: root, stdio: 'inherit' });
}
