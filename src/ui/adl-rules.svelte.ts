// "Compare ADL rules": the current scenario with auto-deleveraging by pro rata and by queue, on the
// same random paths, so the queue's overshoot and its concentration on a few winners show side by side.
import type { Summary } from '../engine/summary';
import { FIELDS, type Scenario } from '../scenario';
import { Job } from './job.svelte';

export const ADL_RULES = FIELDS.adlRule.options;
export type AdlRule = (typeof ADL_RULES)[number];

export class AdlComparison extends Job {
  results = $state.raw<Partial<Record<AdlRule, Summary>>>({});
  running = $state<AdlRule | null>(null);
  /** The scenario compared (its link), to tell when the results no longer match the levers. */
  forLink = $state('');

  run(s: Scenario, link: string): Promise<void> {
    this.results = {};
    this.forLink = link;
    return this.track(async (live) => {
      try {
        for (const adlRule of ADL_RULES) {
          this.running = adlRule;
          const { summary } = await this.pool.run({ ...s, adl: true, adlRule });
          if (!live()) return;
          this.results = { ...this.results, [adlRule]: summary };
        }
      } finally {
        if (live()) this.running = null;
      }
    });
  }
}
