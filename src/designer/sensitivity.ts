// Which lever matters most: each lever is moved one step down and one step up from the current
// scenario (10% of its value, within its bounds), and the change in each metric is measured on
// common random numbers (the same seed, so the same paths), with the standard error of the paired
// per-path differences. The ratio is the local derivative, d metric / d lever: the protocol's Greeks.
import * as A from '../../assembly/shared/abi';
import type { Summary } from '../engine/summary';
import { FIELD_KEYS, field, isActive, type FieldKey, type NumberField, type Scenario } from '../scenario';
import { validateScenario } from '../validate';
import { pairedDifference, pairedShareChange } from '../engine/uncertainty';
import { resolve, type Clamp } from '../resolve';
import { METRICS, type MetricKey } from './metrics';

/** The metrics a sensitivity reports (amplification has no per-path value to pair). */
export const SENSITIVITY_METRICS = ['pInsolvent', 'badDebt', 'var99', 'traderCost'] as const satisfies readonly MetricKey[];
export type SensitivityMetric = (typeof SENSITIVITY_METRICS)[number];

/** The levers a sensitivity moves by default: the ones the sandbox is about. */
export const DEFAULT_LEVERS: FieldKey[] = [
  'mmr', 'imr', 'penalty', 'liquidatorShare', 'oracleLatency', 'oracleDeviation', 'insuranceFund', 'depth1pct',
  'permanentImpact', 'sigma', 'leverageMean', 'liquidatorCapacity', 'gasCost', 'closeFactor', 'maxLiquidationPerStep', 'auctionDuration', 'ammLiquidity',
];

/** Relative size of a step. */
export const STEP = 0.1;

/** The levers of a scenario a sensitivity moves: numbers in play under its mechanism. */
export function sensitivityLevers(s: Scenario, keys: readonly FieldKey[] = DEFAULT_LEVERS): FieldKey[] {
  return keys.filter((k) => FIELD_KEYS.includes(k) && (field(k).kind === 'number' || field(k).kind === 'int') && isActive(s, k));
}

/** One step down and up: 10% of the value (of the realistic range at 0), within the bounds. */
export function bump(s: Scenario, key: FieldKey): { down: number; up: number } {
  const f = field(key) as NumberField;
  const v = s[key] as number;
  const span = f.typical ? f.typical[1] - f.typical[0] : f.max - f.min;
  const h = v !== 0 ? STEP * Math.abs(v) : STEP * 0.1 * span;
  const round = (x: number) => (f.kind === 'int' ? Math.round(x) : +x.toPrecision(10));
  const down = round(Math.max(f.min, v - h)), up = round(Math.min(f.max, v + h));
  return { down, up };
}

export interface Change {
  /** Metric at the step down and up, their difference (up - down), its standard error. */
  down: number;
  up: number;
  delta: number;
  se: number;
  /** delta / (lever up - lever down), with its standard error. */
  greek: number;
  greekSe: number;
}

export interface SensitivityRow {
  field: FieldKey;
  down: number;
  up: number;
  changes: Record<SensitivityMetric, Change>;
  /** What the step down's and up's runs used instead of a lever, because of this one (resolve.ts): the effect is then not this lever's alone. */
  clamps: Clamp[];
}

/** A run's outcome as the sensitivity needs it: its summary and its per-path records (paths x R_COUNT). */
export type RunRecords = (s: Scenario) => Promise<{ summary: Summary; records: Float64Array }>;

const column = (records: Float64Array, f: number) => {
  const n = records.length / A.R_COUNT;
  return Array.from({ length: n }, (_, p) => records[p * A.R_COUNT + f]);
};

function change(m: SensitivityMetric, lo: { summary: Summary; records: Float64Array }, hi: { summary: Summary; records: Float64Array }, width: number): Change {
  const down = METRICS[m].get(lo.summary), up = METRICS[m].get(hi.summary);
  let se: number;
  if (m === 'var99') {
    // No per-path value: the two runs' interval half-widths, as if independent (conservative:
    // common random numbers make the runs positively correlated).
    se = Math.hypot(METRICS.var99.se(lo.summary), METRICS.var99.se(hi.summary)); // each its interval's half-width over z
  } else if (m === 'pInsolvent') {
    // The paths that became insolvent less those that ceased to be (Agresti and Min: not 0 when none did).
    se = pairedShareChange(column(lo.records, A.R_BAD_DEBT), column(hi.records, A.R_BAD_DEBT))?.se ?? 0;
  } else {
    const f = m === 'traderCost' ? A.R_TRADER_COST : A.R_BAD_DEBT;
    se = pairedDifference(column(lo.records, f), column(hi.records, f))?.se ?? 0;
  }
  const delta = up - down;
  return { down, up, delta, se, greek: width > 0 ? delta / width : 0, greekSe: width > 0 ? se / width : 0 };
}

/**
 * Runs the scenario with each lever one step down and up (2 runs a lever, on the scenario's seed)
 * and reports every metric's change. `onRow` sees each lever as it completes.
 */
export async function sensitivity(base: Scenario, run: RunRecords, levers: readonly FieldKey[], onRow?: (r: SensitivityRow, done: number) => void): Promise<SensitivityRow[]> {
  const rows: SensitivityRow[] = [];
  for (const key of levers) {
    const { down, up } = bump(base, key);
    const [sLo, sHi] = [validateScenario({ ...base, [key]: down }).scenario, validateScenario({ ...base, [key]: up }).scenario];
    const lo = await run(sLo);
    const hi = await run(sHi);
    const changes = Object.fromEntries(SENSITIVITY_METRICS.map((m) => [m, change(m, lo, hi, up - down)])) as Record<SensitivityMetric, Change>;
    // A rule the base did not trip but a step did (the base's own are shown with its result).
    const before = new Set(resolve(base).clamps.map((c) => c.field));
    const clamps = [...resolve(sLo).clamps, ...resolve(sHi).clamps].filter((c, i, all) => !before.has(c.field) && all.findIndex((d) => d.field === c.field) === i);
    const row = { field: key, down, up, changes, clamps };
    rows.push(row);
    onRow?.(row, rows.length);
  }
  return rows;
}

/** Rows sorted by how much the metric moves, the largest first (the tornado's order). */
export function tornado(rows: readonly SensitivityRow[], m: SensitivityMetric): SensitivityRow[] {
  return [...rows].sort((a, b) => Math.abs(b.changes[m].delta) - Math.abs(a.changes[m].delta) || a.field.localeCompare(b.field));
}
