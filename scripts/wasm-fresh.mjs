// Builds the wasm core when build/cascade.wasm is missing or older than any file in assembly/.
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

export function ensureWasm() {
  const wasm = join(root, 'build/cascade.wasm');
  const stale = !existsSync(wasm) || statSync(wasm).mtimeMs < Math.max(newest(join(root, 'assembly')), statSync(join(root, 'asconfig.json')).mtimeMs);
  if (stale) execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', 'release'], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWasm();
