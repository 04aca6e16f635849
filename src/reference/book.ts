// Reference twin of assembly/book.ts: the book of positions, generated once per run from the seed and
// identical on every path. Only (side, size q, bankruptcy price K) drive the dynamics: the value of a
// closed amount is m + s*q*(X - E) = s*q*(X - K), so entry price and margin are kept for display only.
import * as A from '../../assembly/shared/abi';
import { normal } from './normal';
import { Stream } from './rng';

export interface Book {
  n: number;
  nLong: number;
  side: Int8Array; // +1 long, -1 short
  q: Float64Array; // asset units
  K: Float64Array; // bankruptcy price
  entry: Float64Array;
  margin: Float64Array;
  /** Total size of each side, summed in index order. */
  openLong: number;
  openShort: number;
  /** Sum of q * K of each side, for the side's aggregate equity q * (P - K). */
  openLongQK: number;
  openShortQK: number;
  /** Longs by K descending (the first to go as the price falls), ties by index. */
  longLadder: Int32Array;
  /** Shorts by K ascending (the first to go as the price rises), ties by index. */
  shortLadder: Int32Array;
}

/** The maintenance margin in force at t = 0, before the oracle has moved. */
export function initialMmr(p: Float64Array): number {
  if (p[A.P_DYNAMIC_MARGIN] === 0) return p[A.P_MMR];
  const m = p[A.P_SIGMA] / p[A.P_SIGMA_REF];
  return p[A.P_MMR] * Math.min(Math.max(m, 1), p[A.P_MAX_MULTIPLIER]);
}

export function generateBook(p: Float64Array): Book {
  const n = p[A.P_POSITIONS];
  const nLong = Math.floor(n * p[A.P_LONG_SHARE] + 0.5);
  const S0 = p[A.P_S0];
  const maxLev = 1 / p[A.P_IMR];
  const sl = p[A.P_LEVERAGE_DISPERSION], ss = p[A.P_SIZE_DISPERSION], se = p[A.P_ENTRY_SPREAD];
  const mmr0 = initialMmr(p);
  const rng = new Stream();
  rng.reset(p[A.P_SEED], 0, A.STREAM_BOOK);
  const b: Book = {
    n, nLong,
    side: new Int8Array(n), q: new Float64Array(n), K: new Float64Array(n),
    entry: new Float64Array(n), margin: new Float64Array(n),
    longLadder: new Int32Array(nLong), shortLadder: new Int32Array(n - nLong),
    openLong: 0, openShort: 0, openLongQK: 0, openShortQK: 0,
  };
  const lev = new Float64Array(n);
  const weight = new Float64Array(n);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const s = i < nLong ? 1 : -1;
    // Mean-preserving lognormals: E[leverage] = leverageMean before the cap, E[weight] = 1.
    let L = p[A.P_LEVERAGE_MEAN] * Math.exp(sl * normal(rng) - 0.5 * sl * sl);
    L = Math.min(Math.max(L, 1), maxLev);
    const w = Math.exp(ss * normal(rng) - 0.5 * ss * ss);
    // Entry prices spread around S0; a draw that would already be liquidatable at S0 is redrawn
    // (such a position would have been liquidated before the run starts).
    let E = S0, K = S0 * (1 - s / L);
    for (let tries = 0; tries < 16; tries++) {
      const e = S0 * Math.exp(se * normal(rng));
      const k = e * (1 - s / L);
      if (s > 0 ? k < S0 * (1 - mmr0) : k > S0 * (1 + mmr0)) { E = e; K = k; break; }
    }
    b.side[i] = s; b.entry[i] = E; b.K[i] = K; lev[i] = L; weight[i] = w;
    wsum += w;
  }
  for (let i = 0; i < n; i++) {
    const notional = (p[A.P_OPEN_INTEREST] * weight[i]) / wsum;
    b.q[i] = notional / b.entry[i];
    b.margin[i] = notional / lev[i];
    if (i < nLong) {
      b.openLong += b.q[i];
      b.openLongQK += b.q[i] * b.K[i];
    } else {
      b.openShort += b.q[i];
      b.openShortQK += b.q[i] * b.K[i];
    }
  }
  for (let i = 0; i < nLong; i++) b.longLadder[i] = i;
  for (let i = nLong; i < n; i++) b.shortLadder[i - nLong] = i;
  const K = b.K;
  b.longLadder.sort((x, y) => (K[x] !== K[y] ? (K[x] > K[y] ? -1 : 1) : x - y));
  b.shortLadder.sort((x, y) => (K[x] !== K[y] ? (K[x] < K[y] ? -1 : 1) : x - y));
  return b;
}
