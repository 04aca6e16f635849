// Runs a sweep cell by cell on the worker pool. Every cell uses the scenario's seed, so all cells
// see the same random paths (common random numbers): neighbouring cells differ only by the levers.
// The whole map comes first from the first COARSE_PATHS paths of every cell (the same paths the
// full run starts with), then each cell is refined with all its paths.
import { METRIC_KEYS, METRICS, type MetricKey } from '../../designer/metrics';
import { axisValues, cellScenario, type SweepSpec } from '../../designer/sweep-spec';
import type { CellUncertainty, SweepDocument } from '../../designer/sweep-result';
import type { Scenario } from '../../scenario';
import { Job } from '../job.svelte';

export type CellValues = Record<MetricKey, number>;

/** Paths per cell of the first, coarse pass over the whole map. */
export const COARSE_PATHS = 128;

export class SweepRun extends Job {
  readonly what = 'the sweep';
  spec = $state.raw<SweepSpec | null>(null);
  base = $state.raw<Scenario | null>(null);
  /** cells[j][i]: the metrics of x value i and y value j (null until computed). */
  cells = $state.raw<(CellValues | null)[][]>([]);
  done = $state(0);
  total = $state(0);
  /** Paths behind each cell's values (fewer than the scenario's while the map is coarse). */
  cellPaths = $state.raw<number[][]>([]);
  /** Cells with values from the coarse pass, and cells refined with all their paths. */
  coarseDone = $state(0);
  /** Milliseconds to the whole coarse map. */
  coarseMs = $state<number | null>(null);
  /** How sure each cell's numbers are (null until computed). */
  uncertainty = $state.raw<(CellUncertainty | null)[][]>([]);
  /** The result file the map was opened from, when it was not computed here. */
  source = $state<string | null>(null);

  run(base: Scenario, spec: SweepSpec): Promise<void> {
    const nx = spec.x.points, ny = spec.y ? spec.y.points : 1;
    this.spec = spec;
    this.base = base;
    this.cells = Array.from({ length: ny }, () => new Array<CellValues | null>(nx).fill(null));
    this.cellPaths = Array.from({ length: ny }, () => new Array<number>(nx).fill(0));
    this.done = 0;
    this.coarseDone = 0;
    this.coarseMs = null;
    this.source = null;
    this.uncertainty = Array.from({ length: ny }, () => new Array<CellUncertainty | null>(nx).fill(null));
    this.total = nx * ny;
    const t0 = performance.now();
    const passes = base.paths > COARSE_PATHS ? [COARSE_PATHS, base.paths] : [base.paths];
    return this.track(async (live) => {
      for (const paths of passes) {
        // A pass is one job on the pool: the workers go from cell to cell without waiting for the map.
        const cells = Array.from({ length: nx * ny }, (_, k) => ({ ...cellScenario(base, spec, k % nx, Math.floor(k / nx)).scenario, paths }));
        await this.pool.runMany(cells, (k, { summary }) => {
          if (!live()) return;
          const i = k % nx, j = Math.floor(k / nx);
          const values = Object.fromEntries(METRIC_KEYS.map((key) => [key, METRICS[key].get(summary)])) as CellValues;
          const rows = this.cells.map((r) => r.slice());
          rows[j][i] = values;
          this.cells = rows;
          const counts = this.cellPaths.map((r) => r.slice());
          counts[j][i] = summary.paths;
          this.cellPaths = counts;
          const u = summary.uncertainty, errs = this.uncertainty.map((r) => r.slice());
          errs[j][i] = { pInsolvent: u.pInsolvent, badDebtSe: u.badDebtMeanSe, var99: u.var99, traderCostSe: u.traderCostSe, amplificationSe: u.amplificationSe };
          this.uncertainty = errs;
          if (paths === base.paths) this.done++;
          else if (++this.coarseDone === this.total) this.coarseMs = performance.now() - t0;
        }, undefined, { recordsOnly: true }); // a cell's metrics read only its paths' records
        if (!live()) return;
      }
    });
  }

  /**
   * Shows a sweep computed elsewhere (a result file from the CLI or a merge of shards), checked by
   * readSweepDocument: nothing is run.
   */
  show(doc: SweepDocument, spec: SweepSpec, file: string): void {
    this.cancel();
    const nx = spec.x.points, ny = spec.y ? spec.y.points : 1;
    const grid = <T>(f: (k: number) => T) => Array.from({ length: ny }, (_, j) => Array.from({ length: nx }, (_, i) => f(j * nx + i)));
    this.spec = spec;
    this.base = doc.scenario;
    this.cells = grid((k) => doc.cells[k].values);
    this.cellPaths = grid((k) => doc.cells[k].paths);
    this.uncertainty = grid((k) => doc.cells[k].uncertainty ?? null);
    this.total = this.done = this.coarseDone = nx * ny;
    this.coarseMs = null;
    this.source = file;
    this.status = 'done';
    this.elapsedMs = null;
  }

  xs(): number[] {
    return this.spec ? axisValues(this.spec.x) : [];
  }

  ys(): number[] {
    return this.spec?.y ? axisValues(this.spec.y) : [];
  }
}
