// "Compare mechanisms": the current scenario under every liquidation mechanism, on the same random
// paths (the seed keys every draw, so only the mechanism differs), one run after another.
import { RunCancelled } from '../engine/pool';
import type { Summary } from '../engine/summary';
import { FIELDS, type Scenario } from '../scenario';
import type { Runner } from './runner.svelte';

export const MECHANISMS = FIELDS.mechanism.options;
export type Mechanism = (typeof MECHANISMS)[number];

export class MechanismComparison {
  results = $state.raw<Partial<Record<Mechanism, Summary>>>({});
  running = $state<Mechanism | null>(null);
  status = $state<'idle' | 'running' | 'done' | 'cancelled' | 'failed'>('idle');
  error = $state<string | null>(null);
  /** The scenario compared (its link), to tell when the results no longer match the levers. */
  forLink = $state('');

  constructor(private readonly runner: Runner) {}

  async run(s: Scenario, link: string): Promise<void> {
    this.results = {};
    this.forLink = link;
    this.status = 'running';
    this.error = null;
    try {
      for (const mechanism of MECHANISMS) {
        this.running = mechanism;
        const { summary } = await this.runner.pool.run({ ...s, mechanism });
        this.results = { ...this.results, [mechanism]: summary };
      }
      this.status = 'done';
    } catch (e) {
      this.status = e instanceof RunCancelled ? 'cancelled' : 'failed';
      if (!(e instanceof RunCancelled)) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = null;
    }
  }
}
