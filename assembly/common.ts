// Small definitions shared by the core's files.

export { YEAR } from './shared/abi';
import { pmaxLane } from './wasm/max-simd';

/** Position states. */
export const OPEN: u8 = 0;
export const CLOSED: u8 = 2;
export const IN_AUCTION: u8 = 3;

/**
 * a < b ? b : a, for running maxima. In wasm it is f64x2.pmax, one instruction with no branch: a
 * compare and select there sits on the loop's chain of dependences and costs a step about a
 * nanosecond (the fundamental's drawdown, Draws.walk; the market's, QuietLane). The same value
 * either way (no NaN reaches it).
 */
export function maxOf(a: f64, b: f64): f64 {
  if (ASC_FEATURE_SIMD) return pmaxLane(a, b);
  return a < b ? b : a;
}

export function logOf(x: f64): f64 {
  return x > 0 ? NativeMath.log(x) : -Infinity;
}

/** Per-step decay factor for a half-life in seconds; a half-life of 0 keeps no memory at all. */
export function halfLifeDecay(dt: f64, halfLife: f64): f64 {
  return halfLife > 0 ? NativeMath.pow(2.0, -dt / halfLife) : 0.0;
}

/** Sorts a[0..n) in place by `before` (a strict total order), by heapsort: no allocation. */
export function sortBy(a: StaticArray<i32>, n: i32, before: (x: i32, y: i32) => bool): void {
  for (let k = (n >> 1) - 1; k >= 0; k--) siftDown(a, k, n, before);
  for (let end = n - 1; end > 0; end--) {
    const top = unchecked(a[0]);
    unchecked((a[0] = a[end]));
    unchecked((a[end] = top));
    siftDown(a, 0, end, before);
  }
}

function siftDown(a: StaticArray<i32>, k: i32, n: i32, before: (x: i32, y: i32) => bool): void {
  const x = unchecked(a[k]);
  for (;;) {
    let child = 2 * k + 1;
    if (child >= n) break;
    if (child + 1 < n && before(unchecked(a[child]), unchecked(a[child + 1]))) child++;
    if (!before(x, unchecked(a[child]))) break;
    unchecked((a[k] = a[child]));
    k = child;
  }
  unchecked((a[k] = x));
}
