// An imported book of positions (issue 16): a CSV (with a header) or JSON file of positions, read
// strictly with a message per bad row. A perpetual position has a side, a size (asset units), an
// entry price and a margin (USD) or a leverage; a lending position has a collateral (asset units)
// and a debt (USD): it is a long whose bankruptcy price is debt / collateral. The core reads it as
// rows of (side, size, entry, margin), longs first (src/engine/pool.ts). A fingerprint names it.
import { toNumber } from '../validate';
import type { RowError } from './series';

export interface BookPosition {
  side: 1 | -1;
  size: number;
  /** Perpetuals: entry price and margin. Lending: debt, with the entry taken as the start price. */
  entry?: number;
  margin?: number;
  debt?: number;
}

export interface ImportedBook {
  name: string;
  positions: BookPosition[];
  fingerprint: string;
}

export const MAX_BOOK_ROWS = 100_000;
export const MAX_BOOK_BYTES = 20 << 20;
const ALIASES: Record<string, string> = {
  side: 'side', direction: 'side', size: 'size', qty: 'size', quantity: 'size', amount: 'size',
  entry: 'entry', entryprice: 'entry', entry_price: 'entry', price: 'entry', margin: 'margin',
  leverage: 'leverage', collateral: 'collateral', debt: 'debt',
};

/** Reads a book from CSV (header row first) or JSON (an array of objects, or {positions: [...]}). */
export async function parseBook(text: string, name: string): Promise<{ book?: ImportedBook; errors: RowError[] }> {
  if (text.length > MAX_BOOK_BYTES) return { errors: [{ line: 0, message: `the file is larger than ${MAX_BOOK_BYTES >> 20} MB` }] };
  const records = text.trimStart().startsWith('[') || text.trimStart().startsWith('{') ? fromJson(text) : fromCsv(text);
  if ('error' in records) return { errors: [records.error] };
  const errors: RowError[] = [];
  const positions: BookPosition[] = [];
  if (records.rows.length > MAX_BOOK_ROWS) return { errors: [{ line: 0, message: `more than ${MAX_BOOK_ROWS.toLocaleString('en')} positions` }] };
  for (const { line, fields } of records.rows) {
    const r = position(fields);
    if (typeof r === 'string') errors.push({ line, message: r });
    else positions.push(r);
  }
  if (!errors.length && !positions.length) errors.push({ line: 0, message: 'the file holds no positions' });
  if (errors.length) return { errors };
  return { book: { name, positions, fingerprint: await fingerprintOfBook(positions) }, errors };
}

type Records = { rows: { line: number; fields: Record<string, string> }[] } | { error: RowError };

function fromCsv(text: string): Records {
  const lines = text.split(/\r\n|\n|\r/);
  let header: string[] | undefined;
  const rows: { line: number; fields: Record<string, string> }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (!header) {
      header = cells.map((c) => ALIASES[c.toLowerCase().replace(/[\s()$]/g, '')] ?? '');
      const unknown = cells.filter((_, k) => header![k] === '');
      if (unknown.length) return { error: { line: i + 1, message: `unknown columns ${unknown.map((u) => `"${u.slice(0, 20)}"`).join(', ')}: expected side, size, entry and margin or leverage; or collateral and debt` } };
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((h, k) => (fields[h] = cells[k] ?? ''));
    rows.push({ line: i + 1, fields });
  }
  if (!header) return { error: { line: 0, message: 'the file is empty: expected a header (side, size, entry, margin) and one position per line' } };
  return { rows };
}

function fromJson(text: string): Records {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: { line: 0, message: `not valid JSON: ${(e as Error).message.slice(0, 80)}` } };
  }
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { positions?: unknown }).positions) ? (doc as { positions: unknown[] }).positions : undefined;
  if (!list) return { error: { line: 0, message: 'expected an array of positions, or an object with "positions"' } };
  return {
    rows: list.map((x, k) => {
      const fields: Record<string, string> = {};
      if (x && typeof x === 'object') for (const [key, v] of Object.entries(x)) fields[ALIASES[key.toLowerCase()] ?? `?${key}`] = typeof v === 'number' || typeof v === 'string' ? String(v) : '?';
      return { line: k + 1, fields };
    }),
  };
}

/** One position from its fields, or what is wrong with it. */
function position(f: Record<string, string>): BookPosition | string {
  const unknown = Object.keys(f).filter((k) => k.startsWith('?'));
  if (unknown.length) return `unknown field ${unknown[0].slice(1, 21)}`;
  const n = (key: string) => (f[key] === undefined || f[key] === '' ? undefined : toNumber(f[key]));
  if (f.collateral !== undefined && f.collateral !== '') {
    const size = n('collateral'), debt = n('debt');
    if (size === undefined || !(size > 0)) return `collateral "${f.collateral.slice(0, 20)}" is not a positive amount`;
    if (debt === undefined || !(debt >= 0)) return `debt "${(f.debt ?? '').slice(0, 20)}" is not an amount of 0 or more`;
    return { side: 1, size, debt };
  }
  const side = sideOf(f.side);
  if (side === undefined) return `side "${(f.side ?? '').slice(0, 20)}" is not long or short`;
  const size = n('size'), entry = n('entry');
  if (size === undefined || !(size > 0)) return `size "${(f.size ?? '').slice(0, 20)}" is not a positive amount`;
  if (entry === undefined || !(entry > 0)) return `entry "${(f.entry ?? '').slice(0, 20)}" is not a positive price`;
  let margin = n('margin');
  if (margin === undefined) {
    const lev = n('leverage');
    if (lev === undefined || !(lev >= 1)) return f.leverage ? `leverage "${f.leverage.slice(0, 20)}" is not 1 or more` : 'needs a margin or a leverage';
    margin = (size * entry) / lev;
  }
  if (!(margin > 0)) return `margin "${(f.margin ?? '').slice(0, 20)}" is not a positive amount`;
  if (margin > size * entry) return 'margin larger than the position: leverage below 1';
  return { side, size, entry, margin };
}

function sideOf(x: string | undefined): 1 | -1 | undefined {
  const v = (x ?? '').trim().toLowerCase();
  if (['long', 'buy', 'l', '1', '+1'].includes(v)) return 1;
  if (['short', 'sell', 's', '-1'].includes(v)) return -1;
  return undefined;
}

export async function fingerprintOfBook(positions: readonly BookPosition[]): Promise<string> {
  const text = positions.map((p) => (p.debt !== undefined ? `L,${p.size},debt ${p.debt}` : `${p.side},${p.size},${p.entry},${p.margin}`)).join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The rows the core reads (side, size, entry, margin), longs first in file order, then shorts; a
 * lending position's entry is the start price S0 (its margin: collateral value less debt).
 */
export function bookRows(book: ImportedBook, S0: number): { rows: Float64Array; n: number; notional: number } {
  const ordered = [...book.positions.filter((p) => p.side > 0), ...book.positions.filter((p) => p.side < 0)];
  const rows = new Float64Array(ordered.length * 4);
  let notional = 0;
  ordered.forEach((p, i) => {
    const entry = p.debt !== undefined ? S0 : p.entry!;
    const margin = p.debt !== undefined ? p.size * S0 - p.debt : p.margin!;
    rows.set([p.side, p.size, entry, margin], i * 4);
    notional += p.size * entry;
  });
  return { rows, n: ordered.length, notional };
}

/** What the start price makes of the book: positions already under water, and how far its prices sit. */
export function bookAtStart(book: ImportedBook, S0: number, mmr: number): { liquidatable: number; bankrupt: number; medianEntry: number } {
  let liquidatable = 0, bankrupt = 0;
  const entries: number[] = [];
  for (const p of book.positions) {
    const entry = p.debt !== undefined ? S0 : p.entry!;
    const margin = p.debt !== undefined ? p.size * S0 - p.debt : p.margin!;
    entries.push(entry);
    const equity = margin + p.side * p.size * (S0 - entry);
    if (equity <= 0) bankrupt++;
    else if (equity < mmr * p.size * S0) liquidatable++;
  }
  entries.sort((a, b) => a - b);
  return { liquidatable, bankrupt, medianEntry: entries[Math.floor(entries.length / 2)] };
}
