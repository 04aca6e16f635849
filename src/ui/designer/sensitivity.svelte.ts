// Runs a sensitivity on the worker pool: two runs a lever, on the scenario's seed; each lever's
// row is shown as soon as its two runs are in.
import { sensitivity, type SensitivityRow } from '../../designer/sensitivity';
import type { FieldKey, Scenario } from '../../scenario';
import { Job } from '../job.svelte';

export class SensitivityRun extends Job {
  readonly what = 'the sensitivity run';
  rows = $state.raw<SensitivityRow[]>([]);
  total = $state(0);
  base = $state.raw<Scenario | null>(null);

  run(base: Scenario, levers: FieldKey[]): Promise<void> {
    this.rows = [];
    this.total = levers.length;
    this.base = base;
    return this.track(async (live) => {
      const run = async (s: Scenario) => {
        const { summary, acc } = await this.pool.run(s);
        return { summary, records: acc.records };
      };
      await sensitivity(base, run, levers, (row) => {
        if (live()) this.rows = [...this.rows, row];
      });
    });
  }
}
