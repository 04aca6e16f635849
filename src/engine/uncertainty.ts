// The uncertainty of each estimate a run shows: every headline number carries a standard error or a
// 95% interval, so that 4.47% can be told from noise. Each function takes the per-path values.

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lo: number;
  hi: number;
}

/** Wilson's score interval for a proportion k/n (good at 0% and near it, unlike the normal one). */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n === 0) return { lo: 0, hi: 1 };
  const p = k / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** Standard error of a sample mean. */
export function meanSe(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += sq(xs[i] - m);
  return Math.sqrt(v / (n - 1) / n);
}

/**
 * A distribution-free 95% interval for the quantile at level a of sorted values: the order
 * statistics whose ranks bound a binomial(n, a) count (normal approximation).
 */
export function quantileInterval(sorted: ArrayLike<number>, a: number, z = Z95): Interval {
  const n = sorted.length;
  if (n === 0) return { lo: 0, hi: 0 };
  const half = z * Math.sqrt(n * a * (1 - a));
  const lo = Math.max(0, Math.floor(n * a - half) - 1), hi = Math.min(n - 1, Math.ceil(n * a + half));
  return { lo: sorted[lo], hi: sorted[hi] };
}

/**
 * Standard error of expected shortfall at level a (the mean of the worst n(1 - a) outcomes):
 * sqrt((Var[X | X >= VaR] + a (ES - VaR)^2) / (n (1 - a))), its asymptotic variance for i.i.d. paths.
 */
export function expectedShortfallSe(sorted: ArrayLike<number>, a: number, valueAtRisk: number, es: number): number {
  const n = sorted.length;
  const tailCount = n * (1 - a);
  if (n < 2 || tailCount < 1) return 0;
  let m = 0, k = 0;
  for (let i = 0; i < n; i++) if (sorted[i] >= valueAtRisk) (m += sorted[i]), k++;
  m /= k;
  let v = 0;
  for (let i = 0; i < n; i++) if (sorted[i] >= valueAtRisk) v += sq(sorted[i] - m);
  v = k > 1 ? v / (k - 1) : 0;
  return Math.sqrt((v + a * sq(es - valueAtRisk)) / tailCount);
}

/** Standard error of the ratio of two means, mean(xs) / mean(ys), by the delta method. */
export function ratioSe(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) (mx += xs[i]), (my += ys[i]);
  mx /= n;
  my /= n;
  if (!(Math.abs(my) > 0)) return 0;
  const r = mx / my;
  let v = 0;
  for (let i = 0; i < n; i++) v += sq(xs[i] - r * ys[i]);
  return Math.sqrt(v / (n - 1) / n) / Math.abs(my);
}

/** x², by one multiplication: exact to the last bit in every engine, as `**` and Math.pow need not be. */
function sq(x: number): number {
  return x * x;
}

/**
 * Mean and standard error of the per-path differences y[p] − x[p] of two runs: paired path by path, so
 * what the paths share (on one seed, the same random numbers) cancels from the error. Null unless
 * both runs have the same paths.
 */
export function pairedDifference(x: ArrayLike<number>, y: ArrayLike<number>): { d: number; se: number } | null {
  const n = x.length;
  if (n === 0 || y.length !== n) return null;
  const diff = Array.from({ length: n }, (_, p) => y[p] - x[p]);
  let sum = 0;
  for (const v of diff) sum += v;
  return { d: sum / n, se: meanSe(diff) };
}

/**
 * Standard error of the change in a share between two runs paired path by path, from the paths that
 * changed: b left the state, c entered it, of n. Agresti and Min's (2005) adjustment adds half a path
 * to each cell of the 2x2 table, so that a change seen on no path is not certain to be 0 (as Wilson's
 * interval does for one share).
 */
export function pairedShareSe(b: number, c: number, n: number): number {
  if (n === 0) return 0;
  const [b1, c1, n1] = [b + 0.5, c + 0.5, n + 2];
  return Math.sqrt(Math.max(0, b1 + c1 - sq(c1 - b1) / n1)) / n1;
}

/**
 * The change in the share of paths with a positive value (say, bad debt), between two runs paired path
 * by path: the share entering less the share leaving, with pairedShareSe's error. Null unless both runs
 * have the same paths.
 */
export function pairedShareChange(x: ArrayLike<number>, y: ArrayLike<number>): { d: number; se: number } | null {
  const n = x.length;
  if (n === 0 || y.length !== n) return null;
  let left = 0, entered = 0;
  for (let p = 0; p < n; p++) {
    if (x[p] > 0 && !(y[p] > 0)) left++;
    if (!(x[p] > 0) && y[p] > 0) entered++;
  }
  return { d: (entered - left) / n, se: pairedShareSe(left, entered, n) };
}

/**
 * The change in a ratio of means, mean(num) / mean(den), between two runs paired path by path, with its
 * standard error by the delta method: each path's influence on its run's ratio, (num − r den) / mean(den),
 * differenced path by path. Null unless both runs have the same paths and a denominator that is not 0.
 */
export function pairedRatioChange(x: { num: ArrayLike<number>; den: ArrayLike<number> }, y: { num: ArrayLike<number>; den: ArrayLike<number> }): { d: number; se: number } | null {
  const n = x.num.length;
  if (n === 0 || x.den.length !== n || y.num.length !== n || y.den.length !== n) return null;
  const mean = (v: ArrayLike<number>) => {
    let s = 0;
    for (let p = 0; p < n; p++) s += v[p];
    return s / n;
  };
  const [xn, xd, yn, yd] = [mean(x.num), mean(x.den), mean(y.num), mean(y.den)];
  if (!(Math.abs(xd) > 0) || !(Math.abs(yd) > 0)) return null;
  const [rx, ry] = [xn / xd, yn / yd];
  const influence = Array.from({ length: n }, (_, p) => (y.num[p] - ry * y.den[p]) / yd - (x.num[p] - rx * x.den[p]) / xd);
  return { d: ry - rx, se: meanSe(influence) };
}
