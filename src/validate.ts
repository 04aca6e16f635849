// Turns untrusted input (a link, a JSON file, saved state, a CLI argument) into a valid Scenario plus
// field-level messages. It never throws: a bad field falls back to its default (or is clamped to its
// bounds) and says why; the rest still applies. Rules between fields change no field: resolve.ts
// derives the scenario that runs from the one given, and reports what it had to use instead.
import { FIELD_KEYS, FIELDS, defaultScenario, field, type FieldKey, type Scenario } from './scenario';

export interface FieldError {
  /** The field concerned, or '' for the input as a whole. */
  field: string;
  message: string;
}

export interface Validated {
  scenario: Scenario;
  errors: FieldError[];
}

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
  errors.push(...unknownFields(Object.keys(raw).filter((key) => !Object.hasOwn(FIELDS, key) && !Object.hasOwn(RETIRED, key))));
  for (const key of FIELD_KEYS) {
    if (!Object.hasOwn(raw, key)) continue;
    const { value, error } = parseField(key, raw[key]);
    s[key] = value;
    if (error) errors.push({ field: key, message: error });
  }
  translateRetired(s as Scenario, raw, errors);
  return { scenario: s as Scenario, errors };
}

/** Messages about fields that are not levers: one each for a few, then one line for the rest. */
export function unknownFields(keys: string[], shown = 5): FieldError[] {
  const errors: FieldError[] = keys.slice(0, shown).map((key) => ({ field: key.slice(0, 40), message: 'unknown field; ignored' }));
  if (keys.length > shown) errors.push({ field: '', message: `${keys.length - shown} more unknown fields; ignored` });
  return errors;
}

/** Parses a decimal number strictly: no hex, no blanks, no Infinity, nothing after it. */
export function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.length > 40) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
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

/**
 * Levers that were replaced, read from old links and files: each is translated into the levers
 * that replaced it, with a notice, so an old link runs the auction it described. Levers given
 * explicitly win over a translation.
 */
export const RETIRED = {
  auctionSteps: 'stairstep auctions are now set by their stair length and cut, as in Maker',
} as const;

export function translateRetired(s: Scenario, raw: Record<string, unknown>, errors: FieldError[]): void {
  if (!Object.hasOwn(raw, 'auctionSteps')) return;
  const K = toNumber(raw.auctionSteps);
  if (s.auctionDecay !== 'stairstep' || K === undefined || !(K >= 1) || s.auctionEnd >= s.auctionStart) {
    errors.push({ field: 'auctionSteps', message: `retired (${RETIRED.auctionSteps}); ignored` });
    return;
  }
  // K stairs over the tail, ending at auctionEnd: a stair of tail / K seconds, each a cut of (end/start)^(1/K).
  const step = Math.min(Math.max(s.auctionDuration / Math.round(K), FIELDS.auctionStepTime.min), FIELDS.auctionStepTime.max);
  const cut = Math.min(Math.max(Math.pow(s.auctionEnd / s.auctionStart, 1 / Math.round(K)), FIELDS.auctionCut.min), FIELDS.auctionCut.max);
  const set: string[] = [];
  if (!Object.hasOwn(raw, 'auctionStepTime')) {
    s.auctionStepTime = step;
    set.push(`auctionStepTime=${format(step)} s`);
  }
  if (!Object.hasOwn(raw, 'auctionCut')) {
    s.auctionCut = cut;
    set.push(`auctionCut=${format(cut)}`);
  }
  errors.push({ field: 'auctionSteps', message: `retired (${RETIRED.auctionSteps}): ${Math.round(K)} stairs read as ${set.join(' and ') || 'the levers the link also gives'}` });
}
