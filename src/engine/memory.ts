// How much wasm memory a worker needs for a scenario, from the same allocations the core makes
// (assembly/engine.ts, desk.ts, book.ts; with several assets, accounts.ts and account-desk.ts). Each worker's memory gets this as its maximum, so a
// scenario cannot take more than it was judged to need; one that needs too much is refused.
import * as A from '../../assembly/shared/abi';
import { BYTES_PER_POSITION, chunkLength } from '../../assembly/shared/abi';
import { type Scenario } from '../scenario';
import { planRun } from './plan';

const PAGE = 65536;
/** Static data, runtime headers and the allocator's rounding. */
const FIXED = 2 * 1024 * 1024;
/** The most memory one worker may use; Chromium allows a 4 GiB wasm32 memory but tabs die earlier. */
export const MAX_WORKER_MEMORY = 1024 * 1024 * 1024;

export function workerMemoryBytes(s: Scenario): number {
  const plan = planRun(s);
  const ring = Math.round(s.oracleLatency / s.dt) + 1;
  const trace = (plan.steps + 1) * A.T_COUNT + A.MAX_EVENTS * A.E_COUNT;
  // The fundamental paths a sweep's cells share (kernel.ts): one chunk's.
  const shared = A.sharedLength(plan.steps, plan.chunkPaths);
  // A path's own fundamental, drawn whole before it runs, and its state at each grid point (engine.ts).
  const own = plan.steps + 1 + (plan.grid + 1) * A.GRID_KEPT;
  const floats = chunkLength(plan.grid, plan.chunkPaths) + ring + trace + 2 * A.Q_COUNT + shared + own;
  return FIXED + BYTES_PER_POSITION * s.positions + 8 * floats + severalAssetsBytes(s);
}

/** What the several-asset model adds (docs/model.md §11): the accounts, and the asset sums of a chunk. */
function severalAssetsBytes(s: Scenario): number {
  if (s.assets <= 1) return 0;
  const legs = s.positions * s.assets, accounts = s.marginMode === 'cross' ? s.positions : legs;
  const plan = planRun(s);
  return A.BYTES_PER_LEG * legs + A.BYTES_PER_ACCOUNT * accounts + A.BYTES_PER_TRADER * s.positions + 8 * A.assetFloats(plan.grid, s.assets) + 64 * 1024;
}

/** The memory maximum, in 64 KiB pages, for a worker running this scenario: the need plus 25%. */
export function memoryCeilingPages(s: Scenario): number {
  return Math.ceil((workerMemoryBytes(s) * 1.25) / PAGE);
}

/** A message when the scenario needs more memory than a worker may have, else undefined. */
export function memoryRefusal(s: Scenario): string | undefined {
  const need = workerMemoryBytes(s) * 1.25;
  if (need <= MAX_WORKER_MEMORY) return undefined;
  return `this scenario needs about ${Math.ceil(need / 2 ** 20)} MiB per worker, more than the ${MAX_WORKER_MEMORY / 2 ** 20} MiB allowed: reduce positions, paths or steps`;
}
