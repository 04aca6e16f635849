// "Compare mechanisms", "Compare ADL rules", "Compare margin rules" and "Compare margin modes": the current scenario under
// each of a few variants, on the same random paths (the seed keys every draw, so only the variant
// differs), run as one job on the pool.
import * as A from '../../assembly/shared/abi';
import type { Summary } from '../engine/summary';
import { FIELDS, type Scenario } from '../scenario';
import type { Pool } from '../engine/pool';
import { Job } from './job.svelte';

export const MECHANISMS = FIELDS.mechanism.options;
export const ADL_RULES = FIELDS.adlRule.options;
/** A fixed margin, and the two volatility-adjusted rules. */
export const MARGIN_RULES = ['fixed', 'reactive', 'predictive'] as const;

/** What each variant sets on top of the scenario. */
export type Variants<K extends string> = Record<K, Partial<Scenario>>;

export const MECHANISM_VARIANTS = Object.fromEntries(MECHANISMS.map((m) => [m, { mechanism: m }])) as Variants<(typeof MECHANISMS)[number]>;
export const ADL_VARIANTS = Object.fromEntries(ADL_RULES.map((r) => [r, { adl: true, adlRule: r }])) as Variants<(typeof ADL_RULES)[number]>;
export const MARGIN_VARIANTS: Variants<(typeof MARGIN_RULES)[number]> = {
  fixed: { dynamicMargin: false },
  reactive: { dynamicMargin: true, marginForecast: 'reactive' },
  predictive: { dynamicMargin: true, marginForecast: 'predictive' },
};

/** Several assets: accounts margined across their assets, or each position alone. */
export const MARGIN_MODES = FIELDS.marginMode.options;
export const MARGIN_MODE_VARIANTS = Object.fromEntries(MARGIN_MODES.map((m) => [m, { marginMode: m }])) as Variants<(typeof MARGIN_MODES)[number]>;

export class LeverComparison<K extends string> extends Job {
  results = $state.raw<Partial<Record<K, Summary>>>({});
  /** The variant the workers are on (the first not yet in). */
  running = $state<K | null>(null);
  /** The scenario compared (its link), to tell when the results no longer match the levers. */
  forLink = $state('');
  /** Per-path records of the kept fields (R_*), path by path: differences between variants are paired. */
  columns = $state.raw<Partial<Record<K, Record<number, Float64Array>>>>({});

  constructor(
    pool: Pool,
    /** "the mechanism comparison" */
    readonly what: string,
    private readonly variants: Variants<K>,
    private readonly keep: readonly number[] = [],
  ) {
    super(pool);
  }

  get options(): K[] {
    return Object.keys(this.variants) as K[];
  }

  run(s: Scenario, link: string): Promise<void> {
    this.results = {};
    this.columns = {};
    this.forLink = link;
    const options = this.options;
    return this.track(async (live) => {
      this.running = options[0];
      try {
        await this.pool.runMany(options.map((o) => ({ ...s, ...this.variants[o] })), (i, { summary, acc }) => {
          if (!live()) return;
          const kept: Record<number, Float64Array> = {};
          for (const f of this.keep) kept[f] = Float64Array.from({ length: acc.paths }, (_, p) => acc.records[p * A.R_COUNT + f]);
          this.columns = { ...this.columns, [options[i]]: kept };
          this.results = { ...this.results, [options[i]]: summary };
          this.running = options.find((o) => !this.results[o]) ?? null;
        });
      } finally {
        if (live()) this.running = null;
      }
    });
  }
}
