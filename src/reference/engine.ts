// Reference twin of assembly/engine.ts: one run of the model (docs/model.md) in plain TypeScript.
// It is the oracle for the wasm core in tests and the baseline in benchmarks, so it follows the core
// statement by statement: the same order of events, of floating-point operations and of draws.
import * as A from '../../assembly/shared/abi';
import { generateBook, type Book } from './book';
import { OPEN, YEAR, logOf } from './common';
import { Desk } from './desk';
import { Impact } from './impact';
import { Ladder } from './ladder';
import { ModelParams } from './model-params';
import { normal, poisson } from './normal';
import { Stream } from './rng';
import { Totals } from './totals';

const WAVE_GAP = 60; // seconds without a liquidation that end a wave
const ADL_MIN_SIZE = 1e-9; // a side below this share of its start has nobody left to deleverage
const BAND = 6.907755278982137; // trades keep the market within a factor 1000 (ln 1000) of the fundamental
const LOG_RANGE = 40; // the fundamental stays within a factor e^40 of its start

export interface Trace {
  steps: Float64Array; // (steps + 1) records of T_COUNT
  events: Float64Array; // eventCount records of E_COUNT
  eventCount: number;
  truncated: boolean;
}

/** Length of a chunk result of `count` paths (layout in assembly/shared/abi.ts). */
export function chunkLength(grid: number, count: number): number {
  return A.HEADER + A.Q_COUNT * (grid + 1) * (A.BINS + 1) + count * A.R_COUNT;
}

export class ReferenceEngine {
  readonly m: ModelParams;
  readonly book: Book;
  readonly ladders: Ladder[];
  // Per-position state, restored after each path from the book through the dirty list.
  readonly q: Float64Array;
  readonly K: Float64Array; // bankruptcy price before the side's ADL levy
  readonly logK: Float64Array;
  readonly state: Uint8Array;
  private readonly dirty: Int32Array;
  private dirtyCount = 0;
  private readonly touched: Uint8Array;
  readonly desk: Desk;
  readonly impact = new Impact();
  readonly tot = new Totals();
  // Market state of the current path.
  logF = 0; // as of the last grid record or trace step
  logP = 0;
  logPref = 0; // market log price at the start of the step, before any flow
  U = 0; // the step's cumulative signed flow (asset units valued at S0; buys positive)
  impactFloor = 0; // the step's flow may move the log price by no less than this
  impactCeiling = 0; // and no more than this: the price band around the fundamental
  depthShare = 1;
  logO = 0;
  private Ocache = 0; // exp(logO), computed only when a liquidation needs it
  private Ostale = false;
  private readonly ring: Float64Array; // market log prices of the last latency + 1 steps
  private variance = 0; // EWMA of the oracle's squared log return per second
  sigmaHat = 0;
  mmrT = 0;
  lnDown = 0; // ln(1 - mmrT)
  lnUp = 0; // ln(1 + mmrT)
  thrL = 0; // a long is liquidatable when log K > thrL
  thrS = 0; // a short is liquidatable when log K < thrS
  topL = 0; // log K of the next long on the ladder (-inf: none)
  topS = 0; // log K of the next short on the ladder (+inf: none)
  gasT = 0;
  shiftL = 0; // ADL levy per unit on longs: raises their K
  shiftS = 0; // ADL levy per unit on shorts: lowers their K
  openL = 0; // open size of each side, the base of an ADL levy
  openS = 0;
  openQKL = 0; // sum of q * K (before the ADL levy) of open positions of each side
  openQKS = 0;
  fund = 0;
  cumNotional = 0;
  stepNotional = 0;
  stepCount = 0;
  stepUncoveredL = 0;
  stepUncoveredS = 0;
  private lastLiqTime = 0;
  private bucket = -1;
  private bucketSum = 0;
  private readonly minuteWindow: number;
  trace: Trace | null = null;

  constructor(params: Float64Array) {
    const m = (this.m = new ModelParams(params));
    this.book = generateBook(params);
    const n = this.book.n;
    this.q = Float64Array.from(this.book.q);
    this.K = Float64Array.from(this.book.K);
    this.logK = new Float64Array(n);
    for (let i = 0; i < n; i++) this.logK[i] = logOf(this.K[i]);
    this.state = new Uint8Array(n);
    this.dirty = new Int32Array(n);
    this.touched = new Uint8Array(n);
    this.ladders = [new Ladder(1, this.book.longLadder, this.K), new Ladder(-1, this.book.shortLadder, this.K)];
    this.ring = new Float64Array(m.latencySteps + 1);
    this.minuteWindow = Math.max(60, m.dt);
    this.desk = new Desk(this);
  }

  /** Simulates paths [first, first + count) into a chunk result (layout in assembly/shared/abi.ts). */
  runChunk(first: number, count: number): Float64Array {
    const out = new Float64Array(chunkLength(this.m.grid, count));
    out[A.H_PATHS] = count;
    out[A.H_FIRST_PATH] = first;
    const records = chunkLength(this.m.grid, 0);
    for (let k = 0; k < count; k++) {
      this.runPath(first + k, out);
      this.tot.write(out, records + k * A.R_COUNT);
    }
    return out;
  }

  /** Re-simulates one path, recording every step and every liquidation for the replay. */
  tracePath(path: number): Trace {
    const t: Trace = {
      steps: new Float64Array((this.m.steps + 1) * A.T_COUNT),
      events: new Float64Array(A.MAX_EVENTS * A.E_COUNT),
      eventCount: 0,
      truncated: false,
    };
    this.trace = t;
    this.runPath(path, null);
    this.trace = null;
    t.events = t.events.slice(0, t.eventCount * A.E_COUNT);
    return t;
  }

  private runPath(path: number, out: Float64Array | null): void {
    const m = this.m, desk = this.desk, ring = this.ring, impact = this.impact;
    this.resetPath();
    const fs = new Stream(), js = new Stream();
    fs.reset(m.seed, path, A.STREAM_FUNDAMENTAL);
    js.reset(m.seed, path, A.STREAM_JUMPS);
    // The path's hot state lives in locals, as in the core; fields are written where others read.
    const drift = m.drift, volStep = m.volStep, resDecay = m.resDecay, perm = m.permanentImpact;
    const upThr = m.upThr, downThr = m.downThr, heartbeat = m.heartbeatSteps, len = ring.length;
    const steps = m.steps, ladder = !m.naive, tracing = this.trace !== null;
    const jumps = m.jumpsPerStep > 0, shock = m.shockDepth > 0, withdrawal = m.withdrawal, amm = m.isAmm;
    const needSigma = m.needSigma, dynamic = m.dynamicMargin;
    const logFmax = m.logS0 + LOG_RANGE, logFmin = m.logS0 - LOG_RANGE;
    let logF = m.logS0, Iperm = 0, Itrans = 0, logP = m.logS0, logO = m.logS0;
    let thrL = this.thrL, thrS = this.thrS, topL = this.topL, topS = this.topS;
    let lastPub = 0, ringPos = 0;
    let maxLogP = logP, maxLogF = logF, ddM = 0, ddF = 0;
    let gridNext = 1;
    let gridStep = Math.floor(steps / m.grid);
    if (out) this.recordGrid(out, 0);
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
        const share = Math.pow(m.sigmaRef / this.sigmaHat, m.withdrawalExponent);
        this.depthShare = Math.min(Math.max(share, m.minDepthShare), 1);
        impact.configure(m, this.depthShare);
      }
      const logPref = logF + Iperm + Itrans;
      let U = 0;
      if (amm) {
        this.setStep(logF, logPref);
        this.U = 0;
        desk.arbitrage();
        U = this.U;
      }
      // 2. The oracle observes the price of `latency` steps ago (the next slot of the ring, which
      // holds latency + 1 prices) and maybe publishes it; volatility and margin update.
      const w = ringPos + 1 === len ? 0 : ringPos + 1;
      ringPos = w;
      ring[w] = U === 0 ? logPref : logPref + impact.g(U);
      const seen = ring[w + 1 === len ? 0 : w + 1];
      const move = seen - logO;
      const prev = logO;
      if (move >= upThr || move <= downThr || t - lastPub >= heartbeat) {
        logO = seen;
        lastPub = t;
      }
      if (needSigma) this.updateVolatility(logO - prev);
      if (logO !== prev || dynamic) {
        this.logO = logO;
        if (logO !== prev) this.Ostale = true;
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
      if (U !== 0) {
        const dI = impact.g(U);
        Iperm += perm * dI;
        Itrans += (1 - perm) * dI;
      }
      logP = logF + Iperm + Itrans;
      if (settled) {
        if (this.stepUncoveredL > 0 || this.stepUncoveredS > 0) this.socialise(t, Math.exp(logP));
        if (this.stepCount > 0) this.countWave(t);
        topL = this.topL;
        topS = this.topS;
      }
      // 6. Aggregates.
      if (logP > maxLogP) maxLogP = logP;
      else if (maxLogP - logP > ddM) ddM = maxLogP - logP;
      if (logF > maxLogF) maxLogF = logF;
      else if (maxLogF - logF > ddF) ddF = maxLogF - logF;
      if (t === gridStep) {
        if (out) {
          this.logF = logF;
          this.logP = logP;
          this.recordGrid(out, gridNext);
        }
        gridNext++;
        gridStep = Math.floor((gridNext * steps) / m.grid);
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
  private setStep(logF: number, logPref: number): void {
    this.logPref = logPref;
    this.impactFloor = logF - BAND - logPref;
    this.impactCeiling = logF + BAND - logPref;
  }

  /** EWMA of the oracle's squared log return r per second, and the gas it implies. */
  private updateVolatility(r: number): void {
    const m = this.m;
    this.variance = m.volDecay * this.variance + ((1 - m.volDecay) * r * r) / m.dt;
    this.sigmaHat = Math.sqrt(this.variance * YEAR);
    if (m.congestion !== 0) this.gasT = m.gasCost * Math.pow(Math.max(1, this.sigmaHat / m.sigmaRef), m.congestion);
  }

  /** The log bankruptcy price of each ladder's next position (none: never crossed). */
  refreshTops(): void {
    const a = this.ladders[0].peek();
    this.topL = a < 0 ? -Infinity : this.shiftL === 0 ? this.logK[a] : logOf(this.kEff(a));
    const b = this.ladders[1].peek();
    this.topS = b < 0 ? Infinity : this.shiftS === 0 ? this.logK[b] : logOf(this.kEff(b));
  }

  private resetPath(): void {
    const m = this.m;
    for (let k = 0; k < this.dirtyCount; k++) {
      const i = this.dirty[k];
      this.q[i] = this.book.q[i];
      this.K[i] = this.book.K[i];
      this.logK[i] = logOf(this.K[i]);
      this.state[i] = OPEN;
      this.touched[i] = 0;
    }
    this.dirtyCount = 0;
    this.ladders[0].reset();
    this.ladders[1].reset();
    this.desk.reset();
    this.logF = this.logP = this.logPref = this.logO = m.logS0;
    this.Ocache = m.S0;
    this.Ostale = false;
    this.ring.fill(m.logS0);
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
  markDirty(i: number): void {
    if (this.touched[i] === 0) {
      this.touched[i] = 1;
      this.dirty[this.dirtyCount++] = i;
    }
  }

  /** Log change of the fundamental from the scripted shock during step t (linear in time). */
  private shockStep(t: number): number {
    const m = this.m;
    const a = (t - 1) * m.dt, b = t * m.dt;
    if (m.shockDuration <= 0) return m.shockStart >= a && m.shockStart < b ? m.shockLog : 0;
    const overlap = Math.min(b, m.shockStart + m.shockDuration) - Math.max(a, m.shockStart);
    return overlap > 0 ? (m.shockLog * overlap) / m.shockDuration : 0;
  }

  private setMargin(): void {
    const m = this.m;
    let mmr = m.mmr;
    if (m.dynamicMargin) mmr *= Math.min(Math.max(this.sigmaHat / m.sigmaRef, 1), m.maxMultiplier);
    if (mmr !== this.mmrT) {
      this.mmrT = mmr;
      this.lnDown = Math.log1p(-mmr);
      this.lnUp = Math.log1p(mmr);
    }
    this.thrL = this.logO + this.lnDown;
    this.thrS = this.logO + this.lnUp;
  }

  /** The oracle price (computed from its log only when someone needs it). */
  oraclePrice(): number {
    if (this.Ostale) {
      this.Ocache = Math.exp(this.logO);
      this.Ostale = false;
    }
    return this.Ocache;
  }

  /**
   * Uncovered losses of the step, auto-deleveraged onto the open opposite side when ADL is on: a
   * levy per unit of size, at most the side's aggregate equity at the market price P.
   */
  private socialise(t: number, P: number): void {
    const tot = this.tot, adl = this.m.adl;
    const fromLongs = this.stepUncoveredL, fromShorts = this.stepUncoveredS;
    if (fromLongs > 0) {
      let levied = 0;
      if (adl && this.openS > ADL_MIN_SIZE * this.book.openShort) {
        const equity = this.openQKS - this.shiftS * this.openS - P * this.openS;
        levied = Math.min(fromLongs, Math.max(0, equity));
        this.shiftS += levied / this.openS;
        tot.socialised += levied;
      }
      tot.uncovered += fromLongs - levied;
    }
    if (fromShorts > 0) {
      let levied = 0;
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

  private countWave(t: number): void {
    const time = t * this.m.dt;
    if (time - this.lastLiqTime > Math.max(WAVE_GAP, this.m.dt)) this.tot.waves += 1;
    this.lastLiqTime = time;
  }

  /** Counts liquidated notional, also in windows of max(60 s, dt) for the peak per minute. */
  addNotional(t: number, v: number): void {
    const b = Math.floor(((t - 1) * this.m.dt) / this.minuteWindow);
    if (b !== this.bucket) {
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
  kEff(i: number): number {
    return this.book.side[i] > 0 ? this.K[i] + this.shiftL : this.K[i] - this.shiftS;
  }

  liquidatable(i: number): boolean {
    if (this.book.side[i] > 0) return (this.shiftL === 0 ? this.logK[i] : logOf(this.kEff(i))) > this.thrL;
    return (this.shiftS === 0 ? this.logK[i] : logOf(this.kEff(i))) < this.thrS;
  }

  /** Market price now, after the step's flow so far. */
  marketPrice(): number {
    return Math.exp(this.logPref + this.impact.g(this.U));
  }

  private finishPath(): void {
    const tot = this.tot;
    const P = Math.exp(this.logP);
    const deficit = this.desk.openDeficit(P);
    tot.openDeficit = deficit;
    tot.fundEnd = this.fund;
    tot.badDebt = tot.uncovered + Math.max(0, deficit - this.fund);
    tot.ammPnl = this.desk.ammPnl(P);
  }

  private recordGrid(out: Float64Array, g: number): void {
    const m = this.m;
    const G = m.grid + 1;
    const sums = A.HEADER + A.Q_COUNT * G * A.BINS;
    for (let k = 0; k < A.Q_COUNT; k++) {
      const v = k === A.Q_MARKET ? this.logP - m.logS0
        : k === A.Q_FUNDAMENTAL ? this.logF - m.logS0
        : k === A.Q_FUND ? this.fund : this.cumNotional;
      let x = ((v - m.histLo[k]) / (m.histHi[k] - m.histLo[k])) * A.BINS;
      if (!(x >= 0)) x = 0;
      if (x > A.BINS - 1) x = A.BINS - 1;
      out[A.HEADER + (k * G + g) * A.BINS + Math.floor(x)] += 1;
      out[sums + k * G + g] += v;
    }
  }

  private recordTrace(t: number, settled: boolean): void {
    const s = this.trace!.steps;
    const o = t * A.T_COUNT;
    s[o + A.T_TIME] = t * this.m.dt;
    s[o + A.T_FUNDAMENTAL] = Math.exp(this.logF);
    s[o + A.T_MARKET] = Math.exp(this.logP);
    s[o + A.T_ORACLE] = this.oraclePrice();
    s[o + A.T_MMR] = this.mmrT;
    s[o + A.T_FUND] = this.fund;
    s[o + A.T_LIQ_NOTIONAL] = settled ? this.stepNotional : 0;
    s[o + A.T_LIQ_COUNT] = settled ? this.stepCount : 0;
    s[o + A.T_UNCOVERED] = this.tot.uncovered;
    s[o + A.T_COVERED] = this.tot.covered;
    s[o + A.T_DEPTH_SHARE] = this.depthShare;
    s[o + A.T_SIGMA_HAT] = this.sigmaHat;
    s[o + A.T_WAITING] = this.desk.countWaiting();
    s[o + A.T_IN_AUCTION] = this.desk.auctions.count;
  }
}
