// Turns untrusted input (a link, a JSON file, saved state, a CLI argument) into a valid Scenario plus
// field-level messages. It never throws: a bad field falls back to its default (or is clamped to its
// bounds, or repaired against the fields it depends on) and says why; the rest still applies.
import { FIELD_KEYS, FIELDS, defaultScenario, field, stepsOf, type FieldKey, type Scenario } from './scenario';

export interface FieldError {
  /** The field concerned, or '' for the input as a whole. */
  field: string;
  message: string;
}

export interface Validated {
  scenario: Scenario;
  errors: FieldError[];
}

/** Most time steps per path: bounds the replay trace (steps x 14 floats) and a path's run time. */
export const MAX_STEPS = 100_000;
/** Most path-steps per run: about ten seconds of work on two cores, so no link can hang a tab. */
export const MAX_WORK = 1e9;

/** Validates one raw field value (a number, boolean or string from JSON, or text from a link). */
export function parseField(key: FieldKey, raw: unknown): { value: Scenario[FieldKey]; error?: string } {
  const f = field(key);
  if (f.kind === 'bool') {
    if (typeof raw === 'boolean') return { value: raw };
    if (typeof raw === 'string') {
      const t = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(t)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(t)) return { value: false };
    }
    return { value: f.default, error: `expected on or off; using ${f.default ? 'on' : 'off'}` };
  }
  if (f.kind === 'choice') {
    if (typeof raw === 'string' && f.options.includes(raw)) return { value: raw as Scenario[FieldKey] };
    return { value: f.default as Scenario[FieldKey], error: `expected one of ${f.options.join(', ')}; using ${f.default}` };
  }
  const n = toNumber(raw);
  const show = (x: number) => withUnit(f.unit, x);
  if (n === undefined) return { value: f.default, error: `not a number; using the default ${show(f.default)}` };
  let v = n === 0 ? 0 : n; // no negative zero: it would not survive a round trip through text
  let error: string | undefined;
  if (f.kind === 'int' && !Number.isInteger(v)) {
    v = Math.round(v);
    error = `must be a whole number; using ${show(v)}`;
  }
  if (v < f.min || v > f.max) {
    v = Math.min(Math.max(v, f.min), f.max);
    error = `must be between ${show(f.min)} and ${show(f.max)}; using ${show(v)}`;
  }
  return { value: v, error };
}

/** Validates a whole scenario given as an object of raw values (missing fields take defaults). */
export function validateScenario(input: unknown): Validated {
  const errors: FieldError[] = [];
  const s = defaultScenario() as Record<FieldKey, unknown>;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { scenario: s as Scenario, errors: [{ field: '', message: 'expected an object of scenario fields; using the defaults' }] };
  }
  const raw = input as Record<string, unknown>;
  errors.push(...unknownFields(Object.keys(raw).filter((key) => !Object.hasOwn(FIELDS, key))));
  for (const key of FIELD_KEYS) {
    if (!Object.hasOwn(raw, key)) continue;
    const { value, error } = parseField(key, raw[key]);
    s[key] = value;
    if (error) errors.push({ field: key, message: error });
  }
  repairDependencies(s as Scenario, errors);
  return { scenario: s as Scenario, errors };
}

/** Messages about fields that are not levers: one each for a few, then one line for the rest. */
export function unknownFields(keys: string[], shown = 5): FieldError[] {
  const errors: FieldError[] = keys.slice(0, shown).map((key) => ({ field: key.slice(0, 40), message: 'unknown field; ignored' }));
  if (keys.length > shown) errors.push({ field: '', message: `${keys.length - shown} more unknown fields; ignored` });
  return errors;
}

/**
 * Rules that involve more than one field. Each repair changes the named field to the nearest value
 * that works with the others, so that the message can say exactly what is being used.
 */
export function repairDependencies(s: Scenario, errors: FieldError[]): void {
  if (s.imr <= s.mmr) {
    const v = Math.min(1, round(s.mmr * 1.5));
    errors.push({ field: 'imr', message: `initial margin must exceed the maintenance margin (${withUnit('%', s.mmr)}); using ${withUnit('%', v)}` });
    s.imr = v;
  }
  if (s.dt > s.horizon) {
    errors.push({ field: 'dt', message: `the time step cannot exceed the horizon; using ${format(s.horizon)} s` });
    s.dt = s.horizon;
  }
  if (stepsOf(s) > MAX_STEPS) {
    const v = round(s.horizon / MAX_STEPS, true);
    errors.push({ field: 'dt', message: `at most ${format(MAX_STEPS)} steps per path; using a step of ${format(v)} s` });
    s.dt = v;
  }
  const maxPaths = Math.floor(MAX_WORK / stepsOf(s));
  if (s.paths > maxPaths) {
    errors.push({ field: 'paths', message: `paths × steps may not exceed ${format(MAX_WORK)}; using ${format(maxPaths)} paths` });
    s.paths = maxPaths;
  }
  if (s.auctionEnd >= s.auctionStart) {
    const v = round(s.auctionStart * 0.8);
    errors.push({ field: 'auctionEnd', message: `the auction must end below its start (${format(s.auctionStart)} × oracle); using ${format(Math.max(FIELDS.auctionEnd.min, v))} × oracle` });
    s.auctionEnd = Math.max(FIELDS.auctionEnd.min, v);
  }
}

/** Parses a decimal number strictly: no hex, no blanks, no Infinity, nothing after it. */
export function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.length > 40) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Rounds to 4 significant digits (up when asked), so repaired values read well in messages. */
function round(x: number, up = false): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 3);
  return +((up ? Math.ceil(x / p) : Math.round(x / p)) * p).toPrecision(12);
}

/** A value as people read it: fractions with unit '%' in percent, others with their unit. */
export function withUnit(unit: string, x: number): string {
  if (unit === '%') {
    const [m, e = '0'] = String(x).split(/[eE]/);
    return `${format(Number(`${m}e${Number(e) + 2}`))}%`;
  }
  return unit && unit !== 'log' && unit !== '×' ? `${format(x)} ${unit}` : unit === '×' ? `${format(x)}×` : format(x);
}

export function format(x: number): string {
  return Number.isInteger(x) || Math.abs(x) >= 1e21 ? String(x) : String(+x.toPrecision(6));
}
