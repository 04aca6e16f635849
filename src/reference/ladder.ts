// Reference twin of assembly/ladder.ts: one side of the book in liquidation order. The order by
// bankruptcy price K does not depend on the maintenance margin, so the book is sorted once per run.
// A path walks a cursor down the sorted array; positions that come back (partly closed, or skipped
// because no liquidator would take them) wait in a small binary heap with the same order. Each step
// therefore looks only at positions the oracle price has actually crossed.

export class Ladder {
  /** Indices in liquidation order; never modified after setup. */
  order: Int32Array;
  cursor = 0;
  heap: Int32Array;
  heapSize = 0;

  /** +1: longs (largest K first); -1: shorts (smallest K first). */
  constructor(readonly sign: number, order: Int32Array, private readonly K: Float64Array) {
    this.order = order;
    this.heap = new Int32Array(order.length);
  }

  reset(): void {
    this.cursor = 0;
    this.heapSize = 0;
  }

  /** True when position a goes before position b. */
  before(a: number, b: number): boolean {
    const ka = this.K[a], kb = this.K[b];
    if (ka !== kb) return this.sign > 0 ? ka > kb : ka < kb;
    return a < b;
  }

  /** The next position in order, or -1. */
  peek(): number {
    const a = this.cursor < this.order.length ? this.order[this.cursor] : -1;
    if (this.heapSize === 0) return a;
    const b = this.heap[0];
    if (a < 0) return b;
    return this.before(a, b) ? a : b;
  }

  /** Removes the position peek() returned. */
  pop(i: number): void {
    if (this.cursor < this.order.length && this.order[this.cursor] === i) this.cursor++;
    else this.heapPop();
  }

  push(i: number): void {
    const h = this.heap;
    let k = this.heapSize++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(i, h[parent])) break;
      h[k] = h[parent];
      k = parent;
    }
    h[k] = i;
  }

  private heapPop(): void {
    const h = this.heap;
    const last = h[--this.heapSize];
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && this.before(h[child + 1], h[child])) child++;
      if (!this.before(h[child], last)) break;
      h[k] = h[child];
      k = child;
    }
    if (this.heapSize > 0) h[k] = last;
  }
}
