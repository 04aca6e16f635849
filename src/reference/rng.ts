// Reference twin of assembly/rng.ts: Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random
// numbers: as easy as 1, 2, 3", SC'11), the counter-based generator JAX uses. A stream is keyed by
// (seed, path) and its second counter word names the purpose, so every draw of every path is a pure
// function of (seed, path, purpose, n): results do not depend on how paths are split among workers.

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

export class Stream {
  /** Low and high 32 bits of the last draw. */
  x0 = 0;
  x1 = 0;
  private n = 0;
  private k0 = 0;
  private k1 = 0;
  private k2 = 0;
  private purpose = 0;

  /** Starts the stream (seed, path, purpose) at draw 0. */
  reset(seed: number, path: number, purpose: number): void {
    this.k0 = seed | 0;
    this.k1 = path | 0;
    this.k2 = this.k0 ^ this.k1 ^ 0x1bd11bda;
    this.purpose = purpose | 0;
    this.n = 0;
  }

  /** Moves to draw n of the stream. */
  seek(n: number): void {
    this.n = n | 0;
  }

  /** Draws the next 64 random bits into x0, x1. */
  next(): void {
    const k0 = this.k0, k1 = this.k1, k2 = this.k2;
    let x0 = (this.n + k0) | 0;
    let x1 = (this.purpose + k1) | 0;
    this.n = (this.n + 1) | 0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 13) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 15) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 26) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 6) ^ x0;
    x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 1) | 0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 17) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 29) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 16) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 24) ^ x0;
    x0 = (x0 + k2) | 0; x1 = (x1 + k0 + 2) | 0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 13) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 15) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 26) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 6) ^ x0;
    x0 = (x0 + k0) | 0; x1 = (x1 + k1 + 3) | 0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 17) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 29) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 16) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 24) ^ x0;
    x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 4) | 0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 13) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 15) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 26) ^ x0;
    x0 = (x0 + x1) | 0; x1 = rotl(x1, 6) ^ x0;
    this.x0 = (x0 + k2) | 0;
    this.x1 = (x1 + k0 + 5) | 0;
  }

  /** A uniform draw on the open interval (0, 1) from 53 bits: x0 and the top 21 bits of x1. */
  uniform(): number {
    this.next();
    return ((this.x0 >>> 0) * 2097152 + (this.x1 >>> 11) + 0.5) * 1.1102230246251565e-16;
  }
}
