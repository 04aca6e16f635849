// The core before the round of work (commit a8636cd) against the core now, alternating: that
// commit's own benchmark of its core (`npm run bench -- twin floor` in a checkout of it, a process of
// its own) between two measurements of this one, turn after turn. The machine's speed drifts by half
// over hours, so a baseline measured at another time does not compare (bench/baseline.json keeps
// one for the browser rows).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiateCore } from '../src/engine/kernel';
import { encodeParams } from '../src/engine/params';
import { stepsOf } from '../src/scenario';
import { scenario, simulationVersusFloor } from './core';
import { median } from './timing';

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

/** ns per path-step of the baseline's core and of its normals alone, from its own table. */
function measureBaseline(dir: string): { wasm: number; floor: number } {
  const out = execFileSync('npx', ['tsx', 'bench/run.ts', 'twin', 'floor'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const wasm = /wasm core vs TypeScript twin \(default scenario\) \| ([\d.]+) vs/.exec(out);
  const floor = /Simulation vs its normals alone \(default, 256 paths\) \| [\d.]+ vs ([\d.]+) ns/.exec(out);
  if (!wasm || !floor) throw new Error(`the baseline's benchmark printed no figures:\n${out}`);
  return { wasm: Number(wasm[1]), floor: Number(floor[1]) };
}

/** This core set up on the baseline's scenario (default, 64 paths), warm: compiled once, run until tiered up. */
let warm: Promise<{ run: () => unknown; pathSteps: number }> | undefined;
function nowCore() {
  return (warm ??= (async () => {
    const s = scenario({ paths: 64 });
    const k = await instantiateCore(new WebAssembly.Module(readFileSync(new URL('../build/cascade.wasm', import.meta.url))), 65536);
    k.setup(encodeParams(s), s.paths);
    const run = () => k.runChunkView(0, s.paths);
    for (let i = 0; i < 30; i++) run(); // past V8's tiering up of the hot functions
    return { run, pathSteps: s.paths * stepsOf(s) };
  })());
}

/** ns per path-step of this core on the baseline's scenario: median of 15 runs. */
async function measureNow(): Promise<number> {
  const { run, pathSteps } = await nowCore();
  const ms: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return (median(ms) * 1e6) / pathSteps;
}

/**
 * `rounds` turns: this core, the baseline's (a process of its own), this core again; each turn's
 * ratio is the baseline's figure over the mean of the two around it. Medians over the turns.
 */
export async function baselineAlternating(rounds = 4) {
  const c = checkout();
  if ('why' in c) return { commit: BASELINE_COMMIT, skipped: c.why };
  const turns = [];
  let before = await measureNow();
  for (let r = 0; r < rounds; r++) {
    const base = measureBaseline(c.dir);
    const after = await measureNow();
    turns.push({ base, now: { wasm: (before + after) / 2 } });
    before = after;
  }
  const ratios = turns.map((t) => t.base.wasm / t.now.wasm);
  const floor = (await simulationVersusFloor())[0].floorNsPerPathStep;
  return {
    commit: BASELINE_COMMIT,
    turns,
    baseWasm: median(turns.map((t) => t.base.wasm)),
    nowWasm: median(turns.map((t) => t.now.wasm)),
    baseFloor: median(turns.map((t) => t.base.floor)),
    nowFloor: floor,
    speedup: median(ratios),
    speedupRange: [Math.min(...ratios), Math.max(...ratios)],
  };
}
