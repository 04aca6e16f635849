// Standard normals by the ziggurat (Marsaglia & Tsang 2000) in Doornik's form (2005), which takes
// the layer from bits the uniform does not use. One 64-bit draw yields a normal 98.8% of the time,
// with no transcendental function on that fast path, which is inlined where a normal is drawn.
import { ZIG_R, ZIG_RATIO, ZIG_X } from './shared/ziggurat-tables';
import { BATCH, Stream } from './rng';

/** A random stream (rng.ts) that also draws normals and exponential gaps. */
export class Draws extends Stream {
  /** A standard normal: the ziggurat's fast path here, the rest (1.2% of draws) in normalRest. */
  @inline normal(): f64 {
    this.next();
    const u = unchecked(this.centred[this.next16 - 1]); // Stream.centredOf(x0, x1), made with the draw
    const i = i32(this.x1 & 0x7f);
    if (Math.abs(u) < unchecked(ZIG_RATIO[i])) return u * unchecked(ZIG_X[i]);
    return normalRest(this, u, i);
  }

  /**
   * n standard normals into out[at .. at + n): normal() n times, the same values, with the stream's
   * place in a local and no call on the fast path (x0 and x1 are not kept up to date).
   */
  normals(out: StaticArray<f64>, at: i32, n: i32): void {
    const buf = this.buf, centred = this.centred;
    let j = this.next16;
    for (let k = 0; k < n; k++) {
      if (j == BATCH) {
        this.refill();
        j = 0;
      }
      const u = unchecked(centred[j]); // normal()'s: the same bits
      const i = i32(unchecked(buf[j + BATCH]) & 0x7f);
      j++;
      let z: f64;
      if (Math.abs(u) < unchecked(ZIG_RATIO[i])) z = u * unchecked(ZIG_X[i]);
      else {
        this.next16 = j;
        z = normalRest(this, u, i);
        j = this.next16;
      }
      unchecked((out[at + k] = z));
    }
    this.next16 = j;
  }

  /** The gap to the next arrival of a Poisson process of `rate` per unit time: exponential, by inversion. */
  exponentialGap(rate: f64): f64 {
    return -NativeMath.log(this.uniform()) / rate;
  }
}

/** The ziggurat after its fast path failed for draw (u, i): the wedge test, the tail, or a new draw. */
function normalRest(s: Stream, u: f64, i: i32): f64 {
  for (;;) {
    if (i == 0) return tail(s, u < 0);
    const xi = unchecked(ZIG_X[i]);
    const x = u * xi;
    const xj = unchecked(ZIG_X[i + 1]);
    const f0 = NativeMath.exp(-0.5 * (xi * xi - x * x));
    const f1 = NativeMath.exp(-0.5 * (xj * xj - x * x));
    if (f1 + s.uniform() * (f0 - f1) < 1.0) return x;
    u = 2.0 * s.uniform() - 1.0;
    i = i32(s.x1 & 0x7f);
    if (Math.abs(u) < unchecked(ZIG_RATIO[i])) return u * unchecked(ZIG_X[i]);
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
