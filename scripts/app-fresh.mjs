// Builds the app (and the wasm core) when dist/ is missing or older than any of its sources.
// Used by the browser tests' setup, so `npx vitest` works without a manual build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWasm } from './wasm-fresh.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(p)) t = Math.max(t, newest(join(p, e)));
  return t;
}

export function ensureApp() {
  ensureWasm();
  const built = join(root, 'dist/index.html');
  const sources = ['src', 'assembly', 'public', 'index.html', 'vite.config.ts', 'build/cascade.wasm'].map((p) => join(root, p)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureApp();
