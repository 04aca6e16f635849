// Runs the optimiser on the worker pool: every evaluation is a full run of the scenario's paths on
// its seed (common random numbers), so the search sees a deterministic surface.
import { METRIC_KEYS, METRICS } from '../../designer/metrics';
import { optimise, type Evaluation, type MetricValues, type OptimiseResult, type OptimiseSpec } from '../../designer/optimiser';
import { RunCancelled } from '../../engine/pool';
import type { Scenario } from '../../scenario';
import type { Runner } from '../runner.svelte';

export class OptimiseRun {
  spec = $state.raw<OptimiseSpec | null>(null);
  base = $state.raw<Scenario | null>(null);
  evaluations = $state.raw<Evaluation[]>([]);
  result = $state.raw<OptimiseResult | null>(null);
  status = $state<'idle' | 'running' | 'done' | 'cancelled' | 'failed'>('idle');
  error = $state<string | null>(null);
  elapsedMs = $state<number | null>(null);
  private runId = 0;

  constructor(private readonly runner: Runner) {}

  async run(base: Scenario, spec: OptimiseSpec): Promise<void> {
    const id = ++this.runId;
    this.spec = spec;
    this.base = base;
    this.evaluations = [];
    this.result = null;
    this.status = 'running';
    this.error = null;
    this.elapsedMs = null;
    const t0 = performance.now();
    const evaluate = async (s: Scenario): Promise<MetricValues> => {
      if (id !== this.runId) throw new RunCancelled();
      const { summary } = await this.runner.pool.run(s);
      return Object.fromEntries(METRIC_KEYS.map((k) => [k, METRICS[k].get(summary)])) as MetricValues;
    };
    try {
      const result = await optimise(base, spec, evaluate, (_, all) => {
        if (id === this.runId) this.evaluations = all.slice();
      });
      if (id !== this.runId) return;
      this.result = result;
      this.status = 'done';
      this.elapsedMs = performance.now() - t0;
    } catch (e) {
      if (id !== this.runId) return;
      this.status = e instanceof RunCancelled ? 'cancelled' : 'failed';
      if (!(e instanceof RunCancelled)) this.error = e instanceof Error ? e.message : String(e);
    }
  }

  cancel(): void {
    this.runId++;
    this.runner.pool.cancel();
    if (this.status === 'running') this.status = 'cancelled';
  }
}
