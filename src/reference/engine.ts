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
  logF = 0;
  Iperm = 0;
  Itrans = 0;
  logPref = 0; // market log price at the start of the step, before any flow
  logP = 0;
  U = 0; // the step's cumulative signed flow (notional at the reference price; buys positive)
  depthShare = 1;
  logO = 0;
  Oprice = 0;
  private lastPub = 0;
  private readonly ring: Float64Array;
  private variance = 0; // EWMA of the oracle's squared log return per second
  sigmaHat = 0;
  mmrT = 0;
  thrL = 0; // a long is liquidatable when log K > thrL
  thrS = 0; // a short is liquidatable when log K < thrS
  gasT = 0;
  shiftL = 0; // ADL levy per unit on longs: raises their K
  shiftS = 0; // ADL levy per unit on shorts: lowers their K
  openL = 0; // open size of each side, the base of an ADL levy
  openS = 0;
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
    const m = this.m, tot = this.tot;
    this.resetPath();
    const fs = new Stream(), js = new Stream();
    fs.reset(m.seed, path, A.STREAM_FUNDAMENTAL);
    js.reset(m.seed, path, A.STREAM_JUMPS);
    let maxLogP = m.logS0, maxLogF = m.logS0;
    let gridNext = 1;
    let gridStep = Math.floor(m.steps / m.grid);
    if (out) this.recordGrid(out, 0);
    if (this.trace) this.recordTrace(0);
    for (let t = 1; t <= m.steps; t++) {
      // 1. The fundamental moves; transient impact decays; the market price forms.
      this.logF += m.drift + m.volStep * normal(fs);
      if (m.jumpsPerStep > 0) {
        const k = poisson(js, m.jumpsPerStep);
        for (let j = 0; j < k; j++) this.logF += m.jumpMean + m.jumpStd * normal(js);
      }
      if (m.shockDepth > 0) this.logF += this.shockStep(t);
      this.Itrans *= m.resDecay;
      if (m.withdrawal) {
        const share = Math.pow(m.sigmaRef / this.sigmaHat, m.withdrawalExponent);
        this.depthShare = Math.min(Math.max(share, m.minDepthShare), 1);
        this.impact.configure(m, this.depthShare);
      }
      this.U = 0;
      this.logPref = this.logF + this.Iperm + this.Itrans;
      if (m.isAmm) this.desk.arbitrage();
      // 2. The oracle observes (with latency) and maybe publishes; volatility and margin update.
      this.observe(t);
      // 3-5. Liquidations at the oracle price, settled at execution prices.
      this.stepNotional = 0;
      this.stepCount = 0;
      this.stepUncoveredL = this.stepUncoveredS = 0;
      this.desk.liquidate(t);
      // End of step: the flow's impact splits into permanent and transient parts.
      if (this.U !== 0) {
        const dI = this.impact.g(this.U);
        this.Iperm += m.permanentImpact * dI;
        this.Itrans += (1 - m.permanentImpact) * dI;
      }
      this.logP = this.logF + this.Iperm + this.Itrans;
      if (this.stepUncoveredL > 0 || this.stepUncoveredS > 0) this.socialise(t);
      // 6. Aggregates.
      if (this.logP > maxLogP) maxLogP = this.logP;
      else if (maxLogP - this.logP > tot.ddMarket) tot.ddMarket = maxLogP - this.logP;
      if (this.logF > maxLogF) maxLogF = this.logF;
      else if (maxLogF - this.logF > tot.ddFundamental) tot.ddFundamental = maxLogF - this.logF;
      if (this.stepCount > 0) this.countWave(t);
      if (t === gridStep) {
        if (out) this.recordGrid(out, gridNext);
        gridNext++;
        gridStep = Math.floor((gridNext * m.steps) / m.grid);
      }
      if (this.trace) this.recordTrace(t);
    }
    this.finishPath();
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
    this.Oprice = m.S0;
    this.Iperm = this.Itrans = 0;
    this.lastPub = 0;
    this.ring.fill(m.logS0);
    this.variance = (m.sigma * m.sigma) / YEAR;
    this.sigmaHat = m.sigma;
    this.depthShare = 1;
    this.impact.configure(m, 1);
    this.setMargin();
    this.gasT = m.gasCost;
    this.shiftL = this.shiftS = 0;
    this.openL = this.book.openLong;
    this.openS = this.book.openShort;
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

  private observe(t: number): void {
    const m = this.m;
    const len = this.ring.length;
    this.ring[t % len] = this.U === 0 ? this.logPref : this.logPref + this.impact.g(this.U);
    const seen = t > m.latencySteps ? this.ring[(t - m.latencySteps) % len] : m.logS0;
    const move = seen - this.logO;
    const prev = this.logO;
    if (move >= m.upThr || move <= m.downThr || t - this.lastPub >= m.heartbeatSteps) {
      this.logO = seen;
      this.lastPub = t;
    }
    if (m.needSigma) {
      const r = this.logO - prev;
      this.variance = m.volDecay * this.variance + ((1 - m.volDecay) * r * r) / m.dt;
      this.sigmaHat = Math.sqrt(this.variance * YEAR);
      this.gasT = m.gasCost * Math.pow(Math.max(1, this.sigmaHat / m.sigmaRef), m.congestion);
    }
    if (this.logO !== prev || m.dynamicMargin) {
      this.Oprice = Math.exp(this.logO);
      this.setMargin();
    }
  }

  private setMargin(): void {
    const m = this.m;
    let mmr = m.mmr;
    if (m.dynamicMargin) mmr *= Math.min(Math.max(this.sigmaHat / m.sigmaRef, 1), m.maxMultiplier);
    this.mmrT = mmr;
    this.thrL = this.logO + Math.log1p(-mmr);
    this.thrS = this.logO + Math.log1p(mmr);
  }

  /** Uncovered losses of the step: auto-deleveraged onto the open opposite side when ADL is on. */
  private socialise(t: number): void {
    const tot = this.tot, adl = this.m.adl;
    const fromLongs = this.stepUncoveredL, fromShorts = this.stepUncoveredS;
    if (fromLongs > 0) {
      if (adl && this.openS > 0) {
        this.shiftS += fromLongs / this.openS;
        tot.socialised += fromLongs;
      } else tot.uncovered += fromLongs;
    }
    if (fromShorts > 0) {
      if (adl && this.openL > 0) {
        this.shiftL += fromShorts / this.openL;
        tot.socialised += fromShorts;
      } else tot.uncovered += fromShorts;
    }
    if (tot.uncovered > 0 && tot.firstInsolvent < 0) tot.firstInsolvent = t;
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
      let x = ((v - m.bandLo[k]) / (m.bandHi[k] - m.bandLo[k])) * A.BINS;
      if (!(x >= 0)) x = 0;
      if (x > A.BINS - 1) x = A.BINS - 1;
      out[A.HEADER + (k * G + g) * A.BINS + Math.floor(x)] += 1;
      out[sums + k * G + g] += v;
    }
  }

  private recordTrace(t: number): void {
    const s = this.trace!.steps;
    const o = t * A.T_COUNT;
    s[o + A.T_TIME] = t * this.m.dt;
    s[o + A.T_FUNDAMENTAL] = Math.exp(this.logF);
    s[o + A.T_MARKET] = Math.exp(this.logP);
    s[o + A.T_ORACLE] = this.Oprice;
    s[o + A.T_MMR] = this.mmrT;
    s[o + A.T_FUND] = this.fund;
    s[o + A.T_LIQ_NOTIONAL] = this.stepNotional;
    s[o + A.T_LIQ_COUNT] = this.stepCount;
    s[o + A.T_UNCOVERED] = this.tot.uncovered;
    s[o + A.T_COVERED] = this.tot.covered;
    s[o + A.T_DEPTH_SHARE] = this.depthShare;
    s[o + A.T_SIGMA_HAT] = this.sigmaHat;
    s[o + A.T_WAITING] = this.desk.countWaiting();
    s[o + A.T_IN_AUCTION] = this.desk.auctionCount;
  }
}
