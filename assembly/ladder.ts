// One side of the book in liquidation order. The order by bankruptcy price K does not depend on the
// maintenance margin, so the book is sorted once per run. A path walks a cursor down the sorted
// array; positions that come back (partly closed, or skipped because no liquidator would take
// them) wait in a small binary heap with the same order. Each step therefore looks only at
// positions the oracle price has actually crossed.
//
// Positions that no keeper can serve are parked: those bankrupt at the market price, and those too
// small for any reward to pay a keeper's gas. They are kept in ladder order in their own array, with
// a tree of their sizes, so that a step passes all of them with a binary search and a tree descent
// instead of examining each (parking.ts). They are still on the ladder: peek and pop see them.
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
  private q: StaticArray<f64>;
  /** Parked positions in ladder order; those before parkHead were passed this step. */
  park: StaticArray<i32>;
  parkLen: i32 = 0;
  parkHead: i32 = 0;
  private parkHoles: i32 = 0; // parked positions popped this step (left as -1)
  private fresh: StaticArray<i32>; // parked this step, in ladder order; they join `park` when it ends
  private freshLen: i32 = 0;
  private scratch: StaticArray<i32>;
  /** Largest size in each subtree of the park (leaves from `leaves`; -Infinity past its end). */
  private sizes: StaticArray<f64>;
  private leaves: i32 = 1;

  constructor(sign: i32, order: StaticArray<i32>, K: StaticArray<f64>, q: StaticArray<f64>) {
    this.sign = sign;
    this.order = order;
    this.length = order.length;
    this.K = K;
    this.q = q;
    this.heap = new StaticArray<i32>(order.length);
    this.park = new StaticArray<i32>(order.length);
    this.fresh = new StaticArray<i32>(order.length);
    this.scratch = new StaticArray<i32>(order.length);
    let leaves = 1;
    while (leaves < order.length) leaves <<= 1;
    const sizes = new StaticArray<f64>(2 * leaves);
    for (let k = 0; k < 2 * leaves; k++) unchecked((sizes[k] = -Infinity));
    this.sizes = sizes;
    this.leaves = leaves;
  }

  reset(): void {
    this.cursor = 0;
    this.heapSize = 0;
    if (this.parkLen > 0) this.setSizes(0, this.parkLen, true);
    this.parkLen = this.parkHead = this.parkHoles = this.freshLen = 0;
  }

  /** Sets the size tree's leaves [from, to) from the park (past its end, or all if `clear`: none) and their ancestors. */
  private setSizes(from: i32, to: i32, clear: bool = false): void {
    const t = this.sizes, L = this.leaves;
    for (let k = from; k < to; k++) {
      const i = unchecked(this.park[k]);
      unchecked((t[L + k] = clear || k >= this.parkLen || i < 0 ? -Infinity : unchecked(this.q[i])));
    }
    let a = (L + from) >> 1, b = (L + to - 1) >> 1;
    while (a >= 1 && to > from) {
      for (let i = a; i <= b; i++) unchecked((t[i] = Math.max(unchecked(t[2 * i]), unchecked(t[2 * i + 1]))));
      a >>= 1;
      b >>= 1;
    }
  }

  /** The first index k in [from, to) of the park whose position is larger than `size`, or `to`. */
  firstLarger(from: i32, to: i32, size: f64): i32 {
    if (from >= to) return to;
    const t = this.sizes, L = this.leaves;
    let i = L + from;
    for (;;) {
      if (unchecked(t[i]) > size) break;
      while ((i & 1) == 1) {
        if (i == 1) return to;
        i >>= 1;
      }
      i++;
    }
    while (i < L) {
      i <<= 1;
      if (!(unchecked(t[i]) > size)) i++;
    }
    return i - L < to ? i - L : to;
  }

  /** True when position a goes before position b. */
  @inline before(a: i32, b: i32): bool {
    const ka = unchecked(this.K[a]), kb = unchecked(this.K[b]);
    if (ka != kb) return this.sign > 0 ? ka > kb : ka < kb;
    return a < b;
  }

  /** The next position in order, or -1. */
  @inline peek(): i32 {
    const a = this.peekUnparked();
    if (this.parkHead == this.parkLen) return a;
    const p = unchecked(this.park[this.parkHead]);
    return a < 0 || this.before(p, a) ? p : a;
  }

  /** The next position in order that is not parked, or -1. */
  @inline peekUnparked(): i32 {
    const a = this.cursor < this.length ? unchecked(this.order[this.cursor]) : -1;
    if (this.heapSize == 0) return a;
    const b = unchecked(this.heap[0]);
    if (a < 0) return b;
    return this.before(a, b) ? a : b;
  }

  /** Removes the position peek() returned. Inlined, with popUnparked: the desk pops on every close, and the calls cost a default step 1.5%. */
  @inline pop(i: i32): void {
    if (this.parkHead < this.parkLen && unchecked(this.park[this.parkHead]) == i) {
      unchecked((this.park[this.parkHead++] = -1));
      this.parkHoles++;
    } else this.popUnparked(i);
  }

  /** Removes the position peekUnparked() returned. */
  @inline popUnparked(i: i32): void {
    if (this.cursor < this.length && unchecked(this.order[this.cursor]) == i) this.cursor++;
    else this.heapPop();
  }

  /** Parks position i, just popped; like a position put back, it is seen again next step. */
  parkFresh(i: i32): void {
    unchecked((this.fresh[this.freshLen++] = i));
  }

  /**
   * Ends the step: every parked position is seen again, and those parked this step join them, in
   * order. Appending suffices when nothing left the park and the newcomers all come after it (a
   * falling price parks them in that order); otherwise the two sorted runs are merged.
   */
  endStep(): void {
    this.parkHead = 0;
    const nf = this.freshLen;
    if (nf == 0 && this.parkHoles == 0) return;
    const park = this.park, fresh = this.fresh;
    let n = this.parkLen;
    if (this.parkHoles == 0 && (n == 0 || this.before(unchecked(park[n - 1]), unchecked(fresh[0])))) {
      for (let k = 0; k < nf; k++) unchecked((park[n + k] = fresh[k]));
      this.parkLen = n + nf;
      this.setSizes(n, n + nf);
    } else {
      const out = this.scratch;
      let i = 0, j = 0, o = 0;
      while (i < n || j < nf) {
        if (i < n && unchecked(park[i]) < 0) {
          i++;
          continue;
        }
        if (j == nf || (i < n && this.before(unchecked(park[i]), unchecked(fresh[j])))) unchecked((out[o++] = park[i++]));
        else unchecked((out[o++] = fresh[j++]));
      }
      this.scratch = park;
      this.park = out;
      this.parkLen = o;
      this.setSizes(0, o > n ? o : n);
    }
    this.freshLen = 0;
    this.parkHoles = 0;
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
