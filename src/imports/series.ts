// An imported price series (issue 16): a CSV of time and price, read strictly with a message per bad
// row, and turned into what the core reads: the log price relative to the series' start at every
// step (linear in log price between rows, held after the last). Only its shape is used: the
// fundamental starts at the scenario's start price. A fingerprint names the series in links.
import { toNumber } from '../validate';

export interface PriceSeries {
  name: string;
  /** Seconds from the first row, strictly increasing; prices positive. */
  times: number[];
  prices: number[];
  /** SHA-256 of the series as read (16 hex digits): the name links use. */
  fingerprint: string;
}

export interface RowError {
  /** 1-based line of the file; 0 for the file as a whole. */
  line: number;
  message: string;
}

export const MAX_SERIES_ROWS = 200_000;
export const MAX_SERIES_BYTES = 10 << 20;

/** Reads a series from CSV text: `time,price` per line (comma, semicolon or tab), an optional header. */
export async function parseSeries(text: string, name: string): Promise<{ series?: PriceSeries; errors: RowError[] }> {
  const errors: RowError[] = [];
  if (text.length > MAX_SERIES_BYTES) return { errors: [{ line: 0, message: `the file is larger than ${MAX_SERIES_BYTES >> 20} MB` }] };
  const lines = text.split(/\r\n|\n|\r/);
  const times: number[] = [], prices: number[] = [];
  let t0: number | undefined, headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (!headerSeen && times.length === 0 && errors.length === 0 && cells.every((c) => toNumber(c) === undefined && Number.isNaN(Date.parse(c)))) {
      headerSeen = true; // a header: time,price
      continue;
    }
    if (times.length >= MAX_SERIES_ROWS) {
      errors.push({ line: i + 1, message: `more than ${MAX_SERIES_ROWS.toLocaleString('en')} rows` });
      break;
    }
    if (cells.length < 2) {
      errors.push({ line: i + 1, message: 'expected a time and a price' });
      continue;
    }
    const t = timeOf(cells[0]);
    const p = toNumber(cells[1]);
    if (t === undefined) errors.push({ line: i + 1, message: `"${cells[0].slice(0, 30)}" is not a time (seconds, or a date such as 2025-10-10T21:15:00Z)` });
    else if (p === undefined || !(p > 0)) errors.push({ line: i + 1, message: `"${cells[1].slice(0, 30)}" is not a positive price` });
    else {
      t0 ??= t;
      const rel = t - t0;
      if (times.length && !(rel > times[times.length - 1])) errors.push({ line: i + 1, message: 'times must increase from row to row' });
      else {
        times.push(rel);
        prices.push(p);
      }
    }
  }
  if (!errors.length && times.length < 2) errors.push({ line: 0, message: 'a series needs at least two rows of time and price' });
  if (errors.length) return { errors };
  return { series: { name, times, prices, fingerprint: await fingerprintOf(times, prices) }, errors };
}

/** Seconds: a plain number, or a date and time (ISO 8601), read as seconds since 1970. */
function timeOf(cell: string): number | undefined {
  const n = toNumber(cell);
  if (n !== undefined) return n;
  if (!/^\d{4}-\d{2}-\d{2}/.test(cell)) return undefined;
  const ms = Date.parse(cell);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

export async function fingerprintOf(times: readonly number[], prices: readonly number[]): Promise<string> {
  const text = times.map((t, i) => `${t},${prices[i]}`).join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The core's input: log(price / first price) at each of steps + 1 times k x dt, linear in log price
 * between rows and held after the last row.
 */
export function seriesOffsets(series: Pick<PriceSeries, 'times' | 'prices'>, steps: number, dt: number): Float64Array {
  const { times, prices } = series;
  const out = new Float64Array(steps + 1);
  const l0 = Math.log(prices[0]);
  let j = 0;
  for (let k = 0; k <= steps; k++) {
    const t = k * dt;
    while (j + 1 < times.length && times[j + 1] <= t) j++;
    if (j + 1 >= times.length) out[k] = Math.log(prices[times.length - 1]) - l0;
    else {
      const w = (t - times[j]) / (times[j + 1] - times[j]);
      out[k] = (1 - w) * (Math.log(prices[j]) - l0) + w * (Math.log(prices[j + 1]) - l0);
    }
  }
  return out;
}

/** The largest move of the offsets from the start, in log terms (it widens the price bands). */
export function seriesSpan(offsets: Float64Array): number {
  let m = 0;
  for (const x of offsets) m = Math.max(m, Math.abs(x));
  return m;
}
