// Threefry-2x32-20 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// the counter-based generator JAX uses. A stream is keyed by (seed, path) and the second counter
// word names its purpose, so every draw is a pure function of (seed, path, purpose, n): results do
// not depend on how paths are split among workers.
//
// Counters come in blocks of 16, 32 words (a refill makes one block for 64-bit draws, BLOCKS for
// 32-bit words). A stream reads them in one of two ways (docs/model.md §10):
// - 32-bit draws (the default since links v=2): word by word, buf[0], buf[1], ..., one word per
//   normal on the (256-layer) ziggurat's fast path, two words (53 bits) per uniform;
// - 64-bit draws (links v=1, made before): counter by counter, (buf[j], buf[j + 16]), one draw per
//   normal and per uniform.
// In wasm the refill is SIMD (wasm/threefry-simd.ts: four independent chains of four lanes, about
// 2.5x cheaper than one counter at a time, which is latency-bound); in JS it is the scalar
// `threefry` below. Tests hold the two bit for bit.
import { centredSimd, threefrySimd } from './wasm/threefry-simd';

export const BATCH = 16;
/**
 * Blocks of BATCH counters one refill makes for 32-bit words: 128 words, laid out block after block
 * (each block's 16 low words, then its 16 high), so the words come in the order single blocks give.
 * A long refill keeps the walk's loop over the buffer running longer between calls.
 */
export const BLOCKS = 4;

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
  /** 64-bit draws (links v=1) rather than 32-bit words. */
  wide: bool = false;
  /** Draws a refill makes: 16 (64-bit) or 128 (32-bit words). */
  protected end: i32 = 2 * BATCH * BLOCKS;
  /** Where draw j's ziggurat layer bits are: buf[j + hi] (the high word of a 64-bit draw, or the word itself). */
  protected hi: i32 = 0;
  /** The layer bits there: 7 (128 layers, 64-bit draws) or 8 (256 layers, 32-bit words). */
  protected mask: i32 = 0xff;
  protected next16: i32 = 2 * BATCH * BLOCKS; // index of the next draw in buf; end: empty
  protected buf: StaticArray<u32> = new StaticArray<u32>(2 * BATCH * BLOCKS); // per block, 16 low words, then 16 high
  /** Each draw's uniform on (-1, 1) for the ziggurat, made with the draws (in SIMD in wasm): centredOf or wordCentredOf. */
  protected centred: StaticArray<f64> = new StaticArray<f64>(2 * BATCH * BLOCKS);

  /** Starts the stream (seed, path, purpose) at draw 0, with 64-bit draws if `wide`. */
  reset(seed: u32, path: u32, purpose: u32, wide: bool = false): void {
    this.k0 = u32(seed);
    this.k1 = u32(path);
    this.k2 = u32(seed ^ path ^ 0x1bd11bda);
    this.purpose = u32(purpose);
    this.wide = wide;
    this.end = wide ? BATCH : 2 * BATCH * BLOCKS;
    this.hi = wide ? BATCH : 0;
    this.mask = wide ? 0x7f : 0xff;
    this.n = 0;
    this.next16 = this.end;
  }

  /** Moves to the refill of counter n (a multiple of 16 keeps draws where they were). */
  seek(n: u32): void {
    this.n = u32(n);
    this.next16 = this.end;
  }

  /** Draws the next 64 random bits into x0, x1: one 64-bit draw, or two 32-bit words. */
  @inline next(): void {
    if (this.wide) {
      if (this.next16 == BATCH) this.refill();
      const j = this.next16++;
      this.x0 = unchecked(this.buf[j]);
      this.x1 = unchecked(this.buf[j + BATCH]);
    } else {
      this.x0 = this.word();
      this.x1 = this.word();
    }
  }

  /** The next 32-bit word (32-bit draws only). */
  @inline word(): u32 {
    if (this.next16 == this.end) this.refill();
    return unchecked(this.buf[this.next16++]);
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

  /** 2 uniformOf(x0, x1) - 1: a uniform on (-1, 1), the ziggurat's for a 64-bit draw (Draws.normal). */
  @inline static centredOf(x0: u32, x1: u32): f64 {
    return 2.0 * Stream.uniformOf(x0, x1) - 1.0;
  }

  /**
   * The ziggurat's uniform on (-1, 1) for a 32-bit word w: its top 24 bits, signed, as an odd
   * multiple of 2^-24, so symmetric about 0 (the low 8 bits pick the layer). Exact in a double.
   */
  @inline static wordCentredOf(w: u32): f64 {
    return <f64>((i32(w) >> 7) | 1) * 5.960464477539063e-8;
  }

  /**
   * Threefry-2x32-20 of the next counters into buf, and each draw's uniform into centred: 16
   * counters (n .. n+15, purpose) for 64-bit draws, BLOCKS times as many for 32-bit words.
   */
  protected refill(): void {
    const n = this.n, buf = this.buf, centred = this.centred, wide = this.wide, blocks = wide ? 1 : BLOCKS;
    for (let b = 0; b < blocks; b++) {
      const at = b * 2 * BATCH, c = u32(n + b * BATCH);
      if (ASC_FEATURE_SIMD) {
        threefrySimd(buf, at, this.k0, this.k1, this.k2, c, this.purpose);
        centredSimd(buf, centred, at, wide);
      } else {
        for (let j = 0; j < BATCH; j++) threefry(buf, at + j, this.k0, this.k1, this.k2, u32(c + j), this.purpose);
        if (wide) for (let j = 0; j < BATCH; j++) unchecked((centred[j] = Stream.centredOf(unchecked(buf[j]), unchecked(buf[j + BATCH]))));
        else for (let j = at; j < at + 2 * BATCH; j++) unchecked((centred[j] = Stream.wordCentredOf(unchecked(buf[j]))));
      }
    }
    this.n = u32(n + blocks * BATCH);
    this.next16 = 0;
  }
}
