// The result metrics a designer can sweep or optimise, each read from a run's summary.
import type { Summary } from '../engine/summary';
import { Z95, type Interval } from '../engine/uncertainty';

export interface Metric {
  label: string;
  unit: 'share' | 'usd' | 'ratio';
  /** Higher is worse for every metric here: sweeps colour and optimisers minimise accordingly. */
  get(s: Summary): number;
  /** Its standard error: a mean's own; a share's or a quantile's, the half-width of its 95% interval over z. */
  se(s: Summary): number;
}

/** The standard error a 95% interval implies (asymmetric ones, Wilson's near 0, averaged). */
const halfWidth = (i: Interval) => (i.hi - i.lo) / (2 * Z95);

export const METRICS = {
  pInsolvent: { label: 'P(insolvent by the horizon)', unit: 'share', get: (s) => s.pInsolvent, se: (s) => halfWidth(s.uncertainty.pInsolvent) },
  badDebt: { label: 'Expected bad debt', unit: 'usd', get: (s) => s.badDebt.mean, se: (s) => s.uncertainty.badDebtMeanSe },
  var99: { label: 'Bad debt VaR 99%', unit: 'usd', get: (s) => s.badDebt.var99, se: (s) => halfWidth(s.uncertainty.var99) },
  traderCost: { label: 'Trader cost of liquidation', unit: 'usd', get: (s) => s.cascade.traderCost, se: (s) => s.uncertainty.traderCostSe },
  // No drawdown at all (amplification taken as 1) leaves nothing to be unsure of.
  amplification: { label: 'Amplification', unit: 'ratio', get: (s) => s.cascade.amplification ?? 1, se: (s) => s.uncertainty.amplificationSe ?? 0 },
} satisfies Record<string, Metric>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

export type MetricValues = Record<MetricKey, number>;

/** A run's metrics and their standard errors: what a designer's tools take from each run. */
export interface Measured {
  values: MetricValues;
  errors: MetricValues;
}

export function measure(s: Summary): Measured {
  const of = (f: (m: Metric) => number) => Object.fromEntries(METRIC_KEYS.map((k) => [k, f(METRICS[k])])) as MetricValues;
  return { values: of((m) => m.get(s)), errors: of((m) => m.se(s)) };
}

export function isMetric(k: string): k is MetricKey {
  return Object.hasOwn(METRICS, k);
}
