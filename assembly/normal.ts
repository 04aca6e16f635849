// Standard normals by the ziggurat (Marsaglia & Tsang 2000) in Doornik's form (2005), which takes
// the layer from bits the uniform does not use. One 64-bit draw yields a normal 98.8% of the time,
// with no transcendental function on that fast path.
import { ZIG_R, ZIG_RATIO, ZIG_X } from './shared/ziggurat-tables';
import { Stream } from './rng';

export function normal(s: Stream): f64 {
  for (;;) {
    const u = 2.0 * s.uniform() - 1.0;
    const i = i32(s.x1 & 0x7f);
    const xi = unchecked(ZIG_X[i]);
    if (Math.abs(u) < unchecked(ZIG_RATIO[i])) return u * xi;
    if (i == 0) return tail(s, u < 0);
    const x = u * xi;
    const xj = unchecked(ZIG_X[i + 1]);
    const f0 = NativeMath.exp(-0.5 * (xi * xi - x * x));
    const f1 = NativeMath.exp(-0.5 * (xj * xj - x * x));
    if (f1 + s.uniform() * (f0 - f1) < 1.0) return x;
  }
  return 0; // not reached
}

/** Marsaglia's exact sampler for the normal tail beyond ZIG_R. */
function tail(s: Stream, negative: bool): f64 {
  let x: f64, y: f64;
  do {
    x = NativeMath.log(s.uniform()) / ZIG_R;
    y = NativeMath.log(s.uniform());
  } while (-2.0 * y < x * x);
  return negative ? x - ZIG_R : ZIG_R - x;
}

/** Poisson draw by inversion, given mean and p0 = exp(-mean); the model asks for small means. */
export function poisson(s: Stream, mean: f64, p0: f64): i32 {
  const u = s.uniform();
  let p = p0;
  let cdf = p;
  let k = 0;
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / <f64>k;
    cdf += p;
  }
  return k;
}
