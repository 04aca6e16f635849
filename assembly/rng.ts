// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// the counter-based generator JAX uses. A stream is keyed by (seed, path) and the second counter
// word names its purpose, so every draw is a pure function of (seed, path, purpose, n): results do
// not depend on how paths are split among workers. Twin: src/reference/rng.ts.

export class Stream {
  /** Low and high 32 bits of the last draw. */
  x0: u32 = 0;
  x1: u32 = 0;
  private n: u32 = 0;
  private k0: u32 = 0;
  private k1: u32 = 0;
  private k2: u32 = 0;
  private purpose: u32 = 0;

  /** Starts the stream (seed, path, purpose) at draw 0. */
  reset(seed: u32, path: u32, purpose: u32): void {
    this.k0 = seed;
    this.k1 = path;
    this.k2 = seed ^ path ^ 0x1bd11bda;
    this.purpose = purpose;
    this.n = 0;
  }

  /** Moves to draw n of the stream. */
  seek(n: u32): void {
    this.n = n;
  }

  /** Draws the next 64 random bits into x0, x1. */
  @inline next(): void {
    const k0 = this.k0, k1 = this.k1, k2 = this.k2;
    let x0: u32 = this.n + k0;
    let x1: u32 = this.purpose + k1;
    this.n++;
    x0 += x1; x1 = rotl<u32>(x1, 13) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 15) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 26) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 6) ^ x0;
    x0 += k1; x1 += k2 + 1;
    x0 += x1; x1 = rotl<u32>(x1, 17) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 29) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 16) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 24) ^ x0;
    x0 += k2; x1 += k0 + 2;
    x0 += x1; x1 = rotl<u32>(x1, 13) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 15) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 26) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 6) ^ x0;
    x0 += k0; x1 += k1 + 3;
    x0 += x1; x1 = rotl<u32>(x1, 17) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 29) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 16) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 24) ^ x0;
    x0 += k1; x1 += k2 + 4;
    x0 += x1; x1 = rotl<u32>(x1, 13) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 15) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 26) ^ x0;
    x0 += x1; x1 = rotl<u32>(x1, 6) ^ x0;
    this.x0 = x0 + k2;
    this.x1 = x1 + k0 + 5;
  }

  /** A uniform draw on the open interval (0, 1) from 53 bits: x0 and the top 21 bits of x1. */
  @inline uniform(): f64 {
    this.next();
    return (<f64>this.x0 * 2097152.0 + <f64>(this.x1 >>> 11) + 0.5) * 1.1102230246251565e-16;
  }
}
