// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// the counter-based generator JAX uses. A stream is keyed by (seed, path) and the second counter
// word names its purpose, so every draw is a pure function of (seed, path, purpose, n): results do
// not depend on how paths are split among workers.
//
// Draws come 16 at a time from a refill. In wasm the refill is SIMD (wasm/threefry-simd.ts: four
// independent chains of four lanes, about 2.5x cheaper than one counter at a time, which is
// latency-bound); in JS it is the scalar `threefry` below. Tests hold the two bit for bit.
import { threefrySimd } from './wasm/threefry-simd';

export const BATCH = 16;

/** Threefry-2x32's rotation constants, one per round, in a cycle of eight. */
const ROTATIONS: StaticArray<i32> = [13, 15, 26, 6, 17, 29, 16, 24];

/** Key word j of the schedule (k0, k1, k2 = k0 ^ k1 ^ C240), j in 0..2. */
function keyWord(j: i32, k0: u32, k1: u32, k2: u32): u32 {
  return j == 0 ? k0 : j == 1 ? k1 : k2;
}

/**
 * Threefry-2x32-20 of counter (c0, c1) under key (k0, k1, k2) into buf[j], buf[j + BATCH]: 20
 * rounds of add, rotate and xor, with the key injected every four rounds (Salmon et al., Fig. 2).
 */
export function threefry(buf: StaticArray<u32>, j: i32, k0: u32, k1: u32, k2: u32, c0: u32, c1: u32): void {
  let x0 = u32(c0 + k0), x1 = u32(c1 + k1);
  for (let r = 0; r < 20; r++) {
    x0 = u32(x0 + x1);
    x1 = rotl<u32>(x1, unchecked(ROTATIONS[r & 7])) ^ x0;
    if ((r & 3) == 3) {
      const s = (r >> 2) + 1; // the s-th injection
      x0 = u32(x0 + keyWord(s % 3, k0, k1, k2));
      x1 = u32(x1 + keyWord((s + 1) % 3, k0, k1, k2) + s);
    }
  }
  unchecked((buf[j] = u32(x0)));
  unchecked((buf[j + BATCH] = u32(x1)));
}

export class Stream {
  /** Low and high 32 bits of the last draw. */
  x0: u32 = 0;
  x1: u32 = 0;
  private n: u32 = 0; // counter of the next refill
  private k0: u32 = 0;
  private k1: u32 = 0;
  private k2: u32 = 0;
  private purpose: u32 = 0;
  protected next16: i32 = BATCH; // index of the next draw in buf; BATCH: empty
  protected buf: StaticArray<u32> = new StaticArray<u32>(2 * BATCH); // 16 low words, then 16 high
  /** centredOf of each draw in buf: the ziggurat's uniform, made with the draws (in SIMD in wasm). */
  protected centred: StaticArray<f64> = new StaticArray<f64>(BATCH);

  /** Starts the stream (seed, path, purpose) at draw 0. */
  reset(seed: u32, path: u32, purpose: u32): void {
    this.k0 = u32(seed);
    this.k1 = u32(path);
    this.k2 = u32(seed ^ path ^ 0x1bd11bda);
    this.purpose = u32(purpose);
    this.n = 0;
    this.next16 = BATCH;
  }

  /** Moves to draw n of the stream. */
  seek(n: u32): void {
    this.n = u32(n);
    this.next16 = BATCH;
  }

  /** Draws the next 64 random bits into x0, x1. */
  @inline next(): void {
    if (this.next16 == BATCH) this.refill();
    const j = this.next16++;
    this.x0 = unchecked(this.buf[j]);
    this.x1 = unchecked(this.buf[j + BATCH]);
  }

  /** A uniform draw on the open interval (0, 1) from 53 bits: x0 and the top 21 bits of x1. */
  @inline uniform(): f64 {
    this.next();
    return Stream.uniformOf(this.x0, this.x1);
  }

  /** uniform()'s arithmetic for draw (x0, x1), for a draw read straight from the buffer (centredOf). */
  @inline static uniformOf(x0: u32, x1: u32): f64 {
    return (<f64>x0 * 2097152.0 + <f64>(x1 >>> 11) + 0.5) * 1.1102230246251565e-16;
  }

  /** 2 uniformOf(x0, x1) - 1: a uniform on (-1, 1), the ziggurat's (Draws.normal). */
  @inline static centredOf(x0: u32, x1: u32): f64 {
    return 2.0 * Stream.uniformOf(x0, x1) - 1.0;
  }

  /** Threefry-2x32-20 of counters (n .. n+15, purpose) into buf, and their centredOf into centred. */
  protected refill(): void {
    const n = this.n, buf = this.buf;
    if (ASC_FEATURE_SIMD) threefrySimd(buf, this.centred, this.k0, this.k1, this.k2, n, this.purpose);
    else {
      const centred = this.centred;
      for (let j = 0; j < BATCH; j++) {
        threefry(buf, j, this.k0, this.k1, this.k2, u32(n + j), this.purpose);
        unchecked((centred[j] = Stream.centredOf(unchecked(buf[j]), unchecked(buf[j + BATCH]))));
      }
    }
    this.n = u32(n + BATCH);
    this.next16 = 0;
  }
}
