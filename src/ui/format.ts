// How numbers read on screen: compact money, percentages, durations. Never "NaN": a value that is
// not a finite number is shown as an em dash.
import { formatLocale } from 'd3';

const DASH = '—';

export function usd(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const a = Math.abs(x);
  if (a < 0.005) return '$0'; // less than a cent, rounding noise included (a spread of identical paths)
  const sign = x < 0 ? '−' : '';
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [v, u] of units) if (a >= v) return `${sign}$${trim(a / v, digits)}${u}`;
  return `${sign}$${trim(a, digits)}`;
}

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const v = x * 100;
  if (v !== 0 && Math.abs(v) < Math.pow(10, -digits)) return `${x < 0 ? '>−' : '<'}${Math.pow(10, -digits)}%`;
  return `${v.toFixed(digits)}%`;
}

export function num(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  if (Math.abs(x) < 1e-12) return '0'; // rounding noise, e.g. the spread of identical paths
  return trim(x, digits);
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return DASH;
  const s = Math.abs(seconds);
  if (s >= 86400 && s % 3600 === 0 && s >= 2 * 86400) return `${trim(seconds / 86400, 3)} d`;
  if (s >= 3600) return `${trim(seconds / 3600, 3)} h`;
  if (s >= 60) return `${trim(seconds / 60, 3)} min`;
  return `${trim(seconds, 3)} s`;
}

/** Thousands grouped by commas, minus a hyphen: what toLocaleString('en-US') writes for a whole number. */
const grouped = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''], minus: '-' }).format(',d');

/**
 * A whole number (rounded) as toLocaleString('en-US') writes it, "12,345", without Intl: a page's
 * first Intl call loads ICU's locale data, 18-31 ms measured here, and the progress bar's first
 * count put it in the first visit's longest task.
 */
export function count(n: number): string {
  return Number.isFinite(n) ? grouped(Math.round(n)) : DASH;
}

/** Significant digits without trailing zeros; plain digits for large whole numbers. */
function trim(x: number, digits: number): string {
  if (Math.abs(x) >= Math.pow(10, digits)) return count(x);
  return String(+x.toPrecision(digits));
}
