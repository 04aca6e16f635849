// The result metrics a designer can sweep or optimise, each read from a run's summary.
import type { Summary } from '../engine/summary';

export interface Metric {
  label: string;
  unit: 'share' | 'usd' | 'ratio';
  /** Higher is worse for every metric here: sweeps colour and optimisers minimise accordingly. */
  get(s: Summary): number;
}

export const METRICS = {
  pInsolvent: { label: 'P(insolvent by the horizon)', unit: 'share', get: (s) => s.pInsolvent },
  badDebt: { label: 'Expected bad debt', unit: 'usd', get: (s) => s.badDebt.mean },
  var99: { label: 'Bad debt VaR 99%', unit: 'usd', get: (s) => s.badDebt.var99 },
  traderCost: { label: 'Trader cost of liquidation', unit: 'usd', get: (s) => s.cascade.traderCost },
  amplification: { label: 'Amplification', unit: 'ratio', get: (s) => s.cascade.amplification ?? 1 },
} satisfies Record<string, Metric>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

export function isMetric(k: string): k is MetricKey {
  return Object.hasOwn(METRICS, k);
}
