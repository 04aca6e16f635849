// Builds the wasm core (release: build/cascade.wasm; debug, bounds-checked, for the unit tests:
// build/cascade.debug.wasm) when either is missing or older than any file in assembly/.
// Used by `npm run sim`, `npm run bench` and the unit tests, so a fresh checkout just works.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir) {
  let t = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const TARGETS = { release: 'build/cascade.wasm', debug: 'build/cascade.debug.wasm' };

export function ensureWasm() {
  const sources = Math.max(newest(join(root, 'assembly')), statSync(join(root, 'asconfig.json')).mtimeMs);
  for (const [target, file] of Object.entries(TARGETS)) {
    const wasm = join(root, file);
    const stale = !existsSync(wasm) || statSync(wasm).mtimeMs < sources;
    if (stale) execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', target], { cwd: root, stdio: 'inherit' });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWasm();
