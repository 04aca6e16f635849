// Reference twin of assembly/normal.ts: standard normals by the ziggurat (Marsaglia & Tsang 2000) in
// Doornik's form (2005), which takes the layer from bits the uniform does not use. One 64-bit draw
// yields a normal 98.8% of the time; no transcendental function runs on that fast path.
import { ZIG_R, ZIG_RATIO, ZIG_X } from '../../assembly/shared/ziggurat-tables';
import type { Stream } from './rng';

const X = Float64Array.from(ZIG_X);
const RATIO = Float64Array.from(ZIG_RATIO);

export function normal(s: Stream): number {
  for (;;) {
    const u = 2 * s.uniform() - 1;
    const i = s.x1 & 0x7f;
    if (Math.abs(u) < RATIO[i]) return u * X[i];
    if (i === 0) return tail(s, u < 0);
    const x = u * X[i];
    const f0 = Math.exp(-0.5 * (X[i] * X[i] - x * x));
    const f1 = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
    if (f1 + s.uniform() * (f0 - f1) < 1.0) return x;
  }
}

/** Marsaglia's exact sampler for the normal tail beyond ZIG_R. */
function tail(s: Stream, negative: boolean): number {
  let x: number, y: number;
  do {
    x = Math.log(s.uniform()) / ZIG_R;
    y = Math.log(s.uniform());
  } while (-2 * y < x * x);
  return negative ? x - ZIG_R : ZIG_R - x;
}

/** Poisson draw by inversion, given mean and p0 = exp(-mean); the model asks for small means. */
export function poisson(s: Stream, mean: number, p0: number): number {
  const u = s.uniform();
  let p = p0;
  let cdf = p;
  let k = 0;
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
