// A sweep: one or two levers over ranges, and the metric to map. It lives in the link as
// `sweep=pInsolvent;mmr:0.01:0.1:10;penalty:0:0.05:10` (metric; field:from:to:points per axis).
// Reading it is as strict and as forgiving as reading the rest of a link.
import { FIELD_KEYS, field, type FieldKey, type NumberField, type Scenario } from '../scenario';
import { validateScenario, type FieldError } from '../validate';
import { isMetric, type MetricKey } from './metrics';

export interface SweepAxis {
  field: FieldKey;
  from: number;
  to: number;
  points: number;
}

export interface SweepSpec {
  metric: MetricKey;
  x: SweepAxis;
  y?: SweepAxis;
}

export const MAX_POINTS = 20;
export const MAX_CELLS = 400;

/** Levers a sweep may move: every number of the Scenario but the seed. */
export function sweepable(): FieldKey[] {
  return FIELD_KEYS.filter((k) => {
    const f = field(k);
    return (f.kind === 'number' || f.kind === 'int') && k !== 'seed';
  });
}

/** The values of an axis: evenly spaced, or evenly in log space for levers that span decades. */
export function axisValues(a: SweepAxis): number[] {
  const f = field(a.field) as NumberField;
  const n = a.points;
  const geometric = f.log && a.from > 0 && a.to > 0;
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    let v = geometric ? a.from * Math.pow(a.to / a.from, t) : a.from + t * (a.to - a.from);
    v = +v.toPrecision(6);
    return f.kind === 'int' ? Math.round(v) : v;
  });
}

/** The scenario of one cell: the base with the axes' values, validated (no lever is changed: resolve.ts reports the rules that act on its run). */
export function cellScenario(base: Scenario, spec: SweepSpec, i: number, j = 0): { scenario: Scenario; errors: FieldError[] } {
  const changes: Record<string, number> = { [spec.x.field]: axisValues(spec.x)[i] };
  if (spec.y) changes[spec.y.field] = axisValues(spec.y)[j];
  return validateScenario({ ...base, ...changes });
}

export function encodeSweep(s: SweepSpec): string {
  const axis = (a: SweepAxis) => `${a.field}:${a.from}:${a.to}:${a.points}`;
  return [s.metric, axis(s.x), ...(s.y ? [axis(s.y)] : [])].join(';');
}

/** Reads a sweep from link text; never throws. */
export function decodeSweep(text: string): { spec?: SweepSpec; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (message: string) => ({ errors: [...errors, { field: 'sweep', message }] });
  const parts = text.split(';');
  if (parts.length < 2 || parts.length > 3) return fail('expected metric;field:from:to:points[;field:from:to:points]');
  const [metric, ...axes] = parts;
  if (!isMetric(metric)) return fail(`unknown metric "${metric.slice(0, 30)}"`);
  const parsed: SweepAxis[] = [];
  for (const a of axes) {
    const [name, from, to, points] = a.split(':');
    if (!(sweepable() as string[]).includes(name)) return fail(`"${(name ?? '').slice(0, 30)}" is not a lever a sweep can move`);
    const f = field(name as FieldKey) as NumberField;
    const num = (x: string | undefined) => (x !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(x) ? Number(x) : NaN);
    let lo = num(from), hi = num(to), n = num(points);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isInteger(n)) return fail(`the range of ${name} is not numbers`);
    const clamp = (v: number) => Math.min(f.max, Math.max(f.min, v));
    if (clamp(lo) !== lo || clamp(hi) !== hi) errors.push({ field: 'sweep', message: `the range of ${name} was clamped to its bounds` });
    lo = clamp(lo);
    hi = clamp(hi);
    if (n < 2 || n > MAX_POINTS) {
      errors.push({ field: 'sweep', message: `${name} takes 2 to ${MAX_POINTS} points; using ${Math.min(MAX_POINTS, Math.max(2, n))}` });
      n = Math.min(MAX_POINTS, Math.max(2, n));
    }
    parsed.push({ field: name as FieldKey, from: lo, to: hi, points: n });
  }
  if (parsed[1] && parsed[1].field === parsed[0].field) return fail('the two axes must be different levers');
  if (parsed[1] && parsed[0].points * parsed[1].points > MAX_CELLS) return fail(`at most ${MAX_CELLS} cells`);
  return { spec: { metric, x: parsed[0], y: parsed[1] }, errors };
}
