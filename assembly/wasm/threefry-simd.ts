// The wasm-only SIMD refill of the random stream (../rng.ts): 16 consecutive Threefry-2x32-20
// counters at once, as four independent chains of four lanes. Each round depends on the previous
// one, so one counter at a time is latency-bound; four chains keep the SIMD unit busy.
// centredSimd turns the draws into the ziggurat's uniforms, two at a time. Compiled only into wasm
// (ASC_FEATURE_SIMD); JS runs the scalar counterparts (../rng.ts).

function mix(x0: v128, x1: v128, r: i32): v128 {
  return v128.xor(v128.or(i32x4.shl(x1, r), i32x4.shr_u(x1, 32 - r)), x0);
}

/**
 * Threefry-2x32-20 of counters (n .. n+15, purpose) under key (key0, key1, key2) into buf from
 * word `at`: 16 low words, then 16 high. Bit for bit the scalar `threefry` of ../rng.ts, 16 times.
 */
export function threefrySimd(buf: StaticArray<u32>, at: i32, key0: u32, key1: u32, key2: u32, n: u32, purpose: u32): void {
  const k0 = i32x4.splat(key0), k1 = i32x4.splat(key1), k2 = i32x4.splat(key2);
  const c1 = i32x4.add(i32x4.splat(purpose), k1);
  let a0 = i32x4.add(i32x4(n, n + 1, n + 2, n + 3), k0), b0 = c1;
  let a1 = i32x4.add(i32x4(n + 4, n + 5, n + 6, n + 7), k0), b1 = c1;
  let a2 = i32x4.add(i32x4(n + 8, n + 9, n + 10, n + 11), k0), b2 = c1;
  let a3 = i32x4.add(i32x4(n + 12, n + 13, n + 14, n + 15), k0), b3 = c1;
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
  const p = changetype<usize>(buf) + (<usize>at << 2);
  v128.store(p, a0, 0);
  v128.store(p, a1, 16);
  v128.store(p, a2, 32);
  v128.store(p, a3, 48);
  v128.store(p, b0, 64);
  v128.store(p, b1, 80);
  v128.store(p, b2, 96);
  v128.store(p, b3, 112);
}

/**
 * Each draw's uniform on (-1, 1) into us, for the block at word `at`: Stream.centredOf of its 16
 * 64-bit draws (wide), or Stream.wordCentredOf of its 32 words, operation for operation.
 */
export function centredSimd(buf: StaticArray<u32>, us: StaticArray<f64>, at: i32, wide: bool): void {
  const p = changetype<usize>(buf) + (<usize>at << 2), q = changetype<usize>(us) + (<usize>at << 3);
  if (wide) {
    for (let k: usize = 0; k < 4; k++) centred(q, k * 32, v128.load(p + k * 16), v128.load(p + 64 + k * 16));
    return;
  }
  const one = i32x4.splat(1), scale = f64x2.splat(5.960464477539063e-8);
  for (let k: usize = 0; k < 8; k++) {
    const a = v128.or(i32x4.shr_s(v128.load(p + k * 16), 7), one);
    v128.store(q + k * 32, f64x2.mul(f64x2.convert_low_i32x4_s(a), scale));
    v128.store(q + k * 32 + 16, f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(a, a, 2, 3, 0, 1)), scale));
  }
}

/** Stream.centredOf of the four draws (low words a, high words b) into q + at .. q + at + 32. */
function centred(q: usize, at: usize, a: v128, b: v128): void {
  v128.store(q + at, centredPair(a, b));
  v128.store(q + at + 16, centredPair(i32x4.shuffle(a, a, 2, 3, 0, 1), i32x4.shuffle(b, b, 2, 3, 0, 1)));
}

/** Stream.centredOf of the draws in lanes 0 and 1 (low words a, high words b), operation for operation. */
function centredPair(a: v128, b: v128): v128 {
  const hi = f64x2.convert_low_i32x4_u(a), lo = f64x2.convert_low_i32x4_u(i32x4.shr_u(b, 11));
  const w = f64x2.mul(f64x2.add(f64x2.add(f64x2.mul(hi, f64x2.splat(2097152.0)), lo), f64x2.splat(0.5)), f64x2.splat(1.1102230246251565e-16));
  return f64x2.sub(f64x2.mul(f64x2.splat(2.0), w), f64x2.splat(1.0));
}
