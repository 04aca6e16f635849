// Standard normals by the ziggurat (Marsaglia & Tsang 2000) in Doornik's form (2005), which takes
// the layer from bits the uniform does not use. One 64-bit draw yields a normal 97.2% of the time,
// with no transcendental function on that fast path, which is inlined where a normal is drawn.
import { ZIG_R, ZIG_RATIO, ZIG_X } from './shared/ziggurat-tables';
import { BATCH, Stream } from './rng';
import { maxOf } from './common';

/** A random stream (rng.ts) that also draws normals and exponential gaps. */
export class Draws extends Stream {
  /** A standard normal: the ziggurat's fast path here, the rest (2.8% of draws, measured) in normalRest. */
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

  // A random walk's state in and out of walk(): its value, running maximum and largest drawdown.
  walkX: f64 = 0;
  walkMax: f64 = 0;
  walkDd: f64 = 0;
  /** The normal of the step walk() stopped at, drawn and not yet used: the walk's next normal. */
  held: f64 = 0;
  holding: bool = false;

  /** The next normal of a walk: the one walk() held, or a new one. */
  @inline walkNormal(): f64 {
    if (this.holding) {
      this.holding = false;
      return this.held;
    }
    return this.normal();
  }

  /**
   * A random walk on this stream's normals over steps t..end: x += drift + vol * z, written to
   * out[at + t], with the running maximum and the largest drawdown; it stops early at a step whose
   * x would leave [lo, hi], and holds that step's normal (walkNormal() returns it next). Returns the step
   * it stopped at (end + 1 at the end). The normals are drawn as normals() draws them, inline: the
   * walk's chain of additions overlaps the ziggurat's work (Fundamental.fill).
   */
  walk(out: StaticArray<f64>, at: i32, t: i32, end: i32, drift: f64, vol: f64, lo: f64, hi: f64): i32 {
    const buf = this.buf, centred = this.centred;
    let j = this.next16, x = this.walkX, max = this.walkMax, dd = this.walkDd;
    for (; t <= end; t++) {
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
      const y = x + (drift + vol * z);
      if (y > hi || y < lo) {
        this.held = z;
        this.holding = true;
        break;
      }
      x = y;
      unchecked((out[at + t] = x));
      // The drawdown, branch-free: a new high leaves it as it was (its candidate is 0).
      max = maxOf(max, x);
      dd = maxOf(dd, max - x);
    }
    this.next16 = j;
    this.walkX = x;
    this.walkMax = max;
    this.walkDd = dd;
    return t;
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
