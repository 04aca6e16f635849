// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// the counter-based generator JAX uses. A stream is keyed by (seed, path) and the second counter
// word names its purpose, so every draw is a pure function of (seed, path, purpose, n): results do
// not depend on how paths are split among workers. Twin: src/reference/rng.ts (scalar).
//
// Speed: each round depends on the previous one, so one counter at a time is latency-bound. A
// refill computes 16 consecutive counters at once, as four independent chains of four SIMD lanes,
// and the stream hands them out in order: the same sequence as the scalar twin, about 2.5x cheaper.

// @ts-ignore: decorator
@inline function mix(x0: v128, x1: v128, r: i32): v128 {
  return v128.xor(v128.or(i32x4.shl(x1, r), i32x4.shr_u(x1, 32 - r)), x0);
}

const BATCH = 16;

export class Stream {
  /** Low and high 32 bits of the last draw. */
  x0: u32 = 0;
  x1: u32 = 0;
  private n: u32 = 0; // counter of the next refill
  private k0: u32 = 0;
  private k1: u32 = 0;
  private k2: u32 = 0;
  private purpose: u32 = 0;
  private next16: i32 = BATCH; // index of the next draw in buf; BATCH: empty
  private buf: StaticArray<u32> = new StaticArray<u32>(2 * BATCH); // 16 low words, then 16 high

  /** Starts the stream (seed, path, purpose) at draw 0. */
  reset(seed: u32, path: u32, purpose: u32): void {
    this.k0 = seed;
    this.k1 = path;
    this.k2 = seed ^ path ^ 0x1bd11bda;
    this.purpose = purpose;
    this.n = 0;
    this.next16 = BATCH;
  }

  /** Moves to draw n of the stream. */
  seek(n: u32): void {
    this.n = n;
    this.next16 = BATCH;
  }

  /** Draws the next 64 random bits into x0, x1. */
  @inline next(): void {
    if (this.next16 == BATCH) this.refill();
    const p = changetype<usize>(this.buf) + (<usize>this.next16 << 2);
    this.x0 = load<u32>(p);
    this.x1 = load<u32>(p, BATCH << 2);
    this.next16++;
  }

  /** A uniform draw on the open interval (0, 1) from 53 bits: x0 and the top 21 bits of x1. */
  @inline uniform(): f64 {
    this.next();
    return (<f64>this.x0 * 2097152.0 + <f64>(this.x1 >>> 11) + 0.5) * 1.1102230246251565e-16;
  }

  /** Threefry-2x32-20 of counters (n .. n+15, purpose) under key (k0, k1) into buf. */
  private refill(): void {
    const k0 = i32x4.splat(this.k0), k1 = i32x4.splat(this.k1), k2 = i32x4.splat(this.k2);
    const n = this.n;
    const c1 = i32x4.add(i32x4.splat(this.purpose), k1);
    let a0 = i32x4.add(i32x4(n, n + 1, n + 2, n + 3), k0), b0 = c1;
    let a1 = i32x4.add(i32x4(n + 4, n + 5, n + 6, n + 7), k0), b1 = c1;
    let a2 = i32x4.add(i32x4(n + 8, n + 9, n + 10, n + 11), k0), b2 = c1;
    let a3 = i32x4.add(i32x4(n + 12, n + 13, n + 14, n + 15), k0), b3 = c1;
    this.n = n + BATCH;
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 13); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 13);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 13); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 13);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 15); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 15);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 15); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 15);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 26); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 26);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 26); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 26);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 6); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 6);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 6); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 6);
    const i0 = i32x4.add(k2, i32x4.splat(1));
    a0 = i32x4.add(a0, k1); a1 = i32x4.add(a1, k1); a2 = i32x4.add(a2, k1); a3 = i32x4.add(a3, k1);
    b0 = i32x4.add(b0, i0); b1 = i32x4.add(b1, i0); b2 = i32x4.add(b2, i0); b3 = i32x4.add(b3, i0);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 17); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 17);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 17); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 17);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 29); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 29);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 29); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 29);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 16); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 16);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 16); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 16);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 24); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 24);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 24); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 24);
    const i1 = i32x4.add(k0, i32x4.splat(2));
    a0 = i32x4.add(a0, k2); a1 = i32x4.add(a1, k2); a2 = i32x4.add(a2, k2); a3 = i32x4.add(a3, k2);
    b0 = i32x4.add(b0, i1); b1 = i32x4.add(b1, i1); b2 = i32x4.add(b2, i1); b3 = i32x4.add(b3, i1);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 13); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 13);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 13); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 13);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 15); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 15);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 15); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 15);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 26); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 26);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 26); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 26);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 6); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 6);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 6); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 6);
    const i2 = i32x4.add(k1, i32x4.splat(3));
    a0 = i32x4.add(a0, k0); a1 = i32x4.add(a1, k0); a2 = i32x4.add(a2, k0); a3 = i32x4.add(a3, k0);
    b0 = i32x4.add(b0, i2); b1 = i32x4.add(b1, i2); b2 = i32x4.add(b2, i2); b3 = i32x4.add(b3, i2);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 17); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 17);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 17); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 17);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 29); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 29);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 29); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 29);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 16); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 16);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 16); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 16);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 24); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 24);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 24); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 24);
    const i3 = i32x4.add(k2, i32x4.splat(4));
    a0 = i32x4.add(a0, k1); a1 = i32x4.add(a1, k1); a2 = i32x4.add(a2, k1); a3 = i32x4.add(a3, k1);
    b0 = i32x4.add(b0, i3); b1 = i32x4.add(b1, i3); b2 = i32x4.add(b2, i3); b3 = i32x4.add(b3, i3);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 13); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 13);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 13); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 13);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 15); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 15);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 15); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 15);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 26); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 26);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 26); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 26);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 6); a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 6);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 6); a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 6);
    const i4 = i32x4.add(k0, i32x4.splat(5));
    a0 = i32x4.add(a0, k2); a1 = i32x4.add(a1, k2); a2 = i32x4.add(a2, k2); a3 = i32x4.add(a3, k2);
    b0 = i32x4.add(b0, i4); b1 = i32x4.add(b1, i4); b2 = i32x4.add(b2, i4); b3 = i32x4.add(b3, i4);
    const p = changetype<usize>(this.buf);
    v128.store(p, a0, 0);
    v128.store(p, a1, 16);
    v128.store(p, a2, 32);
    v128.store(p, a3, 48);
    v128.store(p, b0, 64);
    v128.store(p, b1, 80);
    v128.store(p, b2, 96);
    v128.store(p, b3, 112);
    this.next16 = 0;
  }
}
