// Builds the wasm core (release: build/cascade.wasm; debug, bounds-checked, for the unit tests:
// build/cascade.debug.wasm; AssemblyScript's math alone: build/math.wasm) when any is missing or older than any file in assembly/, after
// regenerating the parameter slots (assembly/shared/slots.ts) from the Scenario table if it changed.
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
const MATH = 'build/math.wasm';

/** Regenerates assembly/shared/slots.ts when the Scenario table or its generator is newer. */
function ensureSlots() {
  const slots = join(root, 'assembly/shared/slots.ts');
  const inputs = ['src/scenario.ts', 'src/engine/slots-source.ts', 'scripts/gen-slots.ts'].map((f) => statSync(join(root, f)).mtimeMs);
  if (!existsSync(slots) || statSync(slots).mtimeMs < Math.max(...inputs)) {
    execFileSync('npx', ['tsx', 'scripts/gen-slots.ts'], { cwd: root, stdio: 'inherit' });
  }
}

export function ensureWasm() {
  ensureSlots();
  const sources = Math.max(newest(join(root, 'assembly')), ...['asconfig.json', 'asconfig.math.json'].map((f) => statSync(join(root, f)).mtimeMs));
  const stale = (file) => !existsSync(join(root, file)) || statSync(join(root, file)).mtimeMs < sources;
  for (const [target, file] of Object.entries(TARGETS)) {
    if (stale(file)) execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', target], { cwd: root, stdio: 'inherit' });
  }
  // AssemblyScript's exp, log, ... alone, for the tests' JS run of the core (test/setup/native-math.ts);
  // shrink level 0 like the core (asconfig.math.json), which selects the same table-based implementations.
  if (stale(MATH)) execFileSync('npx', ['asc', '--config', 'asconfig.math.json', '--target', 'release'], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWasm();
