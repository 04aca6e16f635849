// The wasm-only branch-free maximum of ../common.ts (maxOf): f64x2.pmax is one maxpd on x64.
// Compiled only into wasm (ASC_FEATURE_SIMD); JS runs the comparison it stands for.

/** b when a < b, else a: f64x2.pmax on one lane. */
export function pmaxLane(a: f64, b: f64): f64 {
  return f64x2.extract_lane(f64x2.pmax(f64x2.splat(a), f64x2.splat(b)), 0);
}
