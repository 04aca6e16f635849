// A sweep's result: per cell, its metrics with their uncertainty, computed from the per-path values
// the metrics read (bad debt, trader cost and the two drawdowns). Direct runs, merged shards and the
// page all compute a cell from those columns through summarize(), so a cell's numbers are the page's
// numbers for that cell, bit for bit, however the work was split. The document is plain JSON that
// the page opens as the same heatmap; reading one trusts nothing.
import * as A from '../../assembly/shared/abi';
import { Accumulator } from '../engine/accumulator';
import { chunkRange } from '../engine/plan';
import { summarize } from '../engine/summary';
import type { Interval } from '../engine/uncertainty';
import { encodeLink } from '../link';
import { openLink } from '../presets';
import type { Clamp } from '../resolve';
import { FIELD_KEYS, type FieldKey, type Scenario } from '../scenario';
import type { FieldError } from '../validate';
import { METRIC_KEYS, METRICS, type MetricKey } from './metrics';
import type { SweepCell } from './sweep-plan';
import { axisValues, decodeSweep, encodeSweep, type SweepSpec } from './sweep-spec';

export const SWEEP_FORMAT = 'cascade-lab-sweep';
export const SWEEP_VERSION = 1;

/** The per-path record fields a sweep keeps: all its metrics and their errors read only these. */
export const SWEEP_COLUMNS = [A.R_BAD_DEBT, A.R_TRADER_COST, A.R_DD_MARKET, A.R_DD_FUNDAMENTAL] as const;
const W = SWEEP_COLUMNS.length;

export interface CellUncertainty {
  pInsolvent: Interval;
  badDebtSe: number;
  var99: Interval;
  traderCostSe: number;
  amplificationSe: number | null;
}

export interface SweepCellResult {
  i: number;
  j: number;
  paths: number;
  values: Record<MetricKey, number>;
  uncertainty: CellUncertainty;
  /** Rules between levers that acted on this cell's run (no lever was changed). */
  clamps: Clamp[];
}

export interface SweepDocument {
  format: typeof SWEEP_FORMAT;
  version: number;
  /** Opens the sweep in the page: the base scenario, the designer view and the sweep. */
  link: string;
  scenario: Scenario;
  warnings: FieldError[];
  sweep: string;
  x: { field: FieldKey; values: number[] };
  y: { field: FieldKey; values: number[] } | null;
  /** Row-major: cell (i, j) is cells[j * x.values.length + i]. */
  cells: SweepCellResult[];
}

/** The kept columns of some chunks of a run, chunk after chunk, path after path. */
export function columnsOf(acc: Accumulator, chunks: readonly number[]): Float64Array {
  const rows = chunks.reduce((n, c) => n + chunkRange(acc.plan, acc.paths, c).count, 0);
  const out = new Float64Array(rows * W);
  let o = 0;
  for (const c of chunks) {
    const { first, count } = chunkRange(acc.plan, acc.paths, c);
    for (let p = first; p < first + count; p++) for (const f of SWEEP_COLUMNS) out[o++] = acc.records[p * A.R_COUNT + f];
  }
  return out;
}

/** Rows of the kept columns in chunk c of a cell. */
export function chunkRows(cell: SweepCell, c: number): number {
  return chunkRange(cell.plan, cell.run.paths, c).count;
}

/** A cell's result from the kept columns of all its paths (in path order). */
export function cellResult(cell: SweepCell, columns: Float64Array): SweepCellResult {
  const { plan, run } = cell;
  const acc = new Accumulator(plan, run.paths);
  const zeros = new Float64Array(A.Q_COUNT * acc.G);
  let o = 0;
  for (let c = 0; c < plan.chunks; c++) {
    const count = chunkRows(cell, c);
    const records = new Float64Array(count * A.R_COUNT);
    for (let p = 0; p < count; p++) for (const f of SWEEP_COLUMNS) records[p * A.R_COUNT + f] = columns[o++];
    acc.restore(c, zeros, records);
  }
  if (o !== columns.length) throw new Error(`cell ${cell.index}: ${columns.length / W} paths given for ${run.paths}`);
  const s = summarize(acc, run.S0, run.dt);
  const u = s.uncertainty;
  return {
    i: cell.i,
    j: cell.j,
    paths: s.paths,
    values: Object.fromEntries(METRIC_KEYS.map((k) => [k, METRICS[k].get(s)])) as Record<MetricKey, number>,
    uncertainty: { pInsolvent: u.pInsolvent, badDebtSe: u.badDebtMeanSe, var99: u.var99, traderCostSe: u.traderCostSe, amplificationSe: u.amplificationSe },
    clamps: cell.clamps,
  };
}

/** The link a sweep result opens in the page. */
export function sweepLink(base: Scenario, spec: SweepSpec): string {
  return encodeLink(base, { view: 'designer', sweep: encodeSweep(spec) });
}

export function sweepDocument(base: Scenario, warnings: FieldError[], spec: SweepSpec, cells: SweepCellResult[]): SweepDocument {
  return {
    format: SWEEP_FORMAT,
    version: SWEEP_VERSION,
    link: sweepLink(base, spec),
    scenario: base,
    warnings,
    sweep: encodeSweep(spec),
    x: { field: spec.x.field, values: axisValues(spec.x) },
    y: spec.y ? { field: spec.y.field, values: axisValues(spec.y) } : null,
    cells,
  };
}

/** Reads the scenario and sweep a link names (a preset it names is the base), or says why not. */
export function sweepOfLink(hash: string): { scenario: Scenario; spec?: SweepSpec; errors: FieldError[] } {
  const d = openLink(hash, ['preset', 'rules', 'view', 'sweep']);
  if (d.view.sweep === undefined) return { scenario: d.scenario, errors: [...d.errors, { field: 'sweep', message: 'the link names no sweep (add sweep=metric;field:from:to:points[;field:from:to:points])' }] };
  const sw = decodeSweep(d.view.sweep);
  return { scenario: d.scenario, spec: sw.spec, errors: [...d.errors, ...sw.errors] };
}

const MAX_DOCUMENT_CELLS = 400;

/**
 * Checks a sweep result file (from the CLI, a merge, or anyone) before the page shows it: its
 * format, that its link, scenario and sweep agree, and every cell's place, count and values.
 * Returns the document, or the first problem found, named by field.
 */
export function readSweepDocument(doc: unknown): { doc: SweepDocument; spec: SweepSpec } | { error: string } {
  const d = doc as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || Array.isArray(d) || d.format !== SWEEP_FORMAT) return { error: 'not a Cascade Lab sweep result (format cascade-lab-sweep)' };
  if (d.version !== SWEEP_VERSION) return { error: `version: ${String(d.version).slice(0, 20)} is not supported (expected ${SWEEP_VERSION})` };
  if (typeof d.link !== 'string') return { error: 'link: missing' };
  const opened = sweepOfLink(d.link);
  if (!opened.spec || opened.errors.length) return { error: `link: ${opened.errors[0]?.message ?? 'no sweep'}` };
  const spec = opened.spec;
  if (d.sweep !== encodeSweep(spec)) return { error: 'sweep: does not match the link' };
  if (JSON.stringify(d.scenario) !== JSON.stringify(opened.scenario) || !FIELD_KEYS.every((k) => Object.hasOwn(d.scenario as object, k))) {
    return { error: 'scenario: does not match the link (edited?)' };
  }
  const nx = spec.x.points, ny = spec.y ? spec.y.points : 1;
  const cells = d.cells;
  if (!Array.isArray(cells) || cells.length !== nx * ny || cells.length > MAX_DOCUMENT_CELLS) return { error: `cells: expected ${nx * ny} cells` };
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k] as Record<string, unknown>;
    const where = `cells[${k}]`;
    if (typeof c !== 'object' || c === null) return { error: `${where}: not a cell` };
    if (c.i !== k % nx || c.j !== Math.floor(k / nx)) return { error: `${where}: in the wrong place` };
    if (!Number.isInteger(c.paths) || (c.paths as number) < 1) return { error: `${where}.paths: not a count of paths` };
    const values = c.values as Record<string, unknown> | null;
    if (typeof values !== 'object' || values === null) return { error: `${where}.values: missing` };
    for (const m of METRIC_KEYS) if (typeof values[m] !== 'number' || !Number.isFinite(values[m])) return { error: `${where}.values.${m}: not a finite number` };
    if (!Array.isArray(c.clamps)) return { error: `${where}.clamps: expected a list` };
    const u = c.uncertainty as Record<string, unknown> | null;
    const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
    const interval = (x: unknown) => typeof x === 'object' && x !== null && finite((x as Interval).lo) && finite((x as Interval).hi);
    if (typeof u !== 'object' || u === null || !interval(u.pInsolvent) || !interval(u.var99) || !finite(u.badDebtSe) || !finite(u.traderCostSe) || !(u.amplificationSe === null || finite(u.amplificationSe))) {
      return { error: `${where}.uncertainty: expected the intervals and standard errors of the metrics` };
    }
  }
  return { doc: d as unknown as SweepDocument, spec };
}
