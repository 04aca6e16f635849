// A chunk result as it crosses from a worker to the pool (and on to the summary desk). Its band
// histograms are Q_COUNT x (grid + 1) rows of BINS counts, and a chunk's paths fill only a stretch
// of each row (about a quarter of all bins on the default scenario): each row is sent as that
// stretch alone. The wire result is then a third of the size, which is less to copy out of wasm,
// to post, to merge and to collect (a worker's 470 KB a chunk made the page's collector the
// largest thing on its thread).
//
// Layout: HEADER | one span per row: first * (BINS + 1) + length | the spans' counts, row after
// row | the rest of the raw result (band sums, records, the asset section) as it is.
import * as A from '../../assembly/shared/abi';

const SPAN = A.BINS + 1;

/** The wire form of a raw chunk result (Kernel.runChunkView) on a grid of `grid` intervals. */
export function packChunk(raw: Float64Array, grid: number): Float64Array {
  const rows = A.Q_COUNT * (grid + 1), tail = A.HEADER + rows * A.BINS;
  const first = new Int32Array(rows), length = new Int32Array(rows);
  let counts = 0;
  for (let r = 0; r < rows; r++) {
    const at = A.HEADER + r * A.BINS;
    let lo = 0, hi = A.BINS;
    while (lo < hi && raw[at + lo] === 0) lo++;
    while (hi > lo && raw[at + hi - 1] === 0) hi--;
    first[r] = lo;
    length[r] = hi - lo;
    counts += hi - lo;
  }
  const out = new Float64Array(A.HEADER + rows + counts + (raw.length - tail));
  for (let i = 0; i < A.HEADER; i++) out[i] = raw[i];
  // The spans copied value by value: a subarray and a set() for each of the ~400 rows made a
  // default chunk's packing a third dearer (0.27-0.29 against 0.20-0.23 ms, measured in Node).
  let at = A.HEADER + rows;
  for (let r = 0; r < rows; r++) {
    const n = length[r];
    out[A.HEADER + r] = first[r] * SPAN + n;
    for (let from = A.HEADER + r * A.BINS + first[r], b = 0; b < n; b++) out[at + b] = raw[from + b];
    at += n;
  }
  out.set(raw.subarray(tail), at);
  return out;
}

/**
 * Adds a wire result's histogram counts into `hist` (Q_COUNT x (grid + 1) x BINS) and returns where
 * the rest of the raw result starts in `wire`. A wire result whose spans do not hold together is
 * refused before anything is added.
 */
export function addPackedCounts(wire: Float64Array, hist: Float64Array, grid: number): number {
  const rows = A.Q_COUNT * (grid + 1);
  if (hist.length !== rows * A.BINS) throw new Error(`histograms of ${hist.length} bins for ${rows} rows`);
  let end = A.HEADER + rows;
  for (let r = 0; r < rows; r++) {
    const span = wire[A.HEADER + r], lo = Math.floor(span / SPAN), n = span - lo * SPAN;
    if (!(Number.isInteger(span) && span >= 0 && lo + n <= A.BINS)) throw new Error(`chunk result: row ${r} has no span (${span})`);
    end += n;
  }
  if (end > wire.length) throw new Error(`chunk result: its spans need ${end} values, it has ${wire.length}`);
  let at = A.HEADER + rows;
  for (let r = 0; r < rows; r++) {
    const span = wire[A.HEADER + r], lo = Math.floor(span / SPAN), n = span - lo * SPAN;
    const h = r * A.BINS + lo;
    for (let b = 0; b < n; b++) hist[h + b] += wire[at + b];
    at += n;
  }
  return at;
}
