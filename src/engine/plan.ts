// How a run is laid out: time grid, chunks of paths and histogram ranges. A pure function of the
// Scenario, so every worker count, every machine and every reload of a link splits work identically.
import { YEAR } from '../../assembly/shared/abi';
import { stepsOf, type Scenario } from '../scenario';

/** Path-steps per chunk: about 20-40 ms of work, so partial results arrive many times a second. */
export const CHUNK_WORK = 2_000_000;
/** At least this many chunks (when there are enough paths): work spreads over workers evenly. */
export const MIN_CHUNKS = 16;
/**
 * Path-steps a chunk is worth at least (about 6 ms of work). Each chunk costs the pool a message and
 * a result of about 400 KB (the histograms), so a small run (a sweep's coarse cell, a quick look)
 * is cut into fewer, larger chunks: an even number of them, for two workers.
 */
export const MIN_CHUNK_WORK = 250_000;
export const MAX_GRID = 100;

export interface Band {
  lo: number;
  hi: number;
  /** Band values are log(price / S0) for prices, plain values otherwise. */
  logPrice: boolean;
}

export interface RunPlan {
  steps: number;
  grid: number; // grid intervals; point g is at step floor(g * steps / grid)
  chunkPaths: number;
  chunks: number;
  bands: Band[]; // indexed by the Q_* constants of assembly/shared/abi.ts
  /** Assets: with more than one, each chunk result ends with the asset sums (abi.ts ASSET_*). */
  assets: number;
  /** Histogram ranges of the price bands of assets 2.. (log(price / S0)), as bands[Q_MARKET] is asset 1's. */
  assetBands: Band[];
}

/** `seriesSpan`: the largest log move of an imported price series, which the price bands must hold. */
export function planRun(s: Scenario, seriesSpan = 0): RunPlan {
  const steps = stepsOf(s);
  const grid = Math.min(steps, MAX_GRID);
  const work = s.paths * steps;
  const chunkPaths = work < MIN_CHUNKS * MIN_CHUNK_WORK
    ? Math.ceil(s.paths / Math.max(1, 2 * Math.floor(work / (2 * MIN_CHUNK_WORK))))
    : Math.max(1, Math.min(Math.round(CHUNK_WORK / steps), Math.ceil(s.paths / MIN_CHUNKS)));
  const assetBands = Array.from({ length: Math.max(0, s.assets - 1) }, (_, i) => assetBandRange(s, i + 2));
  return { steps, grid, chunkPaths, chunks: Math.ceil(s.paths / chunkPaths), bands: bandRanges(s, seriesSpan), assets: s.assets, assetBands };
}


/** The paths of chunk c: [first, first + count). */
export function chunkRange(plan: RunPlan, paths: number, c: number): { first: number; count: number } {
  const first = c * plan.chunkPaths;
  return { first, count: Math.min(plan.chunkPaths, paths - first) };
}

/** Histogram ranges wide enough for the 5-95% bands of any sensible scenario. */
function bandRanges(s: Scenario, seriesSpan: number): Band[] {
  const w = Math.max(moveWidth(s, s.sigma, s.jumpsOn ? s.jumpsPerDay : 0, s.shockDepth) + seriesSpan, 0.05);
  const wm = w + Math.min(3, impactWidth(s, s.sigma, s.openInterest, s.dailyVolume, s.depth1pct));
  return [
    { lo: -wm, hi: wm, logPrice: true },
    { lo: -w, hi: w, logPrice: true },
    { lo: 0, hi: s.insuranceFund + 2 * s.penalty * s.openInterest + 1, logPrice: false },
    { lo: 0, hi: 2 * s.openInterest, logPrice: false },
  ];
}

/** Asset k's market price band (k = 2..5), as bandRanges' first is asset 1's: from its own volatility, jumps, open interest and depth. */
function assetBandRange(s: Scenario, k: number): Band {
  const a = s as unknown as Record<string, number>;
  const depth = a[`a${k}Depth`], volume = (s.dailyVolume * depth) / s.depth1pct; // as assembly/portfolio.ts assetParams
  const w = Math.max(moveWidth(s, a[`a${k}Sigma`], a[`a${k}JumpsPerDay`], 0), 0.05) + Math.min(3, impactWidth(s, a[`a${k}Sigma`], a[`a${k}OpenInterest`], volume, depth));
  return { lo: -w, hi: w, logPrice: true };
}

/** How far a log price may move over the horizon: six sigmas, the drift, a shock, its own jumps and, with several assets, market-wide ones. */
function moveWidth(s: Scenario, sigma: number, jumpsPerDay: number, shock: number): number {
  const years = s.horizon / YEAR;
  let w = 6 * sigma * Math.sqrt(years) + Math.abs(s.mu) * years - Math.log1p(-shock);
  const jumps = (perDay: number, mean: number) => {
    const n = (perDay * s.horizon) / 86400;
    w += n * Math.abs(mean) + 4 * Math.sqrt(n * (mean ** 2 + s.jumpStd ** 2));
  };
  if (jumpsPerDay > 0) jumps(jumpsPerDay, s.jumpMean);
  if (s.assets > 1 && s.commonJumpsPerDay > 0) jumps(s.commonJumpsPerDay, s.commonJumpMean);
  return w;
}

/** The log move the whole open interest would make selling into the book (docs/model.md §4). */
function impactWidth(s: Scenario, sigma: number, openInterest: number, dailyVolume: number, depth1pct: number): number {
  return s.impactModel === 'linear'
    ? (0.01 * openInterest) / depth1pct
    : ((s.impactY * sigma) / Math.sqrt(365)) * Math.sqrt(openInterest / dailyVolume);
}
