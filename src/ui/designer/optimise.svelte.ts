// Runs the optimiser on the worker pool: every evaluation is a full run of the scenario's paths on
// its seed (common random numbers), so the search sees a deterministic surface.
import { measure, type Measured } from '../../designer/metrics';
import { optimise, type Evaluation, type OptimiseResult, type OptimiseSpec } from '../../designer/optimiser';
import { RunCancelled } from '../../engine/pool';
import type { Scenario } from '../../scenario';
import { Job } from '../job.svelte';

export class OptimiseRun extends Job {
  readonly what = 'the optimiser';
  spec = $state.raw<OptimiseSpec | null>(null);
  base = $state.raw<Scenario | null>(null);
  evaluations = $state.raw<Evaluation[]>([]);
  result = $state.raw<OptimiseResult | null>(null);

  run(base: Scenario, spec: OptimiseSpec): Promise<void> {
    this.spec = spec;
    this.base = base;
    this.evaluations = [];
    this.result = null;
    return this.track(async (live) => {
      const evaluate = async (s: Scenario): Promise<Measured> => {
        if (!live()) throw new RunCancelled();
        return measure((await this.pool.run(s)).summary);
      };
      const evaluateMany = async (ss: Scenario[]): Promise<Measured[]> => {
        if (!live()) throw new RunCancelled();
        const out: Measured[] = new Array(ss.length);
        await this.pool.runMany(ss, (i, { summary }) => (out[i] = measure(summary)), undefined, { recordsOnly: true });
        return out;
      };
      const result = await optimise(base, spec, evaluate, (_, all) => {
        if (live()) this.evaluations = all.slice();
      }, evaluateMany);
      if (live()) this.result = result;
    });
  }
}
