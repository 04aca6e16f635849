// The book of positions, generated once per run from the seed and identical on every path. Only
// (side, size q, bankruptcy price K) drive the dynamics: the value of a closed amount is
// m + s*q*(X - E) = s*q*(X - K), so entry price and margin are kept for display only.
import * as A from './shared/abi';
import { sortLadder } from './ladder';
import { Draws } from './normal';
import { ModelParams } from './params';


export class Book {
  n: i32;
  nLong: i32;
  side: StaticArray<i8>; // +1 long, -1 short
  q: StaticArray<f64>; // asset units
  K: StaticArray<f64>; // bankruptcy price
  entry: StaticArray<f64>;
  margin: StaticArray<f64>;
  /** Total size of each side, summed in index order. */
  openLong: f64 = 0;
  openShort: f64 = 0;
  /** Sum of q * K of each side, for the side's aggregate equity q * (P - K). */
  openLongQK: f64 = 0;
  /** The largest position (asset units): no liquidation closes more at once. */
  maxQ: f64 = 0;
  openShortQK: f64 = 0;
  /** Longs by K descending (the first to go as the price falls), ties by index. */
  longLadder: StaticArray<i32>;
  /** Shorts by K ascending (the first to go as the price rises), ties by index. */
  shortLadder: StaticArray<i32>;

  constructor(n: i32, nLong: i32) {
    this.n = n;
    this.nLong = nLong;
    this.side = new StaticArray<i8>(n);
    this.q = new StaticArray<f64>(n);
    this.K = new StaticArray<f64>(n);
    this.entry = new StaticArray<f64>(n);
    this.margin = new StaticArray<f64>(n);
    this.longLadder = new StaticArray<i32>(nLong);
    this.shortLadder = new StaticArray<i32>(n - nLong);
  }
}

/** The maintenance margin in force at t = 0, before the oracle has moved. */
export function initialMmr(m: ModelParams): f64 {
  if (!m.dynamicMargin) return m.mmr;
  return m.mmr * Math.min(Math.max(m.sigma / m.sigmaRef, 1), m.maxMultiplier);
}

/**
 * An imported book (src/imports/book.ts): `rows` positions of BOOK_COLUMNS values from `data[at]`,
 * longs first: side, size, entry price, margin. The bankruptcy price follows: K = entry - s x margin / q.
 */
export function bookFromRows(data: StaticArray<f64>, at: i32, rows: i32): Book {
  let nLong = 0;
  for (let i = 0; i < rows; i++) if (unchecked(data[at + i * A.BOOK_COLUMNS]) > 0) nLong++;
  const b = new Book(rows, nLong);
  for (let i = 0; i < rows; i++) {
    const o = at + i * A.BOOK_COLUMNS;
    const s: f64 = unchecked(data[o]) > 0 ? 1 : -1;
    const q = unchecked(data[o + 1]), E = unchecked(data[o + 2]), margin = unchecked(data[o + 3]);
    unchecked((b.side[i] = i8(s)));
    unchecked((b.q[i] = q));
    unchecked((b.entry[i] = E));
    unchecked((b.margin[i] = margin));
    unchecked((b.K[i] = E - (s * margin) / q));
  }
  finishBook(b);
  return b;
}

/** Side totals, the largest size and the ladders of a book whose positions are set. */
function finishBook(b: Book): void {
  for (let i = 0; i < b.n; i++) {
    const q = unchecked(b.q[i]);
    if (q > b.maxQ) b.maxQ = q;
    if (i < b.nLong) {
      b.openLong += q;
      b.openLongQK += q * unchecked(b.K[i]);
    } else {
      b.openShort += q;
      b.openShortQK += q * unchecked(b.K[i]);
    }
  }
  for (let i = 0; i < b.nLong; i++) unchecked((b.longLadder[i] = i));
  for (let i = b.nLong; i < b.n; i++) unchecked((b.shortLadder[i - b.nLong] = i));
  sortLadder(b.longLadder, b.nLong, 1, b.K);
  sortLadder(b.shortLadder, b.n - b.nLong, -1, b.K);
}

export function generateBook(m: ModelParams): Book {
  const n = m.positions;
  const nLong = i32(Math.floor(<f64>n * m.longShare + 0.5));
  const S0 = m.S0;
  const maxLev = 1 / m.imr;
  const sl = m.leverageDispersion, ss = m.sizeDispersion, se = m.entrySpread;
  const mmr0 = initialMmr(m);
  const rng = new Draws();
  rng.reset(m.seed, 0, A.STREAM_BOOK, m.wide);
  const b = new Book(n, nLong);
  const lev = new StaticArray<f64>(n);
  const weight = new StaticArray<f64>(n);
  let wsum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const s: f64 = i < nLong ? 1 : -1;
    // Mean-preserving lognormals: E[leverage] = leverageMean before the cap, E[weight] = 1.
    let L = m.leverageMean * NativeMath.exp(sl * rng.normal() - 0.5 * sl * sl);
    L = Math.min(Math.max(L, 1), maxLev);
    const w = NativeMath.exp(ss * rng.normal() - 0.5 * ss * ss);
    // Entry prices spread around S0; a draw that would already be liquidatable at S0 is redrawn
    // (such a position would have been liquidated before the run starts).
    let E = S0, K = S0 * (1 - s / L);
    for (let tries = 0; tries < 16; tries++) {
      const e = S0 * NativeMath.exp(se * rng.normal());
      const k = e * (1 - s / L);
      if (s > 0 ? k < S0 * (1 - mmr0) : k > S0 * (1 + mmr0)) {
        E = e;
        K = k;
        break;
      }
    }
    unchecked((b.side[i] = i8(s)));
    unchecked((b.entry[i] = E));
    unchecked((b.K[i] = K));
    unchecked((lev[i] = L));
    unchecked((weight[i] = w));
    wsum += w;
  }
  for (let i = 0; i < n; i++) {
    const notional = (m.openInterest * unchecked(weight[i])) / wsum;
    const q = notional / unchecked(b.entry[i]);
    unchecked((b.q[i] = q));
    unchecked((b.margin[i] = notional / lev[i]));
  }
  finishBook(b);
  return b;
}
