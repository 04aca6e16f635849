// Saved scenarios as a JSON file, and the check every saved record passes on the way in. A saved
// scenario is kept as its link text, so a file, a stored record and a link are all read by the one
// link decoder: same bounds, same messages.
import { decodeLink, encodeLink } from '../link';
import type { Scenario } from '../scenario';

export const FILE_FORMAT = 'cascade-lab.scenarios';
/** Version 2 (2026-12-07): fields as in links v=2; a file of version 1 is read as links v=1 (../link.ts). */
export const FILE_VERSION = 2;
export const MAX_FILE_BYTES = 1_000_000;
export const MAX_SCENARIOS = 500;
export const MAX_NAME = 120;

/** A scenario as the user saved it: a name and the link that restores it. */
export interface SavedScenario {
  name: string;
  /** The link hash (`#v=2&mmr=...`): only fields that differ from the defaults. */
  link: string;
  savedAt: string;
}

export interface ScenarioFile {
  format: typeof FILE_FORMAT;
  version: typeof FILE_VERSION | 1;
  scenarios: { name: string; savedAt: string; fields: Record<string, string> }[];
}

/** The imported files a saved scenario names (by fingerprint): the data stays in this browser. */
export const IMPORT_KEYS = ['series', 'book'] as const;
export type ImportKeys = Partial<Record<(typeof IMPORT_KEYS)[number], string>>;

export function savedScenario(name: string, s: Scenario, savedAt = new Date().toISOString(), imports: ImportKeys = {}): SavedScenario {
  return { name: cleanName(name), link: encodeLink(s, pickImports(imports)), savedAt };
}

function pickImports(v: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(IMPORT_KEYS.flatMap((k) => (v[k] === undefined ? [] : [[k, v[k]!]])));
}

/** Names are one line of plain text, shown only as text. */
export function cleanName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_NAME) || 'Untitled scenario';
}

/** Checks a record read from storage or a file; returns why it cannot be used, or the scenario. */
export function checkSaved(x: unknown): { ok: true; saved: SavedScenario; scenario: Scenario } | { ok: false; why: string } {
  if (typeof x !== 'object' || x === null) return { ok: false, why: 'not a record' };
  const r = x as Record<string, unknown>;
  if (typeof r.name !== 'string' || r.name.length === 0 || r.name.length > MAX_NAME) return { ok: false, why: 'no usable name' };
  if (typeof r.link !== 'string') return { ok: false, why: `"${r.name.slice(0, 40)}" has no link` };
  const d = decodeLink(r.link, IMPORT_KEYS);
  if (d.errors.length) {
    const e = d.errors[0];
    return { ok: false, why: `"${r.name.slice(0, 40)}": ${e.field || 'link'} ${e.message}` };
  }
  const bad = IMPORT_KEYS.find((k) => d.view[k] !== undefined && !/^[0-9a-f]{16}$/.test(d.view[k]!));
  if (bad) return { ok: false, why: `"${r.name.slice(0, 40)}": ${bad} is not a fingerprint (16 hex digits)` };
  const savedAt = typeof r.savedAt === 'string' && !Number.isNaN(Date.parse(r.savedAt)) ? r.savedAt : new Date(0).toISOString();
  return { ok: true, saved: { name: cleanName(r.name), link: encodeLink(d.scenario, pickImports(d.view)), savedAt }, scenario: d.scenario };
}

/** The file for a list of saved scenarios: readable JSON, fields in base units as in a link. */
export function exportFile(list: readonly SavedScenario[]): string {
  const file: ScenarioFile = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    scenarios: list.map((s) => ({ name: s.name, savedAt: s.savedAt, fields: fieldsOf(s.link) })),
  };
  return JSON.stringify(file, null, 2) + '\n';
}

function fieldsOf(link: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of link.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    const k = decodeURIComponent(part.slice(0, eq));
    if (k !== 'v') fields[k] = decodeURIComponent(part.slice(eq + 1));
  }
  return fields;
}

/**
 * Reads an exported file. All or nothing: one bad entry rejects the file, with the reasons, so an
 * import never half-happens. Never throws.
 */
export function importFile(text: string): { ok: true; scenarios: SavedScenario[] } | { ok: false; errors: string[] } {
  const fail = (...errors: string[]) => ({ ok: false as const, errors });
  if (typeof text !== 'string') return fail('the file could not be read as text');
  if (text.length > MAX_FILE_BYTES) return fail(`the file is larger than ${MAX_FILE_BYTES / 1e6} MB`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`the file is not JSON (${e instanceof Error ? e.message.slice(0, 80) : 'parse error'})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('the file is not a Cascade Lab scenarios file');
  const f = data as Record<string, unknown>;
  if (f.format !== FILE_FORMAT) return fail(`the file is not a Cascade Lab scenarios file (format should be "${FILE_FORMAT}")`);
  if (f.version !== FILE_VERSION && f.version !== 1) return fail(`the file has version ${String(f.version).slice(0, 20)}; this app reads versions 1 and ${FILE_VERSION}`);
  if (!Array.isArray(f.scenarios)) return fail('the file lists no scenarios');
  if (f.scenarios.length > MAX_SCENARIOS) return fail(`the file has more than ${MAX_SCENARIOS} scenarios`);
  const errors: string[] = [];
  const scenarios: SavedScenario[] = [];
  f.scenarios.forEach((entry: unknown, i: number) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const fields = e.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return errors.push(`scenario ${i + 1}: no fields`);
    const parts = [`v=${f.version}`]; // a file's fields read as a link of its version
    for (const [k, v] of Object.entries(fields)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) return errors.push(`scenario ${i + 1}: ${k.slice(0, 40)} is not a value`);
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}`);
    }
    const r = checkSaved({ name: e.name, link: '#' + parts.join('&'), savedAt: e.savedAt });
    if (r.ok) scenarios.push(r.saved);
    else errors.push(`scenario ${i + 1}: ${r.why}`);
  });
  return errors.length ? fail(...errors) : { ok: true, scenarios };
}
