// From merged chunks to the numbers people read: curves over time, the bad-debt distribution with
// VaR and expected shortfall, percentile bands, cascade metrics. Pure functions of the accumulator.
import * as A from '../../assembly/shared/abi';
import exp from '@stdlib/math-base-special-exp';
import { quickselect } from 'd3-array';
import { expectedShortfallSe, meanSe, quantileInterval, ratioSe, wilson, type Interval } from './uncertainty';
import type { Accumulator } from './accumulator';
import { assetOutcomes, type AssetOutcome } from './asset-summary';

export const BAND_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface Bands {
  /** One array per level of BAND_LEVELS, one value per grid point. */
  levels: number[][];
  mean: number[];
}

export interface Distribution {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  var95: number;
  var99: number;
  es95: number;
  es99: number;
  /** Share of paths above zero. */
  pPositive: number;
}

export interface Summary {
  paths: number; // paths summarised
  pathsTotal: number;
  partial: boolean;
  /** Seconds at each grid point. */
  time: number[];
  /** Share of paths with a liquidation / with uncovered bad debt / the fund paid bad debt, by time. */
  liquidationCurve: number[];
  solvencyCurve: number[]; // share insolvent (realised uncovered bad debt) by time
  fundTouchedCurve: number[];
  badDebt: Distribution; // at the horizon, including open shortfall the fund cannot cover
  /** Paths with bad debt, in 40 equal bins from 0 to the largest; `zero` counts the paths without. */
  badDebtHistogram: { edges: number[]; counts: number[]; zero: number };
  /** P(bad debt at the horizon > 0): realised or marked-to-market insolvency. */
  pInsolvent: number;
  bands: { market: Bands; fundamental: Bands; fund: Bands; liquidated: Bands };
  cascade: {
    amplification: number | null; // mean market drawdown / mean fundamental drawdown
    waves: number;
    peakPerMinute: number;
    traderCost: number;
    traderCostShare: number | null; // trader cost / liquidated notional
    liquidatedNotional: number;
    liquidations: number;
    coveredBadDebt: number;
    socialised: number;
    /** ADL: profit of closed winners beyond what the losses needed (queue), positions hit, and the share of them in profit. */
    adlOvershoot: number;
    adlHit: number;
    adlHitInProfit: number | null;
    /** The maintenance margin in force, averaged over time and paths: what volatility-adjusted margins ask of traders. */
    marginMean: number;
    backstopShare: number | null;
    ammPnl: number;
    fundEnd: number;
  };
  /**
   * Several assets: each one's liquidations, shortfall and contagion (asset-summary.ts). Absent with
   * one asset, so a one-asset summary (and its digest) is what it always was.
   */
  assets?: AssetOutcome[];
  /** Paths for the replay: the worst bad debt and the median liquidated notional. */
  worstPath: number;
  medianPath: number;
  /** How sure each headline estimate is: 95% intervals and standard errors (uncertainty.ts). */
  uncertainty: {
    pInsolvent: Interval;
    badDebtMeanSe: number;
    var99: Interval;
    es99Se: number;
    traderCostSe: number;
    /** Trader cost over liquidated notional (a ratio of means); null as traderCostShare is. */
    traderCostShareSe: number | null;
    amplificationSe: number | null;
    liquidationsSe: number;
    liquidatedNotionalSe: number;
    /** ADL: what it took, the queue's overshoot and the positions hit, per path. */
    socialisedSe: number;
    adlOvershootSe: number;
    adlHitSe: number;
    /** Of the positions ADL hit, the share in profit (a ratio of means); null as adlHitInProfit is. */
    adlHitInProfitSe: number | null;
    marginMeanSe: number;
    /** The metrics table's other rows, each a mean per path (backstopShare a ratio of means). */
    wavesSe: number;
    peakPerMinuteSe: number;
    backstopShareSe: number | null;
    coveredBadDebtSe: number;
    fundEndSe: number;
    ammPnlSe: number;
    es95Se: number;
  };
}

/** The record fields a summary reads as columns (summarize()). */
const COLUMNS = Int32Array.of(
  A.R_BAD_DEBT, A.R_LIQ_NOTIONAL, A.R_TRADER_COST, A.R_DD_FUNDAMENTAL, A.R_DD_MARKET, A.R_WAVES, A.R_PEAK_PER_MINUTE,
  A.R_LIQ_COUNT, A.R_COVERED, A.R_SOCIALISED, A.R_ADL_OVERSHOOT, A.R_ADL_HIT, A.R_ADL_HIT_IN_PROFIT, A.R_MMR_MEAN,
  A.R_BACKSTOP_NOTIONAL, A.R_AMM_PNL, A.R_FUND_END,
);

export function summarize(acc: Accumulator, S0: number, dt: number): Summary {
  const G = acc.G, plan = acc.plan;
  const paths = acc.donePaths();
  const n = paths.length;
  const records = acc.records, R = A.R_COUNT;
  const time = new Array<number>(G), gridSteps = new Array<number>(G); // ascending
  for (let g = 0; g < G; g++) time[g] = (gridSteps[g] = Math.floor((g * plan.steps) / plan.grid)) * dt;
  // The fields' values over the paths, taken out of the records in one pass: a record is a row of
  // R fields, and reading a column field by field strode across all the records once per field (at
  // 100,000 paths, 22 MB each time: 40% of a summary). Typed arrays and indexed loops throughout: a
  // summary allocated about 2 MB on the JavaScript heap (arrays of numbers, iterators), which
  // brought the collector onto the pool's thread every few runs.
  const F = COLUMNS.length, byField = columnsScratch(F * n);
  for (let k = 0; k < n; k++) {
    const row = paths[k] * R;
    for (let j = 0; j < F; j++) byField[j * n + k] = records[row + COLUMNS[j]];
  }
  const column = (f: number) => {
    const j = COLUMNS.indexOf(f);
    if (j < 0) throw new Error(`summary: field ${f} is not among COLUMNS`);
    return byField.subarray(j * n, (j + 1) * n);
  };
  const badDebt = column(A.R_BAD_DEBT);
  const notional = mean(column(A.R_LIQ_NOTIONAL));
  const traderCost = mean(column(A.R_TRADER_COST));
  const ddFs = column(A.R_DD_FUNDAMENTAL), ddMs = column(A.R_DD_MARKET);
  const ddF = mean(ddFs), ddM = mean(ddMs);
  const sortedBadDebt = badDebt.slice().sort();
  const dist = distribution(badDebt, sortedBadDebt);
  let insolvent = 0;
  for (let k = 0; k < n; k++) if (badDebt[k] > 0) insolvent++;
  const sums = acc.bandTotals();
  const bands = (q: number): Bands => bandsOf(acc, sums, q, n);
  const adlHit = mean(column(A.R_ADL_HIT));
  return {
    paths: n,
    pathsTotal: acc.paths,
    partial: !acc.complete,
    time,
    liquidationCurve: curve(records, paths, A.R_FIRST_LIQ, gridSteps),
    solvencyCurve: curve(records, paths, A.R_FIRST_INSOLVENT, gridSteps),
    fundTouchedCurve: curve(records, paths, A.R_FIRST_FUND, gridSteps),
    badDebt: dist,
    badDebtHistogram: histogram(badDebt, 40),
    pInsolvent: n ? insolvent / n : 0,
    bands: {
      market: toPrice(bands(A.Q_MARKET), S0),
      fundamental: toPrice(bands(A.Q_FUNDAMENTAL), S0),
      fund: bands(A.Q_FUND),
      liquidated: bands(A.Q_LIQUIDATED),
    },
    cascade: {
      amplification: ddF > 1e-12 ? ddM / ddF : null,
      waves: mean(column(A.R_WAVES)),
      peakPerMinute: mean(column(A.R_PEAK_PER_MINUTE)),
      traderCost,
      traderCostShare: notional > 0 ? traderCost / notional : null,
      liquidatedNotional: notional,
      liquidations: mean(column(A.R_LIQ_COUNT)),
      coveredBadDebt: mean(column(A.R_COVERED)),
      socialised: mean(column(A.R_SOCIALISED)),
      adlOvershoot: mean(column(A.R_ADL_OVERSHOOT)),
      adlHit: mean(column(A.R_ADL_HIT)),
      adlHitInProfit: adlHit > 0 ? mean(column(A.R_ADL_HIT_IN_PROFIT)) / adlHit : null,
      marginMean: mean(column(A.R_MMR_MEAN)),
      backstopShare: notional > 0 ? mean(column(A.R_BACKSTOP_NOTIONAL)) / notional : null,
      ammPnl: mean(column(A.R_AMM_PNL)),
      fundEnd: mean(column(A.R_FUND_END)),
    },
    ...optional('assets', assetOutcomes(acc, n, sums)),
    worstPath: pick(paths, column(A.R_BAD_DEBT), 1),
    medianPath: pick(paths, column(A.R_LIQ_NOTIONAL), 0.5),
    uncertainty: {
      pInsolvent: wilson(insolvent, n),
      badDebtMeanSe: meanSe(badDebt),
      var99: quantileInterval(sortedBadDebt, 0.99),
      es99Se: expectedShortfallSe(sortedBadDebt, 0.99, dist.var99, dist.es99),
      traderCostSe: meanSe(column(A.R_TRADER_COST)),
      traderCostShareSe: notional > 0 ? ratioSe(column(A.R_TRADER_COST), column(A.R_LIQ_NOTIONAL)) : null,
      amplificationSe: ddF > 1e-12 ? ratioSe(ddMs, ddFs) : null,
      liquidationsSe: meanSe(column(A.R_LIQ_COUNT)),
      liquidatedNotionalSe: meanSe(column(A.R_LIQ_NOTIONAL)),
      socialisedSe: meanSe(column(A.R_SOCIALISED)),
      adlOvershootSe: meanSe(column(A.R_ADL_OVERSHOOT)),
      adlHitSe: meanSe(column(A.R_ADL_HIT)),
      adlHitInProfitSe: adlHit > 0 ? ratioSe(column(A.R_ADL_HIT_IN_PROFIT), column(A.R_ADL_HIT)) : null,
      marginMeanSe: meanSe(column(A.R_MMR_MEAN)),
      wavesSe: meanSe(column(A.R_WAVES)),
      peakPerMinuteSe: meanSe(column(A.R_PEAK_PER_MINUTE)),
      backstopShareSe: notional > 0 ? ratioSe(column(A.R_BACKSTOP_NOTIONAL), column(A.R_LIQ_NOTIONAL)) : null,
      coveredBadDebtSe: meanSe(column(A.R_COVERED)),
      fundEndSe: meanSe(column(A.R_FUND_END)),
      ammPnlSe: meanSe(column(A.R_AMM_PNL)),
      es95Se: expectedShortfallSe(sortedBadDebt, 0.95, dist.var95, dist.es95),
    },
  };
}

/**
 * Empirical distribution of losses. VaR_a is the ceil(a n)-th smallest value; expected shortfall
 * follows Acerbi and Tasche (2002): the mean of the worst n(1 - a) outcomes, counting the VaR
 * outcome fractionally when n(1 - a) is not whole.
 */
export function distribution(xs: ArrayLike<number>, s: Float64Array = Float64Array.from(xs).sort()): Distribution {
  const n = xs.length;
  if (n === 0) return { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0, var95: 0, var99: 0, es95: 0, es99: 0, pPositive: 0 };
  // 0.95 and 0.99 are not exact in binary: a * n may land a hair above a whole number.
  const rank = (a: number) => Math.min(n, Math.max(1, Math.ceil(a * n - 1e-9))); // 1-based
  const q = (a: number) => s[rank(a) - 1];
  const es = (a: number) => {
    const k = rank(a); // 1-based index of the VaR outcome
    let tail = 0;
    for (let i = k; i < n; i++) tail += s[i];
    const w = n * (1 - a) - (n - k); // fractional weight of the VaR outcome, in [0, 1)
    return w + (n - k) > 0 ? (tail + w * s[k - 1]) / (n * (1 - a)) : s[n - 1];
  };
  let sum = 0, pos = 0;
  for (let k = 0; k < n; k++) {
    sum += xs[k];
    if (xs[k] > 0) pos++;
  }
  return {
    mean: sum / n, p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: s[n - 1],
    var95: q(0.95), var99: q(0.99), es95: es(0.95), es99: es(0.99), pPositive: pos / n,
  };
}

/**
 * The columns' storage, kept from one summary to the next (a summary is synchronous, and nothing it
 * returns holds a column): in Node's pool a default run's 540 KB of columns, new in each summary,
 * was an eighth of what the run allocated outside the JavaScript heap, which sets how often V8
 * collects the whole heap (a third of default runs had a full collection, and those took 10 ms
 * longer). Up to 8 MB is kept (a summary of 60,000 paths); a larger one has its own.
 */
let scratch = new Float64Array(0);
const SCRATCH_MAX = 1 << 20;

function columnsScratch(length: number): Float64Array {
  if (length > SCRATCH_MAX) return new Float64Array(length);
  if (scratch.length < length) scratch = new Float64Array(Math.min(SCRATCH_MAX, Math.max(length, 2 * scratch.length)));
  return scratch.subarray(0, length);
}

// The summary's helpers are functions of this module, not closures made by each summarize(): a
// closure made anew in every summary was compiled again by V8's optimiser in nearly every one (a
// run's single summary never let its code settle), which cost the pool's process about 7 ms of
// compiling a default run, on the cores the workers use.

/**
 * Share of the paths whose first event (record field f: a step, -1 for none) is at or before each
 * grid point: each path counted once at the first grid point at or after its event, then a running
 * sum (O(paths log G)).
 */
function curve(records: Float64Array, paths: Int32Array, f: number, gridSteps: readonly number[]): number[] {
  const n = paths.length, G = gridSteps.length, R = A.R_COUNT;
  const at = new Array<number>(G).fill(0);
  for (let k = 0; k < n; k++) {
    const first = records[paths[k] * R + f];
    if (first < 0) continue;
    let lo = 0, hi = G;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gridSteps[mid] >= first) hi = mid;
      else lo = mid + 1;
    }
    if (lo < G) at[lo]++;
  }
  const out = new Array<number>(G);
  for (let g = 0, k = 0; g < G; g++) out[g] = n === 0 ? 0 : (k += at[g]) / n;
  return out;
}

/**
 * Log-price bands as prices. fdlibm's exp in plain arithmetic: Math.exp differs between engines in
 * the last bit (Node 20's and Chromium 156's do), and a link's digest must be the same in every
 * browser and the CLI.
 */
function toPrice(b: Bands, S0: number): Bands {
  const levels = new Array<number[]>(b.levels.length);
  for (let j = 0; j < levels.length; j++) levels[j] = prices(b.levels[j], S0);
  return { levels, mean: prices(b.mean, S0) };
}

function prices(logs: readonly number[], S0: number): number[] {
  const out = new Array<number>(logs.length);
  for (let i = 0; i < logs.length; i++) out[i] = S0 * exp(logs[i]);
  return out;
}

/** The mean, added left to right from 0 (as reduce() added them); 0 for none. */
function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < xs.length; k++) sum += xs[k];
  return xs.length ? sum / xs.length : 0;
}

/** { key: value }, or nothing when the value is null. */
function optional<K extends string, T>(key: K, value: T | null): { [P in K]?: T } {
  return value === null ? {} : ({ [key]: value } as { [P in K]?: T });
}

/** Counts of the positive values in `bins` equal bins from 0 to the largest. */
export function histogram(xs: ArrayLike<number>, bins: number): { edges: number[]; counts: number[]; zero: number } {
  let max = 0, zero = 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    if (x > max) max = x;
    if (!(x > 0)) zero++;
  }
  const counts = new Array<number>(bins).fill(0);
  const edges = Array.from({ length: bins + 1 }, (_, i) => (max * i) / bins);
  if (max > 0) for (let k = 0; k < xs.length; k++) if (xs[k] > 0) counts[Math.min(bins - 1, Math.floor((xs[k] / max) * bins))]++;
  return { edges, counts, zero };
}

/** Percentile bands from the histograms, interpolating linearly inside a bin. */
function bandsOf(acc: Accumulator, sums: Float64Array, q: number, n: number): Bands {
  const { lo, hi } = acc.plan.bands[q];
  return bandsFrom(acc.hist, q * acc.G * A.BINS, sums, q * acc.G, lo, hi, acc.G, n);
}

/**
 * Percentile bands and means over G grid points from histograms of BINS bins over [lo, hi] (grid point
 * g's at hist[histAt + g * BINS]) and sums (at sums[sumsAt + g]) of n paths.
 */
export function bandsFrom(hist: ArrayLike<number>, histAt: number, sums: ArrayLike<number>, sumsAt: number, lo: number, hi: number, G: number, n: number): Bands {
  const width = (hi - lo) / A.BINS;
  const levels = BAND_LEVELS.map(() => new Array<number>(G).fill(0));
  const mean = new Array<number>(G).fill(0);
  for (let g = 0; g < G; g++) {
    const base = histAt + g * A.BINS;
    mean[g] = n ? sums[sumsAt + g] / n : 0;
    if (n === 0) continue;
    // One pass over the bins for all the levels (ascending): level j is in the first bin whose
    // cumulative count reaches level * n; a level no bin reaches is hi.
    let j = 0, cum = 0;
    for (let b = 0; b < A.BINS && j < BAND_LEVELS.length; b++) {
      const c = hist[base + b];
      while (j < BAND_LEVELS.length && c > 0 && cum + c >= BAND_LEVELS[j] * n) {
        levels[j][g] = lo + width * (b + (BAND_LEVELS[j] * n - cum) / c);
        j++;
      }
      cum += c;
    }
    for (; j < BAND_LEVELS.length; j++) levels[j][g] = hi;
  }
  return { levels, mean };
}

/** The path at quantile `level` of a measure (ties to the lowest index); -1 when there is none. */
export function pick(paths: ArrayLike<number>, measure: ArrayLike<number>, level: number): number {
  const n = paths.length;
  if (n === 0) return -1;
  if (level >= 1) {
    // The first path (in path order) with the largest measure: no sort needed.
    let best = 0;
    for (let k = 1; k < n; k++) if (measure[k] > measure[best]) best = k;
    return paths[best];
  }
  // The path at rank `at` in the order of (measure, path), without sorting the paths: the measure
  // at that rank, then the paths that tie on it, in path order (an index sort with a comparator took
  // 1-2 ms of every summary of 4,000 paths). The measure by selection (d3's quickselect), not by a
  // sort (sorting 100,000 took a fifth of a summary), in d3's own order: numbers ascending, NaN
  // last, as a typed array sorts (but -0 and 0 alike, which pick() tells apart nowhere).
  const at = Math.min(n - 1, Math.floor(level * n));
  const v = quickselect(Float64Array.from(measure), at, 0, n - 1)[at];
  let below = 0; // how many measures are less than v: the rank of v's first tie
  for (let k = 0; k < n; k++) if (measure[k] < v) below++;
  const ties: number[] = [];
  for (let k = 0; k < n; k++) if (measure[k] === v) ties.push(paths[k]);
  ties.sort((a, b) => a - b);
  return ties[at - below];
}
