// One side of the book in liquidation order. The order by bankruptcy price K does not depend on the
// maintenance margin, so the book is sorted once per run. A path walks a cursor down the sorted
// array; positions that come back (partly closed, or skipped because no liquidator would take
// them) wait in a small binary heap with the same order. Each step therefore looks only at
// positions the oracle price has actually crossed.
import { sortBy } from './common';

// The comparators read K through this global: AssemblyScript functions cannot capture.
let sortK: StaticArray<f64> = new StaticArray<f64>(0);
function longBefore(x: i32, y: i32): bool {
  const kx = unchecked(sortK[x]), ky = unchecked(sortK[y]);
  return kx != ky ? kx > ky : x < y;
}
function shortBefore(x: i32, y: i32): bool {
  const kx = unchecked(sortK[x]), ky = unchecked(sortK[y]);
  return kx != ky ? kx < ky : x < y;
}

/** Sorts indices a[0..n) into ladder order for a side (+1 longs, -1 shorts) by prices K. */
export function sortLadder(a: StaticArray<i32>, n: i32, sign: i32, K: StaticArray<f64>): void {
  sortK = K;
  sortBy(a, n, sign > 0 ? longBefore : shortBefore);
}

export class Ladder {
  /** Indices in liquidation order; never modified after setup. */
  order: StaticArray<i32>;
  length: i32;
  cursor: i32 = 0;
  heap: StaticArray<i32>;
  heapSize: i32 = 0;
  /** +1: longs (largest K first); -1: shorts (smallest K first). */
  sign: i32;
  private K: StaticArray<f64>;

  constructor(sign: i32, order: StaticArray<i32>, K: StaticArray<f64>) {
    this.sign = sign;
    this.order = order;
    this.length = order.length;
    this.K = K;
    this.heap = new StaticArray<i32>(order.length);
  }

  reset(): void {
    this.cursor = 0;
    this.heapSize = 0;
  }

  /** True when position a goes before position b. */
  @inline before(a: i32, b: i32): bool {
    const ka = unchecked(this.K[a]), kb = unchecked(this.K[b]);
    if (ka != kb) return this.sign > 0 ? ka > kb : ka < kb;
    return a < b;
  }

  /** The next position in order, or -1. */
  @inline peek(): i32 {
    const a = this.cursor < this.length ? unchecked(this.order[this.cursor]) : -1;
    if (this.heapSize == 0) return a;
    const b = unchecked(this.heap[0]);
    if (a < 0) return b;
    return this.before(a, b) ? a : b;
  }

  /** Removes the position peek() returned. */
  pop(i: i32): void {
    if (this.cursor < this.length && unchecked(this.order[this.cursor]) == i) this.cursor++;
    else this.heapPop();
  }

  push(i: i32): void {
    const h = this.heap;
    let k = this.heapSize++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(i, unchecked(h[parent]))) break;
      unchecked((h[k] = h[parent]));
      k = parent;
    }
    unchecked((h[k] = i));
  }

  private heapPop(): void {
    const h = this.heap;
    const last = unchecked(h[--this.heapSize]);
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && this.before(unchecked(h[child + 1]), unchecked(h[child]))) child++;
      if (!this.before(unchecked(h[child]), last)) break;
      unchecked((h[k] = h[child]));
      k = child;
    }
    if (this.heapSize > 0) unchecked((h[k] = last));
  }
}
