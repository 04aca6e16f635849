// The link is the scenario: `#v=2&mmr=0.05&penalty=0.01`. Only fields that differ from their
// defaults are written, in the order of the Scenario table, each as `name=value` in base units, so a
// link stays short and readable. Reading a link is driven by the same table and never throws: an
// invalid field is reported and falls back (see validate.ts), the rest of the link still applies.
// Version 2 (2026-12-07) changed the default random draws (normalBits: docs/model.md §10): a link of
// version 1 is read with the draws it was made with, so it still gives exactly its numbers.
import { FIELD_KEYS, FIELDS, defaultScenario, type FieldKey, type Scenario } from './scenario';
import { RETIRED, parseField, translateRetired, unknownFields, type FieldError } from './validate';

export const LINK_VERSION = 2;
/** Longer hashes are cut: no legitimate link comes near this. */
export const MAX_LINK_LENGTH = 4000;
const MAX_PARTS = 200;

export interface DecodedLink {
  scenario: Scenario;
  errors: FieldError[];
  /** Values of the app's own keys (replay position, sweep, ...), as raw text, for the app to check. */
  view: Record<string, string>;
}

/**
 * Writes a scenario (and optional view keys) as a hash starting with '#'. Fields equal to the base
 * (the defaults, or a preset's scenario when the view names one) are left out.
 */
export function encodeLink(s: Scenario, view: Record<string, string> = {}, base: Scenario = defaultScenario()): string {
  const parts = [`v=${LINK_VERSION}`];
  for (const key of FIELD_KEYS) {
    const v = s[key];
    if (v === base[key]) continue;
    parts.push(`${key}=${encodeURIComponent(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}`);
  }
  for (const [k, v] of Object.entries(view)) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return '#' + parts.join('&');
}

/**
 * Reads a hash (with or without '#'); `viewKeys` are the app's own keys, passed through as text.
 * Fields not in the link keep their value in `base` (the defaults, or the preset the link names).
 */
export function decodeLink(hash: string, viewKeys: readonly string[] = [], base: Scenario = defaultScenario()): DecodedLink {
  const errors: FieldError[] = [];
  const view: Record<string, string> = {};
  const s = { ...base } as Record<FieldKey, unknown>;
  let text = typeof hash === 'string' ? hash : '';
  if (text.startsWith('#')) text = text.slice(1);
  if (text.length > MAX_LINK_LENGTH) {
    errors.push({ field: '', message: `the link is too long; read only its first ${MAX_LINK_LENGTH} characters` });
    text = text.slice(0, MAX_LINK_LENGTH);
  }
  const seen = new Set<string>();
  const unknown: string[] = [];
  const retired: Record<string, string> = {};
  let version = LINK_VERSION;
  const parts = text.split('&');
  if (parts.length > MAX_PARTS) errors.push({ field: '', message: `the link has too many parts; read only the first ${MAX_PARTS}` });
  for (const part of parts.slice(0, MAX_PARTS)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined) {
      errors.push({ field: '', message: 'a part of the link is not valid URL encoding; ignored' });
      continue;
    }
    if (seen.has(key)) errors.push({ field: key, message: 'given twice; using the last value' });
    seen.add(key);
    if (key === 'v') {
      version = checkVersion(value, errors);
    } else if (Object.hasOwn(FIELDS, key)) {
      const r = parseField(key as FieldKey, value);
      s[key as FieldKey] = r.value;
      if (r.error) errors.push({ field: key, message: r.error });
    } else if (viewKeys.includes(key)) {
      view[key] = value;
    } else if (Object.hasOwn(RETIRED, key)) {
      retired[key] = value;
    } else {
      unknown.push(key);
    }
  }
  errors.push(...unknownFields(unknown));
  // Links made before version 2 drew 64 bits per normal; they say so by their version alone.
  if (version === 1 && !seen.has('normalBits')) s.normalBits = '64';
  // A lever the link also gives wins over a retired one's translation, wherever it stood.
  if (Object.keys(retired).length) translateRetired(s as Scenario, { ...Object.fromEntries([...seen].map((k) => [k, ''])), ...retired }, errors);
  return { scenario: s as Scenario, errors, view };
}

/** The link's version: 1 or LINK_VERSION (anything else is reported, and read as LINK_VERSION). */
function checkVersion(value: string, errors: FieldError[]): number {
  const v = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (v === LINK_VERSION || v === 1) return v;
  if (v > LINK_VERSION) {
    errors.push({ field: 'v', message: `made by a newer version of Cascade Lab (v=${v}); read as version ${LINK_VERSION}, some fields may be ignored` });
  } else {
    errors.push({ field: 'v', message: `unknown link version; read as version ${LINK_VERSION}` });
  }
  return LINK_VERSION;
}

function safeDecode(x: string): string | undefined {
  try {
    return decodeURIComponent(x);
  } catch {
    return undefined;
  }
}
