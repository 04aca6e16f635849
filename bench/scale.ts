// How a headless sweep's cost grows with its cells, its paths and its shards (docs/scale-out.md):
// cells and paths on one process with two workers; shards as separate processes, two at a time (as
// scripts/sweep-shards.sh runs them), so the per-process start and the merge are in the figure.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sweepCells, sweepUnits, byCell } from '../src/designer/sweep-plan';
import { decodeSweep } from '../src/designer/sweep-spec';
import { nodeWorkerFactory } from '../src/engine/node-workers';
import { runSweepGroups } from '../src/engine/sweep-runner';
import { defaultScenario } from '../src/scenario';
import { LINK_VERSION } from '../src/link';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

/** Seconds for an n x n sweep of the default scenario at `paths` paths a cell, two workers, in-process. */
async function sweepSeconds(n: number, paths: number): Promise<number> {
  const spec = decodeSweep(`pInsolvent;mmr:0.01:0.1:${n};penalty:0:0.05:${n}`).spec!;
  const cells = sweepCells({ ...defaultScenario(), paths }, spec);
  const t0 = performance.now();
  await runSweepGroups(nodeWorkerFactory, cells, byCell(sweepUnits(cells)), 2);
  return (performance.now() - t0) / 1000;
}

export async function sweepScaling() {
  await sweepSeconds(2, 256); // warm the compiler cache
  const cells = [];
  for (const n of [2, 4, 8]) {
    const s = await sweepSeconds(n, 1000);
    cells.push({ cells: n * n, paths: 1000, seconds: s, usPerCellPath: (s * 1e6) / (n * n * 1000) });
  }
  const paths = [];
  for (const p of [500, 1000, 2000, 4000]) {
    const s = await sweepSeconds(4, p);
    paths.push({ cells: 16, paths: p, seconds: s, usPerCellPath: (s * 1e6) / (16 * p) });
  }
  // Shards: a 4 x 4 sweep at 1,000 paths a cell as 1, 4 and 16 processes, two at a time, then merged.
  const link = `#v=${LINK_VERSION}&paths=1000&sweep=pInsolvent;mmr:0.01:0.1:4;penalty:0:0.05:4`;
  const shards = [];
  for (const n of [1, 4, 16]) {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-scale-'));
    const t0 = performance.now();
    await run(join(root, 'scripts/sweep-shards.sh'), [link, String(n), '2', dir], { cwd: root, maxBuffer: 2 ** 26 });
    const seconds = (performance.now() - t0) / 1000;
    const bytes = readdirSync(dir).filter((f) => f.startsWith('shard-')).reduce((b, f) => b + statSync(join(dir, f)).size, 0);
    shards.push({ shards: n, seconds, shardBytes: bytes, bytesPerCellPath: bytes / (16 * 1000) });
    rmSync(dir, { recursive: true, force: true });
  }
  // What a process costs before it simulates anything: start, read the link, compile the core.
  const t0 = performance.now();
  await run(join(root, 'node_modules/.bin/tsx'), ['src/cli/sim.ts', 'sweep', '--link', `#v=${LINK_VERSION}&paths=1&horizon=60&sweep=pInsolvent;mmr:0.01:0.1:2`, '--quiet', '--workers', '1'], { cwd: root });
  const processStartSeconds = (performance.now() - t0) / 1000;
  const usPerCellPath = paths[paths.length - 1].usPerCellPath;
  // A 50 x 50 sweep at 100,000 paths a cell on 100 machines like this one (2 cores each).
  const cellPaths = 50 * 50 * 100_000;
  const projection = {
    sweep: '50 x 50 cells x 100,000 paths, default scenario, 100 nodes of 2 cores',
    cellPaths,
    computeHoursOneNode: (cellPaths * usPerCellPath) / 1e6 / 3600,
    wallMinutes100Nodes: (cellPaths * usPerCellPath) / 1e6 / 100 / 60 + processStartSeconds / 60,
    shardGiB: (cellPaths * shards[shards.length - 1].bytesPerCellPath) / 2 ** 30,
  };
  return { cells, paths, shards, processStartSeconds, projection };
}
