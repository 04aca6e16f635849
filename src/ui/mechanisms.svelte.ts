// "Compare mechanisms": the current scenario under every liquidation mechanism, on the same random
// paths (the seed keys every draw, so only the mechanism differs), one run after another.
import type { Summary } from '../engine/summary';
import { FIELDS, type Scenario } from '../scenario';
import { Job } from './job.svelte';

export const MECHANISMS = FIELDS.mechanism.options;
export type Mechanism = (typeof MECHANISMS)[number];

export class MechanismComparison extends Job {
  results = $state.raw<Partial<Record<Mechanism, Summary>>>({});
  running = $state<Mechanism | null>(null);
  /** The scenario compared (its link), to tell when the results no longer match the levers. */
  forLink = $state('');

  run(s: Scenario, link: string): Promise<void> {
    this.results = {};
    this.forLink = link;
    return this.track(async (live) => {
      try {
        for (const mechanism of MECHANISMS) {
          this.running = mechanism;
          const { summary } = await this.pool.run({ ...s, mechanism });
          if (!live()) return;
          this.results = { ...this.results, [mechanism]: summary };
        }
      } finally {
        if (live()) this.running = null;
      }
    });
  }
}
