// Runs a sweep cell by cell on the worker pool. Every cell uses the scenario's seed, so all cells
// see the same random paths (common random numbers): neighbouring cells differ only by the levers.
import { METRIC_KEYS, METRICS, type MetricKey } from '../../designer/metrics';
import { axisValues, cellScenario, type SweepSpec } from '../../designer/sweep-spec';
import type { Scenario } from '../../scenario';
import { Job } from '../job.svelte';

export type CellValues = Record<MetricKey, number>;

export class SweepRun extends Job {
  spec = $state.raw<SweepSpec | null>(null);
  base = $state.raw<Scenario | null>(null);
  /** cells[j][i]: the metrics of x value i and y value j (null until computed). */
  cells = $state.raw<(CellValues | null)[][]>([]);
  done = $state(0);
  total = $state(0);

  run(base: Scenario, spec: SweepSpec): Promise<void> {
    const nx = spec.x.points, ny = spec.y ? spec.y.points : 1;
    this.spec = spec;
    this.base = base;
    this.cells = Array.from({ length: ny }, () => new Array<CellValues | null>(nx).fill(null));
    this.done = 0;
    this.total = nx * ny;
    return this.track(async (live) => {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const { scenario } = cellScenario(base, spec, i, j);
          const { summary } = await this.pool.run(scenario);
          if (!live()) return;
          const values = Object.fromEntries(METRIC_KEYS.map((k) => [k, METRICS[k].get(summary)])) as CellValues;
          const rows = this.cells.map((r) => r.slice());
          rows[j][i] = values;
          this.cells = rows;
          this.done++;
        }
      }
    });
  }

  xs(): number[] {
    return this.spec ? axisValues(this.spec.x) : [];
  }

  ys(): number[] {
    return this.spec?.y ? axisValues(this.spec.y) : [];
  }
}
