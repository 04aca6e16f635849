// The fundamental price of one path: geometric Brownian motion or GARCH(1,1), Merton jumps, a
// scripted shock and an imported series (docs/model.md §3, step 1). It does not depend on anything liquidations do (their
// impact is kept apart), so runs that differ only in other levers share its paths (fill, key).
import * as A from './shared/abi';
import { KEY_LENGTH, SHARED_HEADER } from './shared/abi';
import { Draws } from './normal';
import { ModelParams } from './params';

/** The fundamental stays within a factor e^40 of its start: prices never overflow or vanish. */
const LOG_RANGE: f64 = 40;

export class Fundamental {
  fs: Draws = new Draws();
  js: Draws = new Draws();
  /** GARCH's variance of the next step's log return. */
  private h: f64 = 0;
  /** The next jump's arrival, in steps: jumps arrive as a Poisson process, by exponential gaps. */
  private nextJump: f64 = Infinity;
  private logFmax: f64;
  private logFmin: f64;

  /** `asset`: which asset of several it is (0: the first, whose streams are the one-asset model's). */
  constructor(private m: ModelParams, private asset: i32 = 0) {
    this.logFmax = m.logS0 + LOG_RANGE;
    this.logFmin = m.logS0 - LOG_RANGE;
  }

  /** Starts path `path` (its log F is log S0): its random streams, GARCH at its long-run variance, the first jump. */
  start(path: i32, drawJumps: bool): void {
    const m = this.m, k = this.asset;
    this.fs.reset(m.seed, u32(path), k == 0 ? A.STREAM_FUNDAMENTAL : A.STREAM_ASSETS + 2 * k, m.wide);
    this.js.reset(m.seed, u32(path), k == 0 ? A.STREAM_JUMPS : A.STREAM_ASSETS + 2 * k + 1, m.wide);
    this.h = m.volStep * m.volStep;
    this.nextJump = drawJumps && m.jumpsPerStep > 0 ? this.js.exponentialGap(m.jumpsPerStep) : Infinity;
  }

  /**
   * log F after step t: the diffusion, the jumps that arrive in it and the shock (an imported series
   * and the bounds come after). The caller passes m's drift, volStep, garch and shockDepth > 0, which
   * it holds in locals: read from memory every step, they cost the hot loop a few percent.
   */
  @inline step(logF: f64, t: i32, drift: f64, volStep: f64, garch: bool, shock: bool): f64 {
    return this.move(logF, t, this.fs.normal(), drift, volStep, garch, shock);
  }

  /** step(), with the diffusion's standard normal z given (several assets' correlated draws). */
  @inline move(logF: f64, t: i32, z: f64, drift: f64, volStep: f64, garch: bool, shock: bool): f64 {
    const m = this.m;
    if (garch) logF += this.garchMove(z);
    else logF += drift + volStep * z;
    // A step with no arrival (nearly all of them) costs one comparison, not a draw.
    while (this.nextJump <= <f64>t) {
      logF += m.jumpMean + m.jumpStd * this.js.normal();
      this.nextJump += this.js.exponentialGap(m.jumpsPerStep);
    }
    if (shock) logF += this.shockStep(t);
    return logF;
  }

  /** log F at step t under an imported series: the series alone, or plus the simulated path. */
  seriesStep(logF: f64, t: i32): f64 {
    const m = this.m, o = m.series;
    if (m.seriesMode == A.SERIES_ALONE) return m.logS0 + unchecked(o[t]); // every path the same: no draws
    return logF + (unchecked(o[t]) - unchecked(o[t - 1]));
  }

  /** log F kept within LOG_RANGE of log S0. */
  @inline bound(logF: f64): f64 {
    if (logF > this.logFmax) return this.logFmax;
    if (logF < this.logFmin) return this.logFmin;
    return logF;
  }

  /**
   * Path `path`'s log F at steps 0..steps into out[at..]: what runPath computes step by step.
   * Returns the path's largest drawdown of log F, as runPath measures it (the quiet lane leaves it
   * to this loop, as it depends on the path alone).
   */
  fill(path: i32, out: StaticArray<f64>, at: i32): f64 {
    const m = this.m, drift = m.drift, volStep = m.volStep, garch = m.garch, shock = m.shockDepth > 0;
    this.start(path, true);
    const fs = this.fs, steps = m.steps, plain = !garch && !shock;
    // The diffusion's normals in the stream's order, one per step: drawn inline by the walk, or
    // one at a time by the steps with a jump (or GARCH, or a shock).
    fs.holding = false;
    let logF = m.logS0, maxLogF = logF, ddF: f64 = 0;
    unchecked((out[at] = logF));
    for (let t = 1; t <= steps; t++) {
      if (plain) {
        // Up to the next jump's step, the diffusion alone: move() and bound() without the jump's
        // draws (Draws.walk). A step that would leave the bounds (none, nearly always) is left to
        // bound() below, with its normal held: clamping in the walk put a compare and select on
        // the chain from one step to the next.
        const end = this.nextJump > <f64>steps ? steps : i32(Math.ceil(this.nextJump)) - 1; // the last step with no arrival
        fs.walkX = logF;
        fs.walkMax = maxLogF;
        fs.walkDd = ddF;
        t = fs.walk(out, at, t, end, drift, volStep, this.logFmin, this.logFmax);
        logF = fs.walkX;
        maxLogF = fs.walkMax;
        ddF = fs.walkDd;
        if (t > steps) break;
      }
      logF = this.bound(this.move(logF, t, fs.walkNormal(), drift, volStep, garch, shock));
      unchecked((out[at + t] = logF));
      if (logF > maxLogF) maxLogF = logF;
      else if (maxLogF - logF > ddF) ddF = maxLogF - logF;
    }
    return ddF;
  }

  /** Whether a shared region (shared/abi.ts) holds paths [first, first + count) of this process. */
  holds(region: StaticArray<f64>, first: i32, count: i32): bool {
    if (unchecked(region[KEY_LENGTH]) != <f64>first || unchecked(region[KEY_LENGTH + 1]) != <f64>count) return false;
    const key = this.key();
    for (let i = 0; i < KEY_LENGTH; i++) if (unchecked(region[i]) != unchecked(key[i])) return false;
    return true;
  }

  /** Draws paths [first, first + count) into a shared region, under this process's key. */
  fillChunk(region: StaticArray<f64>, first: i32, count: i32): void {
    const key = this.key();
    for (let i = 0; i < KEY_LENGTH; i++) unchecked((region[i] = key[i]));
    unchecked((region[KEY_LENGTH] = <f64>first));
    unchecked((region[KEY_LENGTH + 1] = <f64>count));
    const steps = this.m.steps, drawdowns = A.sharedDrawdowns(steps, count);
    for (let k = 0; k < count; k++) unchecked((region[drawdowns + k] = this.fill(first + k, region, SHARED_HEADER + k * (steps + 1))));
  }

  /** What the paths depend on: runs with equal keys have the same fundamental paths. */
  key(): StaticArray<f64> {
    const m = this.m, k = new StaticArray<f64>(KEY_LENGTH);
    k[0] = <f64>m.seed; k[1] = <f64>m.steps; k[2] = m.dt; k[3] = m.logS0; k[4] = m.drift; k[5] = m.volStep;
    k[6] = m.jumpsPerStep; k[7] = m.jumpMean; k[8] = m.jumpStd; k[9] = m.shockDepth; k[10] = m.shockLog;
    k[11] = m.shockStart; k[12] = m.shockDuration; k[13] = m.garch ? 1 : 0; k[14] = m.garchAlpha;
    k[15] = m.garchBeta; k[16] = m.garchOmega; k[17] = m.muStep; k[18] = m.wide ? 1 : 0;
    return k;
  }

  /** The log move under GARCH(1,1) for the standard normal z, and the variance of the next one. */
  private garchMove(z: f64): f64 {
    const m = this.m, h = this.h;
    const e = Math.sqrt(h) * z;
    this.h = m.garchOmega + m.garchAlpha * e * e + m.garchBeta * h;
    return m.muStep - 0.5 * h + e;
  }

  /** Log change from the scripted shock during step t (linear in time). */
  private shockStep(t: i32): f64 {
    const m = this.m;
    const a = <f64>(t - 1) * m.dt, b = <f64>t * m.dt;
    if (m.shockDuration <= 0) return m.shockStart >= a && m.shockStart < b ? m.shockLog : 0;
    const overlap = Math.min(b, m.shockStart + m.shockDuration) - Math.max(a, m.shockStart);
    return overlap > 0 ? (m.shockLog * overlap) / m.shockDuration : 0;
  }
}
