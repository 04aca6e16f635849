// Runs a sweep cell by cell on the worker pool. Every cell uses the scenario's seed, so all cells
// see the same random paths (common random numbers): neighbouring cells differ only by the levers.
import { METRIC_KEYS, METRICS, type MetricKey } from '../../designer/metrics';
import { axisValues, cellScenario, type SweepSpec } from '../../designer/sweep-spec';
import { RunCancelled } from '../../engine/pool';
import type { Scenario } from '../../scenario';
import type { Runner } from '../runner.svelte';

export type CellValues = Record<MetricKey, number>;

export class SweepRun {
  spec = $state.raw<SweepSpec | null>(null);
  base = $state.raw<Scenario | null>(null);
  /** cells[j][i]: the metrics of x value i and y value j (null until computed). */
  cells = $state.raw<(CellValues | null)[][]>([]);
  done = $state(0);
  total = $state(0);
  status = $state<'idle' | 'running' | 'done' | 'cancelled' | 'failed'>('idle');
  error = $state<string | null>(null);
  elapsedMs = $state<number | null>(null);
  private runId = 0;

  constructor(private readonly runner: Runner) {}

  async run(base: Scenario, spec: SweepSpec): Promise<void> {
    const id = ++this.runId;
    const nx = spec.x.points, ny = spec.y ? spec.y.points : 1;
    this.spec = spec;
    this.base = base;
    this.cells = Array.from({ length: ny }, () => new Array<CellValues | null>(nx).fill(null));
    this.done = 0;
    this.total = nx * ny;
    this.status = 'running';
    this.error = null;
    this.elapsedMs = null;
    const t0 = performance.now();
    try {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const { scenario } = cellScenario(base, spec, i, j);
          const { summary } = await this.runner.pool.run(scenario);
          if (id !== this.runId) return;
          const values = Object.fromEntries(METRIC_KEYS.map((k) => [k, METRICS[k].get(summary)])) as CellValues;
          const rows = this.cells.map((r) => r.slice());
          rows[j][i] = values;
          this.cells = rows;
          this.done++;
        }
      }
      this.status = 'done';
      this.elapsedMs = performance.now() - t0;
    } catch (e) {
      if (id !== this.runId) return;
      this.status = e instanceof RunCancelled ? 'cancelled' : 'failed';
      if (!(e instanceof RunCancelled)) this.error = e instanceof Error ? e.message : String(e);
    }
  }

  cancel(): void {
    this.runner.pool.cancel();
  }

  xs(): number[] {
    return this.spec ? axisValues(this.spec.x) : [];
  }

  ys(): number[] {
    return this.spec?.y ? axisValues(this.spec.y) : [];
  }
}
