// The core before the round of work (commit a8636cd) against the core now, in one process: the
// commit's own kernel wrapper and wasm (a checkout beside this one) and this core, each set up on
// its own default scenario, run by run in turn (A B, then B A, ...). The machine's speed drifts by
// half over hours and by a fifth within minutes, so only adjacent runs compare: each pair gives a
// ratio, and the row reports their median and spread. (Before the thirteenth session the baseline
// ran its own benchmark in a process of its own between two of this core's measurements: turns
// seconds apart, whose ratios spread over 2.2–4.1×.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { instantiateCore } from '../src/engine/kernel';
import { encodeParams } from '../src/engine/params';
import { stepsOf, type Scenario } from '../src/scenario';
import { scenario } from './core';
import { inTurn } from './timing';

export const BASELINE_COMMIT = 'a8636cd';
const root = fileURLToPath(new URL('..', import.meta.url));

/** A checkout of the baseline commit beside this one, its wasm built; null (and why) when git cannot make one. */
function checkout(): { dir: string } | { why: string } {
  const dir = join(tmpdir(), `cascade-lab-baseline-${BASELINE_COMMIT}`);
  try {
    if (!existsSync(join(dir, 'package.json'))) {
      mkdirSync(dir, { recursive: true });
      // The commit's files, not a worktree: nothing to clean up in this repository.
      const tar = execFileSync('git', ['archive', '--format=tar', BASELINE_COMMIT], { cwd: root, maxBuffer: 1 << 28 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    }
    execFileSync('npx', ['asc', '--config', 'asconfig.json', '--target', 'release'], { cwd: dir, stdio: 'ignore' });
    return { dir };
  } catch (e) {
    return { why: `no checkout of ${BASELINE_COMMIT} (${(e as Error).message.split('\n')[0]})` };
  }
}

/** A core set up on one scenario: a run of all its paths in one chunk, its normals alone, its path-steps. */
interface Core {
  run: () => unknown;
  normals: () => unknown;
  pathSteps: number;
}

// The parts of the baseline's modules used here (its own files, loaded from the checkout).
interface BaselineModules {
  instantiateCore(m: WebAssembly.Module, maxPages: number): Promise<{ setup(p: Float64Array, n: number): void; runChunkView(f: number, n: number): Float64Array; drawNormals(seed: number, path: number, n: number): number }>;
  encodeParams(s: object): Float64Array;
  defaultScenario(): Scenario;
  validateScenario(s: object): { scenario: Scenario; errors: unknown[] };
}

async function baselineModules(dir: string): Promise<BaselineModules> {
  const load = (path: string) => import(pathToFileURL(join(dir, path)).href);
  const [kernel, params, model, validate] = await Promise.all(['src/engine/kernel.ts', 'src/engine/params.ts', 'src/scenario.ts', 'src/validate.ts'].map(load));
  return { ...kernel, ...params, ...model, ...validate };
}

async function baselineCore(b: BaselineModules, wasm: string, changes: Partial<Scenario>): Promise<Core> {
  const { scenario: s, errors } = b.validateScenario({ ...b.defaultScenario(), ...changes });
  if (errors.length) throw new Error(`the baseline refused its bench scenario: ${JSON.stringify(errors)}`);
  const k = await b.instantiateCore(new WebAssembly.Module(readFileSync(wasm)), 65536);
  k.setup(b.encodeParams(s), s.paths);
  const steps = stepsOf(s);
  return { run: () => k.runChunkView(0, s.paths), normals: () => drawAll(s, (p) => k.drawNormals(s.seed, p, steps)), pathSteps: s.paths * steps };
}

async function nowCore(changes: Partial<Scenario>): Promise<Core> {
  const s = scenario(changes);
  const k = await instantiateCore(new WebAssembly.Module(readFileSync(new URL('../build/cascade.wasm', import.meta.url))), 65536);
  k.setup(encodeParams(s), s.paths);
  const steps = stepsOf(s), wide = s.normalBits === '64';
  return { run: () => k.runChunkView(0, s.paths), normals: () => drawAll(s, (p) => k.drawNormals(s.seed, p, steps, wide)), pathSteps: s.paths * steps };
}

function drawAll(s: Scenario, path: (p: number) => number): number {
  let x = 0;
  for (let p = 0; p < s.paths; p++) x += path(p);
  return x;
}

/** The two scenarios of the target: the default (64 paths) and the heavy one (1 day at 10 s; 32 paths). */
const SCENARIOS = [
  ['default, 64 paths', { paths: 64 }],
  ['heavy: 1 day at 10 s, 32 paths', { paths: 32, dt: 10 }],
] as const;

/** Both cores, both scenarios, and their normals alone (the default's): each in `pairs` alternating pairs. */
export async function baselineAlternating(pairs = 60) {
  const c = checkout();
  if ('why' in c) return { commit: BASELINE_COMMIT, skipped: c.why };
  const b = await baselineModules(c.dir);
  const rows = [];
  let floor = null;
  for (const [name, changes] of SCENARIOS) {
    const base = await baselineCore(b, join(c.dir, 'build/cascade.wasm'), changes);
    const now = await nowCore(changes);
    const t = inTurn(base.run, base.pathSteps, now.run, now.pathSteps, pairs);
    rows.push({ scenario: name, baseNs: t.a, nowNs: t.b, speedup: t.ratio, iqr: t.iqr, range: t.range });
    if (!floor) {
      const n = inTurn(base.normals, base.pathSteps, now.normals, now.pathSteps, pairs);
      floor = { baseNs: n.a, nowNs: n.b, ratio: n.ratio };
    }
  }
  return { commit: BASELINE_COMMIT, pairs, rows, floor };
}
