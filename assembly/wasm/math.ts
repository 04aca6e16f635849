// AssemblyScript's own transcendental functions (NativeMath, what the core calls for exp, log, ...)
// as a tiny wasm module of their own. The tests run the core as JS with these (test/setup/native-math.ts),
// so the JS run computes every exp and log to the same bit as the wasm and the two can be held to
// exact equality. Not part of the app.

import { InlineMath } from '../inline-math';

export function exp(x: f64): f64 {
  return NativeMath.exp(x);
}
export function expm1(x: f64): f64 {
  return NativeMath.expm1(x);
}
export function log(x: f64): f64 {
  return NativeMath.log(x);
}
export function log1p(x: f64): f64 {
  return NativeMath.log1p(x);
}
export function pow(x: f64, y: f64): f64 {
  return NativeMath.pow(x, y);
}

/** The core's inlined exp (../inline-math.ts), for the test that holds it to NativeMath.exp bit for bit. */
export function expInline(x: f64): f64 {
  return InlineMath.exp(x);
}
