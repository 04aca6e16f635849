// How numbers read on screen: compact money, percentages, durations. Never "NaN": a value that is
// not a finite number is shown as an em dash.

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

/** Significant digits without trailing zeros; plain digits for large whole numbers. */
function trim(x: number, digits: number): string {
  if (Math.abs(x) >= Math.pow(10, digits)) return Math.round(x).toLocaleString('en-US');
  return String(+x.toPrecision(digits));
}
