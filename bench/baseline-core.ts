// The core before the round of work (commit a8636cd) against the core now, alternating: that
// commit's own benchmark of its core (`npm run bench -- twin floor` in a checkout of it, a process of
// its own) and this one's, turn about. The machine's speed drifts by half over hours, so a baseline
// measured at another time does not compare (bench/baseline.json keeps one for the browser rows).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulationVersusFloor, wasmVersusJs } from './core';
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

/** `rounds` turns of the baseline's core and this one's, each its own measurement; medians and their ratio. */
export async function baselineAlternating(rounds = 3) {
  const c = checkout();
  if ('why' in c) return { commit: BASELINE_COMMIT, skipped: c.why };
  const turns = [];
  for (let r = 0; r < rounds; r++) {
    const base = measureBaseline(c.dir);
    const now = { wasm: (await wasmVersusJs()).wasmNsPerPathStep, floor: (await simulationVersusFloor())[0].floorNsPerPathStep };
    turns.push({ base, now });
  }
  const ratios = turns.map((t) => t.base.wasm / t.now.wasm);
  return {
    commit: BASELINE_COMMIT,
    turns,
    baseWasm: median(turns.map((t) => t.base.wasm)),
    nowWasm: median(turns.map((t) => t.now.wasm)),
    baseFloor: median(turns.map((t) => t.base.floor)),
    nowFloor: median(turns.map((t) => t.now.floor)),
    speedup: median(ratios),
    speedupRange: [Math.min(...ratios), Math.max(...ratios)],
  };
}
