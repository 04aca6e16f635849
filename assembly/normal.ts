// Standard normals by the ziggurat (Marsaglia & Tsang 2000) in Doornik's form (2005), which takes
// the layer from bits the uniform does not use. One draw yields a normal on the fast path, with no
// transcendental function on it, inlined where a normal is drawn: a 32-bit word with 256 layers
// (98.5% of the time), or a 64-bit draw with 128 layers for links v=1 (97.2%; rng.ts).
import { ZIG8_F, ZIG8_R, ZIG8_RATIO, ZIG8_X, ZIG_R, ZIG_RATIO, ZIG_X } from './shared/ziggurat-tables';
import { Stream } from './rng';
import { maxOf } from './common';

/** A random stream (rng.ts) that also draws normals and exponential gaps. */
export class Draws extends Stream {
  /** The ziggurat's tables for the stream's draws: 128 layers (64-bit draws) or 256 (32-bit words). */
  private zx: StaticArray<f64> = ZIG8_X;
  private zratio: StaticArray<f64> = ZIG8_RATIO;

  /** Starts the stream (seed, path, purpose) at draw 0, with 64-bit draws if `wide` (Stream.reset). */
  reset(seed: u32, path: u32, purpose: u32, wide: bool = false): void {
    super.reset(seed, path, purpose, wide);
    this.zx = wide ? ZIG_X : ZIG8_X;
    this.zratio = wide ? ZIG_RATIO : ZIG8_RATIO;
  }

  /** A standard normal: the ziggurat's fast path here, the rest (1.5% of words, 2.8% of 64-bit draws) in normalRest. */
  @inline normal(): f64 {
    let j = this.next16;
    if (j == this.end) {
      this.refill();
      j = 0;
    }
    this.next16 = j + 1;
    const u = unchecked(this.centred[j]); // made with the draw (Stream.centredOf, wordCentredOf)
    const i = i32(unchecked(this.buf[j + this.hi])) & this.mask;
    if (Math.abs(u) < unchecked(this.zratio[i])) return u * unchecked(this.zx[i]);
    return normalRest(this, u, i);
  }

  /**
   * n standard normals into out[at .. at + n): normal() n times, the same values. The fast path runs
   * over what the buffer holds in a loop with no call in it, so its values stay in registers (a
   * refill or the ziggurat's slow path between the loops, not in them: 8% off a 64-bit normal).
   */
  normals(out: StaticArray<f64>, at: i32, n: i32): void {
    const buf = this.buf, centred = this.centred, end = this.end, hi = this.hi, mask = this.mask;
    const zx = this.zx, zratio = this.zratio;
    let j = this.next16, k = 0;
    while (k < n) {
      if (j == end) {
        this.refill();
        j = 0;
      }
      const stop = j + min(end - j, n - k);
      for (; j < stop; j++, k++) {
        const u = unchecked(centred[j]); // normal()'s: the same bits
        const i = i32(unchecked(buf[j + hi])) & mask;
        if (!(Math.abs(u) < unchecked(zratio[i]))) break;
        unchecked((out[at + k] = u * unchecked(zx[i])));
      }
      if (j < stop) {
        // Draw j failed the fast path: the rest of the ziggurat, which may draw more.
        this.next16 = j + 1;
        unchecked((out[at + k] = normalRest(this, unchecked(centred[j]), i32(unchecked(buf[j + hi])) & mask)));
        j = this.next16;
        k++;
      }
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
   * it stopped at (end + 1 at the end). The normals are drawn as normals() draws them, inline, with
   * no call in the loop over the buffer: the walk's chain of additions overlaps the ziggurat's work
   * (Fundamental.fill).
   */
  walk(out: StaticArray<f64>, at: i32, t: i32, end: i32, drift: f64, vol: f64, lo: f64, hi: f64): i32 {
    const buf = this.buf, centred = this.centred, last = this.end, layer = this.hi, mask = this.mask;
    const zx = this.zx, zratio = this.zratio;
    let j = this.next16, x = this.walkX, max = this.walkMax, dd = this.walkDd;
    // The most a step on the fast path can move x (|z| < X[0], the widest layer), with room to spare
    // for rounding.
    const reach = (Math.abs(drift) + Math.abs(vol) * unchecked(zx[0])) * 1.001 + 1e-9;
    while (t <= end) {
      if (j == last) {
        this.refill();
        j = 0;
      }
      const stop = j + min(last - j, end + 1 - t);
      const room = <f64>(stop - j) * reach;
      if (ASC_FEATURE_SIMD && x - lo > room && hi - x > room) {
        // wasm, when the buffer's steps cannot reach the range: the loop below with no range test,
        // and the maximum and drawdown in vector registers (maxOf's splat and extract on every
        // step cost more than the maxima). The same values.
        let mv = f64x2.splat(max), dv = f64x2.splat(dd);
        for (; j < stop; j++, t++) {
          const u = unchecked(centred[j]); // normal()'s: the same bits
          const i = i32(unchecked(buf[j + layer])) & mask;
          if (!(Math.abs(u) < unchecked(zratio[i]))) break;
          x = x + (drift + vol * (u * unchecked(zx[i])));
          unchecked((out[at + t] = x));
          const xv = f64x2.splat(x);
          mv = f64x2.pmax(mv, xv);
          dv = f64x2.pmax(dv, f64x2.sub(mv, xv));
        }
        max = f64x2.extract_lane(mv, 0);
        dd = f64x2.extract_lane(dv, 0);
      } else {
        for (; j < stop; j++, t++) {
          const u = unchecked(centred[j]); // normal()'s: the same bits
          const i = i32(unchecked(buf[j + layer])) & mask;
          if (!(Math.abs(u) < unchecked(zratio[i]))) break;
          const y = x + (drift + vol * (u * unchecked(zx[i])));
          if (y > hi || y < lo) break;
          x = y;
          unchecked((out[at + t] = x));
          // The drawdown, branch-free: a new high leaves it as it was (its candidate is 0).
          max = maxOf(max, x);
          dd = maxOf(dd, max - x);
        }
      }
      if (j == stop) continue;
      // Step t's draw j failed the fast path or leaves the bounds: that step alone, as normal() would.
      const u = unchecked(centred[j]);
      const i = i32(unchecked(buf[j + layer])) & mask;
      let z: f64;
      if (Math.abs(u) < unchecked(zratio[i])) {
        z = u * unchecked(zx[i]);
        j++;
      } else {
        this.next16 = j + 1;
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
      max = maxOf(max, x);
      dd = maxOf(dd, max - x);
      t++;
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

/**
 * The ziggurat after its fast path failed for draw (u, i): the wedge test, the tail, or a new draw.
 * 64-bit draws keep the test of links v=1 (128 layers, two exps); 32-bit words compare with the
 * 256 layers' edge heights (ZIG8_F: one exp), and a new draw is a word.
 */
function normalRest(s: Draws, u: f64, i: i32): f64 {
  for (;;) {
    if (s.wide) {
      if (i == 0) return tail(s, u < 0, ZIG_R);
      const xi = unchecked(ZIG_X[i]), x = u * xi, xj = unchecked(ZIG_X[i + 1]);
      const f0 = NativeMath.exp(-0.5 * (xi * xi - x * x));
      const f1 = NativeMath.exp(-0.5 * (xj * xj - x * x));
      if (f1 + s.uniform() * (f0 - f1) < 1.0) return x;
      u = 2.0 * s.uniform() - 1.0;
      i = i32(s.x1 & 0x7f);
      if (Math.abs(u) < unchecked(ZIG_RATIO[i])) return u * unchecked(ZIG_X[i]);
    } else {
      if (i == 0) return tail(s, u < 0, ZIG8_R);
      const x = u * unchecked(ZIG8_X[i]), fi = unchecked(ZIG8_F[i]), fj = unchecked(ZIG8_F[i + 1]);
      if (fj + s.uniform() * (fi - fj) < NativeMath.exp(-0.5 * x * x)) return x;
      const w = s.word();
      u = Stream.wordCentredOf(w);
      i = i32(w & 0xff);
      if (Math.abs(u) < unchecked(ZIG8_RATIO[i])) return u * unchecked(ZIG8_X[i]);
    }
  }
  return 0; // not reached
}

/** Marsaglia's exact sampler for the normal tail beyond R. */
function tail(s: Stream, negative: bool, R: f64): f64 {
  let x: f64, y: f64;
  do {
    x = NativeMath.log(s.uniform()) / R;
    y = NativeMath.log(s.uniform());
  } while (-2.0 * y < x * x);
  return negative ? x - R : R - x;
}
