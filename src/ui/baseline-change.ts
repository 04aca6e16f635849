// How far a result moved from the pinned baseline, with the error of that move. Both runs keep their
// paths' bad debt and trader cost (PathColumns), so the change is paired path by path: on the same
// seed the paths share their random numbers, and the error of a difference is then far smaller than
// either run's own (a lever's effect can be told from noise that would swamp it run against run).
import * as A from '../../assembly/shared/abi';
import { METRICS } from '../designer/metrics';
import type { Accumulator } from '../engine/accumulator';
import type { Summary } from '../engine/summary';
import { pairedDifference, pairedRatioChange, pairedShareChange } from '../engine/uncertainty';

/** The per-path values a change from a baseline is paired on. */
export interface PathColumns {
  badDebt: Float64Array;
  traderCost: Float64Array;
  /** The market's and the fundamental's largest drawdowns: amplification is the ratio of their means. */
  ddMarket: Float64Array;
  ddFundamental: Float64Array;
}

/** A run's columns, path by path (the paths done, as its summary counts them). */
export function pathColumns(acc: Accumulator): PathColumns {
  const paths = acc.donePaths(), records = acc.records;
  const column = (f: number) => {
    const out = new Float64Array(paths.length);
    for (let k = 0; k < paths.length; k++) out[k] = records[paths[k] * A.R_COUNT + f];
    return out;
  };
  return { badDebt: column(A.R_BAD_DEBT), traderCost: column(A.R_TRADER_COST), ddMarket: column(A.R_DD_MARKET), ddFundamental: column(A.R_DD_FUNDAMENTAL) };
}

export interface Change {
  /** Now minus the baseline. */
  d: number;
  /** Its standard error: of the paired differences, or (paths not alike) of two independent estimates. */
  se: number;
  paired: boolean;
}

export interface BaselineChange {
  pInsolvent: Change;
  badDebt: Change;
  traderCost: Change;
  /** Null where either run had no drawdown to compare with (no amplification). */
  amplification: Change | null;
}

type Run = { summary: Summary; columns: PathColumns | null };

/** The change from `base` to `now`, both complete. */
export function baselineChange(base: Run, now: Run): BaselineChange {
  const apart = (d: number, a: number, b: number): Change => ({ d, se: Math.hypot(a, b), paired: false });
  type Pairing = (x: Float64Array, y: Float64Array) => { d: number; se: number } | null;
  /** Paired on column f where both runs kept their paths, else apart. */
  const change = (pair: Pairing, f: (c: PathColumns) => Float64Array, unpaired: Change): Change => {
    const p = base.columns && now.columns ? pair(f(base.columns), f(now.columns)) : null;
    return p ? { ...p, paired: true } : unpaired;
  };
  const amplification = (): Change | null => {
    const [ab, an] = [base.summary.cascade.amplification, now.summary.cascade.amplification];
    if (ab === null || an === null) return null;
    const ratio = (c: PathColumns) => ({ num: c.ddMarket, den: c.ddFundamental });
    const p = base.columns && now.columns ? pairedRatioChange(ratio(base.columns), ratio(now.columns)) : null;
    return p ? { ...p, paired: true } : apart(an - ab, base.summary.uncertainty.amplificationSe ?? 0, now.summary.uncertainty.amplificationSe ?? 0);
  };
  const shareSe = (s: Summary) => METRICS.pInsolvent.se(s); // from Wilson's interval, not 0 at 0
  const [b, n] = [base.summary, now.summary];
  return {
    // P(insolvent): the paths that became insolvent less those that ceased to be.
    pInsolvent: change(pairedShareChange, (c) => c.badDebt, apart(n.pInsolvent - b.pInsolvent, shareSe(b), shareSe(n))),
    badDebt: change(pairedDifference, (c) => c.badDebt, apart(n.badDebt.mean - b.badDebt.mean, b.uncertainty.badDebtMeanSe, n.uncertainty.badDebtMeanSe)),
    traderCost: change(pairedDifference, (c) => c.traderCost, apart(n.cascade.traderCost - b.cascade.traderCost, b.uncertainty.traderCostSe, n.uncertainty.traderCostSe)),
    amplification: amplification(),
  };
}
