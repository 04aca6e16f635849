// Several assets' outcomes, from the per-asset sums the chunks carry (assembly/shared/abi.ts ASSET_*):
// per asset, the mean liquidated notional, shortfall and the part other assets' moves caused, each
// with its standard error, who caused what, and the price's bands over time (docs/model.md §11).
import * as A from '../../assembly/shared/abi';
import type { Accumulator } from './accumulator';
import { bandsFrom, type Bands } from './summary';

export interface Estimate {
  mean: number;
  se: number;
}

export interface AssetOutcome {
  /** Notional liquidated in the asset, per path. */
  liquidated: Estimate;
  /** Losses beyond the liquidated accounts' equity (before the fund), by the asset whose move caused them. */
  shortfall: Estimate;
  /** Of the notional liquidated in the asset, what other assets' moves caused. */
  fromOthers: Estimate;
  /** Of the shortfall, what the fund could not cover: realised bad debt, by the asset whose move caused it. */
  badDebt: Estimate;
  /** Notional liquidated in the asset caused by each asset's move, per path (sums to liquidated). */
  causedBy: number[];
  /** The market price's move, log(price / start price): percentile bands and mean over time. */
  move: Bands;
}

/** Mean and standard error over n paths from a sum and a sum of squares. */
export function fromSums(sum: number, sumSq: number, n: number): Estimate {
  if (n === 0) return { mean: 0, se: 0 };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - sum * mean) / (n - 1)) : 0;
  return { mean, se: Math.sqrt(variance / n) };
}

/**
 * Per asset, over the done paths; null with one asset (or sums that did not come, from shards).
 * `bandTotals`: the run's band sums (Accumulator.bandTotals()), for asset 1's bands.
 */
export function assetOutcomes(acc: Accumulator, n: number, bandTotals: Float64Array): AssetOutcome[] | null {
  const t = acc.assetTotals();
  if (!t) return null;
  const { plan, G } = acc, hist = t.subarray(A.ASSET_HIST), sums = A.assetBandSums(plan.grid, plan.assets);
  const market = plan.bands[A.Q_MARKET];
  return Array.from({ length: plan.assets }, (_, a) => {
    const o = a * A.AQ_COUNT, at = (k: number) => t[o + k];
    // Asset 1's bands are the run's market bands; the others' come with the asset sums.
    const band = a === 0 ? market : plan.assetBands[a - 1];
    const move = a === 0
      ? bandsFrom(acc.hist, A.Q_MARKET * G * A.BINS, bandTotals, A.Q_MARKET * G, band.lo, band.hi, G, n)
      : bandsFrom(hist, (a - 1) * G * A.BINS, hist, sums + (a - 1) * G, band.lo, band.hi, G, n);
    return {
      liquidated: fromSums(at(A.AQ_LIQUIDATED), at(A.AQ_LIQUIDATED_SQ), n),
      shortfall: fromSums(at(A.AQ_SHORTFALL), at(A.AQ_SHORTFALL_SQ), n),
      fromOthers: fromSums(at(A.AQ_CROSS), at(A.AQ_CROSS_SQ), n),
      badDebt: fromSums(at(A.AQ_UNCOVERED), at(A.AQ_UNCOVERED_SQ), n),
      causedBy: Array.from({ length: plan.assets }, (_, b) => (n ? t[A.ASSET_CAUSE + a * A.MAX_ASSETS + b] / n : 0)),
      move,
    };
  });
}
