// One run of the model (docs/model.md): the book, then path after path of steps. Each step: the
// fundamental moves, the market price forms, the oracle observes, liquidations run, aggregates
// are recorded.
import * as A from './shared/abi';
import { PRICE_BAND, chunkLength } from './shared/abi';
import { Book, generateBook } from './book';
import { OPEN, YEAR, logOf } from './common';
import { Desk } from './desk';
import { Impact } from './impact';
import { Ladder } from './ladder';
import { normal, poisson } from './normal';
import { ModelParams } from './params';
import { Stream } from './rng';
import { Totals } from './totals';

/** Seconds without a liquidation that end a wave. */
const WAVE_GAP: f64 = 60;
/** A side whose open size fell below this share of its start has nobody left to deleverage. */
const ADL_MIN_SIZE: f64 = 1e-9;
/** The fundamental stays within a factor e^40 of its start: prices never overflow or vanish. */
const LOG_RANGE: f64 = 40;

export class Engine {
  m: ModelParams;
  book: Book;
  longs: Ladder;
  shorts: Ladder;
  // Per-position state, restored after each path from the book through the dirty list.
  q: StaticArray<f64>;
  K: StaticArray<f64>; // bankruptcy price before the side's ADL levy
  logK: StaticArray<f64>;
  state: StaticArray<u8>;
  private dirty: StaticArray<i32>;
  private dirtyCount: i32 = 0;
  private touched: StaticArray<u8>;
  desk!: Desk; // assigned last: it keeps a reference to this engine
  impact: Impact = new Impact();
  tot: Totals = new Totals();
  fs: Stream = new Stream();
  js: Stream = new Stream();
  // Market state of the current path.
  logF: f64 = 0; // as of the last grid record or trace step
  logP: f64 = 0;
  logPref: f64 = 0; // market log price at the start of the step, before any flow
  U: f64 = 0; // the step's cumulative signed flow (asset units valued at S0; buys positive)
  impactFloor: f64 = 0; // the step's flow may move the log price by no less than this
  impactCeiling: f64 = 0; // and no more than this: the price band around the fundamental
  depthShare: f64 = 1;
  logO: f64 = 0;
  private Ocache: f64 = 0; // exp(logO), computed only when a liquidation needs it
  private Ostale: bool = false;
  private ring: StaticArray<f64>; // market log prices of the last latency + 1 steps
  private variance: f64 = 0; // EWMA of the oracle's squared log return per second
  sigmaHat: f64 = 0;
  mmrT: f64 = 0;
  lnDown: f64 = 0; // ln(1 - mmrT)
  lnUp: f64 = 0; // ln(1 + mmrT)
  thrL: f64 = 0; // a long is liquidatable when log K > thrL
  thrS: f64 = 0; // a short is liquidatable when log K < thrS
  topL: f64 = 0; // log K of the next long on the ladder (-inf: none)
  topS: f64 = 0; // log K of the next short on the ladder (+inf: none)
  gasT: f64 = 0;
  shiftL: f64 = 0; // ADL levy per unit on longs: raises their K
  shiftS: f64 = 0; // ADL levy per unit on shorts: lowers their K
  openL: f64 = 0; // open size of each side, the base of an ADL levy
  openS: f64 = 0;
  openQKL: f64 = 0; // sum of q * K (before the ADL levy) of open positions of each side
  openQKS: f64 = 0;
  fund: f64 = 0;
  cumNotional: f64 = 0;
  stepNotional: f64 = 0;
  stepCount: i32 = 0;
  stepUncoveredL: f64 = 0;
  stepUncoveredS: f64 = 0;
  private lastLiqTime: f64 = 0;
  private bucket: f64 = -1;
  private bucketSum: f64 = 0;
  private minuteWindow: f64;
  /** The chunk result being filled. */
  out: StaticArray<f64>;
  // The replay trace, when tracing one path.
  tracing: bool = false;
  traceSteps: StaticArray<f64> = new StaticArray<f64>(0);
  events: StaticArray<f64> = new StaticArray<f64>(0);
  eventCount: i32 = 0;
  eventsTruncated: bool = false;
  /** The liquidation map and cascade curve, allocated on first use. */
  cascadeOut: StaticArray<f64> = new StaticArray<f64>(0);

  constructor(params: StaticArray<f64>, maxPaths: i32) {
    const m = new ModelParams(params);
    const book = generateBook(m);
    const n = book.n;
    const q = new StaticArray<f64>(n);
    const K = new StaticArray<f64>(n);
    const logK = new StaticArray<f64>(n);
    for (let i = 0; i < n; i++) {
      unchecked((q[i] = book.q[i]));
      unchecked((K[i] = book.K[i]));
      unchecked((logK[i] = logOf(K[i])));
    }
    this.m = m;
    this.book = book;
    this.q = q;
    this.K = K;
    this.logK = logK;
    this.state = new StaticArray<u8>(n);
    this.dirty = new StaticArray<i32>(n);
    this.touched = new StaticArray<u8>(n);
    this.longs = new Ladder(1, book.longLadder, K);
    this.shorts = new Ladder(-1, book.shortLadder, K);
    this.ring = new StaticArray<f64>(m.latencySteps + 1);
    this.minuteWindow = Math.max(60, m.dt);
    this.out = new StaticArray<f64>(chunkLength(m.grid, maxPaths));
    this.desk = new Desk(this);
  }

  /** Simulates paths [first, first + count) into `out` (layout in assembly/shared/abi.ts). */
  runChunk(first: i32, count: i32): void {
    const out = this.out;
    for (let i = 0, end = chunkLength(this.m.grid, count); i < end; i++) unchecked((out[i] = 0));
    unchecked((out[A.H_PATHS] = count));
    unchecked((out[A.H_FIRST_PATH] = first));
    const records = chunkLength(this.m.grid, 0);
    for (let k = 0; k < count; k++) {
      this.runPath(first + k, true);
      this.tot.write(out, records + k * A.R_COUNT);
    }
  }

  /** Re-simulates one path, recording every step and every liquidation for the replay. */
  tracePath(path: i32): void {
    if (this.traceSteps.length == 0) {
      this.traceSteps = new StaticArray<f64>((this.m.steps + 1) * A.T_COUNT);
      this.events = new StaticArray<f64>(A.MAX_EVENTS * A.E_COUNT);
    }
    this.eventCount = 0;
    this.eventsTruncated = false;
    this.tracing = true;
    this.runPath(path, false);
    this.tracing = false;
  }

  private runPath(path: i32, record: bool): void {
    const m = this.m, desk = this.desk, ring = this.ring, impact = this.impact;
    this.resetPath();
    const fs = this.fs, js = this.js;
    fs.reset(m.seed, u32(path), A.STREAM_FUNDAMENTAL);
    js.reset(m.seed, u32(path), A.STREAM_JUMPS);
    // The path's hot state lives in locals (registers); fields are written where other code reads.
    const drift = m.drift, volStep = m.volStep, resDecay = m.resDecay, perm = m.permanentImpact;
    const upThr = m.upThr, downThr = m.downThr, heartbeat = m.heartbeatSteps, len = ring.length;
    const steps = m.steps, ladder = !m.naive, tracing = this.tracing;
    const jumps = m.jumpsPerStep > 0, shock = m.shockDepth > 0, withdrawal = m.withdrawal, amm = m.isAmm;
    const needSigma = m.needSigma, dynamic = m.dynamicMargin;
    const logFmax = m.logS0 + LOG_RANGE, logFmin = m.logS0 - LOG_RANGE;
    let logF = m.logS0, Iperm: f64 = 0, Itrans: f64 = 0, logP = m.logS0, logO = m.logS0;
    let thrL = this.thrL, thrS = this.thrS, topL = this.topL, topS = this.topS;
    let lastPub = 0, ringPos = 0;
    let maxLogP = logP, maxLogF = logF, ddM: f64 = 0, ddF: f64 = 0;
    let gridNext = 1;
    let gridStep = i32(steps / m.grid); // integer division in both wasm and JS
    if (record) this.recordGrid(0);
    if (tracing) this.recordTrace(0, false);
    for (let t = 1; t <= steps; t++) {
      // 1. The fundamental moves; transient impact decays; the market price forms.
      logF += drift + volStep * normal(fs);
      if (jumps) {
        const k = poisson(js, m.jumpsPerStep, m.noJumpChance);
        for (let j = 0; j < k; j++) logF += m.jumpMean + m.jumpStd * normal(js);
      }
      if (shock) logF += this.shockStep(t);
      if (logF > logFmax) logF = logFmax;
      else if (logF < logFmin) logF = logFmin;
      Itrans *= resDecay;
      if (withdrawal) {
        const share = NativeMath.pow(m.sigmaRef / this.sigmaHat, m.withdrawalExponent);
        this.depthShare = Math.min(Math.max(share, m.minDepthShare), 1);
        impact.configure(m, this.depthShare);
      }
      const logPref = logF + Iperm + Itrans;
      let U: f64 = 0;
      if (amm) {
        this.setStep(logF, logPref);
        this.U = 0;
        desk.arbitrage();
        U = this.U;
      }
      // 2. The oracle observes the price of `latency` steps ago (the next slot of the ring, which
      // holds latency + 1 prices) and maybe publishes it; volatility and margin update.
      const w = ringPos + 1 == len ? 0 : ringPos + 1;
      ringPos = w;
      unchecked((ring[w] = U == 0 ? logPref : logPref + impact.g(U)));
      const seen = unchecked(ring[w + 1 == len ? 0 : w + 1]);
      const move = seen - logO;
      const prev = logO;
      if (move >= upThr || move <= downThr || t - lastPub >= heartbeat) {
        logO = seen;
        lastPub = t;
      }
      if (needSigma) this.updateVolatility(logO - prev);
      if (logO != prev || dynamic) {
        this.logO = logO;
        if (logO != prev) this.Ostale = true;
        if (dynamic) this.setMargin();
        thrL = logO + this.lnDown;
        thrS = logO + this.lnUp;
      }
      // 3-5. Liquidations at the oracle price, settled at execution prices. The ladders' tops say
      // at once whether anything is crossed; only then is the desk called.
      let settled = false;
      if (!ladder || topL > thrL || topS < thrS || desk.auctions.count > 0 || desk.sched.count > 0) {
        this.thrL = thrL;
        this.thrS = thrS;
        this.setStep(logF, logPref);
        this.U = U;
        this.stepNotional = 0;
        this.stepCount = 0;
        this.stepUncoveredL = this.stepUncoveredS = 0;
        desk.liquidate(t);
        U = this.U;
        if (ladder) this.refreshTops();
        settled = true;
      }
      // End of step: the flow's impact splits into permanent and transient parts.
      if (U != 0) {
        const dI = impact.g(U);
        Iperm += perm * dI;
        Itrans += (1 - perm) * dI;
      }
      logP = logF + Iperm + Itrans;
      if (settled) {
        if (this.stepUncoveredL > 0 || this.stepUncoveredS > 0) this.socialise(t, NativeMath.exp(logP));
        if (this.stepCount > 0) this.countWave(t);
        topL = this.topL;
        topS = this.topS;
      }
      // 6. Aggregates.
      if (logP > maxLogP) maxLogP = logP;
      else if (maxLogP - logP > ddM) ddM = maxLogP - logP;
      if (logF > maxLogF) maxLogF = logF;
      else if (maxLogF - logF > ddF) ddF = maxLogF - logF;
      if (t == gridStep) {
        if (record) {
          this.logF = logF;
          this.logP = logP;
          this.recordGrid(gridNext);
        }
        gridNext++;
        // round down (g * steps / grid) in doubles: exact, as the product stays far below 2^53
        gridStep = i32((<f64>gridNext * <f64>steps) / <f64>m.grid);
      }
      if (tracing) {
        this.logF = logF;
        this.logP = logP;
        this.thrL = thrL;
        this.thrS = thrS;
        this.recordTrace(t, settled);
      }
    }
    this.logF = logF;
    this.logP = logP;
    this.tot.ddMarket = ddM;
    this.tot.ddFundamental = ddF;
    this.finishPath();
  }

  /** What the desk reads of the step: its reference price and the price band around the fundamental. */
  private setStep(logF: f64, logPref: f64): void {
    this.logPref = logPref;
    this.impactFloor = logF - PRICE_BAND - logPref;
    this.impactCeiling = logF + PRICE_BAND - logPref;
  }

  /** EWMA of the oracle's squared log return r per second, and the gas it implies. */
  private updateVolatility(r: f64): void {
    const m = this.m;
    this.variance = m.volDecay * this.variance + ((1 - m.volDecay) * r * r) / m.dt;
    this.sigmaHat = Math.sqrt(this.variance * YEAR);
    if (m.congestion != 0) this.gasT = m.gasCost * NativeMath.pow(Math.max(1, this.sigmaHat / m.sigmaRef), m.congestion);
  }

  /** The log bankruptcy price of each ladder's next position (none: never crossed). */
  refreshTops(): void {
    const a = this.longs.peek();
    this.topL = a < 0 ? -Infinity : this.shiftL == 0 ? unchecked(this.logK[a]) : logOf(this.kEff(a));
    const b = this.shorts.peek();
    this.topS = b < 0 ? Infinity : this.shiftS == 0 ? unchecked(this.logK[b]) : logOf(this.kEff(b));
  }

  private resetPath(): void {
    const m = this.m;
    for (let k = 0; k < this.dirtyCount; k++) {
      const i = unchecked(this.dirty[k]);
      unchecked((this.q[i] = this.book.q[i]));
      unchecked((this.K[i] = this.book.K[i]));
      unchecked((this.logK[i] = logOf(this.K[i])));
      unchecked((this.state[i] = OPEN));
      unchecked((this.touched[i] = 0));
    }
    this.dirtyCount = 0;
    this.longs.reset();
    this.shorts.reset();
    this.desk.reset();
    this.logF = this.logP = this.logPref = this.logO = m.logS0;
    this.Ocache = m.S0;
    this.Ostale = false;
    for (let j = 0; j < this.ring.length; j++) unchecked((this.ring[j] = m.logS0));
    this.variance = (m.sigma * m.sigma) / YEAR;
    this.sigmaHat = m.sigma;
    this.depthShare = 1;
    this.impact.configure(m, 1);
    this.mmrT = -1; // forces setMargin to compute the logs
    this.setMargin();
    this.gasT = m.gasCost;
    this.shiftL = this.shiftS = 0;
    this.refreshTops();
    this.openL = this.book.openLong;
    this.openS = this.book.openShort;
    this.openQKL = this.book.openLongQK;
    this.openQKS = this.book.openShortQK;
    this.tot.reset();
    this.fund = m.insuranceFund;
    this.cumNotional = 0;
    this.lastLiqTime = -Infinity;
    this.bucket = -1;
    this.bucketSum = 0;
  }

  /** Marks a position as changed on this path, so the next path restores it. */
  markDirty(i: i32): void {
    if (unchecked(this.touched[i]) == 0) {
      unchecked((this.touched[i] = 1));
      unchecked((this.dirty[this.dirtyCount++] = i));
    }
  }

  /** Log change of the fundamental from the scripted shock during step t (linear in time). */
  private shockStep(t: i32): f64 {
    const m = this.m;
    const a = <f64>(t - 1) * m.dt, b = <f64>t * m.dt;
    if (m.shockDuration <= 0) return m.shockStart >= a && m.shockStart < b ? m.shockLog : 0;
    const overlap = Math.min(b, m.shockStart + m.shockDuration) - Math.max(a, m.shockStart);
    return overlap > 0 ? (m.shockLog * overlap) / m.shockDuration : 0;
  }

  private setMargin(): void {
    const m = this.m;
    let mmr = m.mmr;
    if (m.dynamicMargin) mmr *= Math.min(Math.max(this.sigmaHat / m.sigmaRef, 1), m.maxMultiplier);
    if (mmr != this.mmrT) {
      this.mmrT = mmr;
      this.lnDown = NativeMath.log1p(-mmr);
      this.lnUp = NativeMath.log1p(mmr);
    }
    this.thrL = this.logO + this.lnDown;
    this.thrS = this.logO + this.lnUp;
  }

  /** The oracle price (computed from its log only when someone needs it). */
  oraclePrice(): f64 {
    if (this.Ostale) {
      this.Ocache = NativeMath.exp(this.logO);
      this.Ostale = false;
    }
    return this.Ocache;
  }

  /**
   * Uncovered losses of the step, auto-deleveraged onto the open opposite side when ADL is on: a
   * levy per unit of size, at most the side's aggregate equity at the market price P.
   */
  private socialise(t: i32, P: f64): void {
    const tot = this.tot, adl = this.m.adl;
    const fromLongs = this.stepUncoveredL, fromShorts = this.stepUncoveredS;
    if (fromLongs > 0) {
      let levied: f64 = 0;
      if (adl && this.openS > ADL_MIN_SIZE * this.book.openShort) {
        const equity = this.openQKS - this.shiftS * this.openS - P * this.openS;
        levied = Math.min(fromLongs, Math.max(0, equity));
        this.shiftS += levied / this.openS;
        tot.socialised += levied;
      }
      tot.uncovered += fromLongs - levied;
    }
    if (fromShorts > 0) {
      let levied: f64 = 0;
      if (adl && this.openL > ADL_MIN_SIZE * this.book.openLong) {
        const equity = P * this.openL - this.openQKL - this.shiftL * this.openL;
        levied = Math.min(fromShorts, Math.max(0, equity));
        this.shiftL += levied / this.openL;
        tot.socialised += levied;
      }
      tot.uncovered += fromShorts - levied;
    }
    if (tot.uncovered > 0 && tot.firstInsolvent < 0) tot.firstInsolvent = t;
    this.refreshTops();
  }

  private countWave(t: i32): void {
    const time = <f64>t * this.m.dt;
    if (time - this.lastLiqTime > Math.max(WAVE_GAP, this.m.dt)) this.tot.waves += 1;
    this.lastLiqTime = time;
  }

  /** Counts liquidated notional, also in windows of max(60 s, dt) for the peak per minute. */
  addNotional(t: i32, v: f64): void {
    const b = Math.floor((<f64>(t - 1) * this.m.dt) / this.minuteWindow);
    if (b != this.bucket) {
      this.bucket = b;
      this.bucketSum = 0;
    }
    this.bucketSum += v;
    const rate = (this.bucketSum * 60) / this.minuteWindow;
    if (rate > this.tot.peakPerMinute) this.tot.peakPerMinute = rate;
    this.cumNotional += v;
    this.stepNotional += v;
    this.stepCount += 1;
  }

  /** Bankruptcy price of position i including its side's ADL levy. */
  @inline kEff(i: i32): f64 {
    return unchecked(this.book.side[i]) > 0 ? unchecked(this.K[i]) + this.shiftL : unchecked(this.K[i]) - this.shiftS;
  }

  @inline liquidatable(i: i32): bool {
    if (unchecked(this.book.side[i]) > 0) return (this.shiftL == 0 ? unchecked(this.logK[i]) : logOf(this.kEff(i))) > this.thrL;
    return (this.shiftS == 0 ? unchecked(this.logK[i]) : logOf(this.kEff(i))) < this.thrS;
  }

  /** Market price now, after the step's flow so far. */
  marketPrice(): f64 {
    return NativeMath.exp(this.logPref + this.impact.g(this.U));
  }

  private finishPath(): void {
    const tot = this.tot;
    const P = NativeMath.exp(this.logP);
    const deficit = this.desk.openDeficit(P);
    tot.openDeficit = deficit;
    tot.fundEnd = this.fund;
    tot.badDebt = tot.uncovered + Math.max(0, deficit - this.fund);
    tot.ammPnl = this.desk.ammPnl(P);
  }

  private recordGrid(g: i32): void {
    const m = this.m, out = this.out;
    const G = m.grid + 1;
    const sums = A.HEADER + A.Q_COUNT * G * A.BINS;
    for (let k = 0; k < A.Q_COUNT; k++) {
      const v = k == A.Q_MARKET ? this.logP - m.logS0
        : k == A.Q_FUNDAMENTAL ? this.logF - m.logS0
        : k == A.Q_FUND ? this.fund : this.cumNotional;
      const lo = unchecked(m.histLo[k]), hi = unchecked(m.histHi[k]);
      let x = ((v - lo) / (hi - lo)) * <f64>A.BINS;
      if (!(x >= 0)) x = 0;
      if (x > A.BINS - 1) x = A.BINS - 1;
      const bin = A.HEADER + (k * G + g) * A.BINS + i32(Math.floor(x));
      unchecked((out[bin] += 1));
      unchecked((out[sums + k * G + g] += v));
    }
  }

  private recordTrace(t: i32, settled: bool): void {
    const s = this.traceSteps;
    const o = t * A.T_COUNT;
    unchecked((s[o + A.T_TIME] = <f64>t * this.m.dt));
    unchecked((s[o + A.T_FUNDAMENTAL] = NativeMath.exp(this.logF)));
    unchecked((s[o + A.T_MARKET] = NativeMath.exp(this.logP)));
    unchecked((s[o + A.T_ORACLE] = this.oraclePrice()));
    unchecked((s[o + A.T_MMR] = this.mmrT));
    unchecked((s[o + A.T_FUND] = this.fund));
    unchecked((s[o + A.T_LIQ_NOTIONAL] = settled ? this.stepNotional : 0));
    unchecked((s[o + A.T_LIQ_COUNT] = settled ? <f64>this.stepCount : 0));
    unchecked((s[o + A.T_UNCOVERED] = this.tot.uncovered));
    unchecked((s[o + A.T_COVERED] = this.tot.covered));
    unchecked((s[o + A.T_DEPTH_SHARE] = this.depthShare));
    unchecked((s[o + A.T_SIGMA_HAT] = this.sigmaHat));
    unchecked((s[o + A.T_WAITING] = <f64>this.desk.countWaiting()));
    unchecked((s[o + A.T_IN_AUCTION] = <f64>this.desk.auctions.count));
  }
}
