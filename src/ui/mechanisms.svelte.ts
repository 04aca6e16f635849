// "Compare mechanisms" and "Compare ADL rules": the current scenario under every option of one
// lever, on the same random paths (the seed keys every draw, so only that lever differs), one run
// after another.
import type { Summary } from '../engine/summary';
import { FIELDS, type Scenario } from '../scenario';
import type { Pool } from '../engine/pool';
import { Job } from './job.svelte';

export const MECHANISMS = FIELDS.mechanism.options;
export const ADL_RULES = FIELDS.adlRule.options;

type Options = typeof MECHANISMS | typeof ADL_RULES;

export class LeverComparison<K extends Options[number]> extends Job {
  results = $state.raw<Partial<Record<K, Summary>>>({});
  running = $state<K | null>(null);
  /** The scenario compared (its link), to tell when the results no longer match the levers. */
  forLink = $state('');

  constructor(
    pool: Pool,
    private readonly lever: 'mechanism' | 'adlRule',
    private readonly options: readonly K[],
    /** What every run of the comparison also sets (ADL rules need ADL on). */
    private readonly also: Partial<Scenario> = {},
  ) {
    super(pool);
  }

  run(s: Scenario, link: string): Promise<void> {
    this.results = {};
    this.forLink = link;
    return this.track(async (live) => {
      try {
        for (const option of this.options) {
          this.running = option;
          const { summary } = await this.pool.run({ ...s, ...this.also, [this.lever]: option });
          if (!live()) return;
          this.results = { ...this.results, [option]: summary };
        }
      } finally {
        if (live()) this.running = null;
      }
    });
  }
}
