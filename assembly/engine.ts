// One run of the model (docs/model.md): the book, then path after path of steps. Each step: the
// fundamental moves, the market price forms, the oracle observes, liquidations run, aggregates
// are recorded.
import * as A from './shared/abi';
import { PRICE_BAND, SHARED_HEADER, chunkLength, resultLength } from './shared/abi';
import { Book, bookFromRows, generateBook } from './book';
import { Adl } from './adl';
import { logOf } from './common';
import { Desk } from './desk';
import { Fundamental } from './fundamental';
import { MarginRule } from './margin-rule';
import { ModelParams } from './params';
import { PathState } from './path-state';
import { Portfolio } from './portfolio';
import { QuietLane } from './quiet-lane';
import { noteGrid, recordKept, recordTrace } from './records';

/** Tells the host that `paths` paths of the chunk are done: its heartbeat (kernel.ts imports it). */
declare function pathDone(paths: i32): void;

/** Seconds without a liquidation that end a wave. */
const WAVE_GAP: f64 = 60;

export class Engine {
  m: ModelParams;
  book: Book;
  /** The state of the path being simulated, shared with the desk. */
  ps: PathState;
  desk: Desk;
  adl: Adl;
  /** The path's fundamental price process (its draws, GARCH's variance, the next jump). */
  f: Fundamental;
  // Market state of the current path, as of the last grid record or trace step.
  logF: f64 = 0;
  logP: f64 = 0;
  depthShare: f64 = 1;
  // Market log prices of the last latency + 2 steps or more: step t's in slot t & (length - 1). A
  // power-of-two length indexes by the step, with no wrapping index carried from step to step.
  private ring: StaticArray<f64>;
  /** The quiet steps' tight loop (quiet-lane.ts). */
  private lane: QuietLane;
  /** The margin in force and the volatility estimate it may follow. */
  rule: MarginRule;
  topL: f64 = 0; // log K of the next long on the ladder (-inf: none)
  topS: f64 = 0; // log K of the next short on the ladder (+inf: none)
  private lastLiqTime: f64 = 0;
  /** The chunk result being filled. */
  out: StaticArray<f64>;
  /** The replay trace's steps, when tracing one path (its events are in ps). */
  traceSteps: StaticArray<f64> = new StaticArray<f64>(0);
  /** The liquidation map and cascade curve, allocated on first use. */
  cascadeOut: StaticArray<f64> = new StaticArray<f64>(0);
  /** Fundamental paths read instead of drawn (runChunkShared): paths [fundFirst, fundFirst + fundCount) from fundAt. */
  private fund: StaticArray<f64> = new StaticArray<f64>(0);
  private fundAt: i32 = 0;
  private fundFirst: i32 = 0;
  private fundCount: i32 = 0;
  /** The path's state at each grid point (records.ts noteGrid), recorded when the path ends. */
  gridKept: StaticArray<f64>;
  /** The path's own fundamental, drawn whole before the path runs (runPath), when not shared. */
  private own: StaticArray<f64> = new StaticArray<f64>(0);
  /** Number of assets; with more than one, the portfolio runs the paths. */
  assets: i32 = 1;
  portfolio: Portfolio | null = null;

  /**
   * `inputs`: the imported price series as log offsets from its start, one per step (steps + 1),
   * when the parameters ask for it; a series too short is ignored.
   */
  constructor(params: StaticArray<f64>, maxPaths: i32, inputs: StaticArray<f64>) {
    const m = new ModelParams(params);
    if (m.seriesMode != A.SERIES_NONE && inputs.length >= m.steps + 1) m.series = inputs;
    else m.seriesMode = A.SERIES_NONE;
    // An imported book follows the series in the inputs.
    const rows = i32(params[A.P_BOOK_ROWS]), at = m.seriesMode == A.SERIES_NONE ? 0 : m.steps + 1;
    const imported = rows > 0 && inputs.length >= at + rows * A.BOOK_COLUMNS;
    if (imported) m.positions = rows;
    const book = imported ? bookFromRows(inputs, at, rows) : generateBook(m);
    const ps = new PathState(m, book);
    this.m = m;
    this.book = book;
    this.ps = ps;
    this.desk = new Desk(ps);
    this.f = new Fundamental(m);
    this.adl = new Adl(ps);
    this.rule = new MarginRule(m, ps);
    let size = 1;
    while (size <= m.latencySteps + 1) size <<= 1; // lag + 2 slots or more: QuietLane's pairs
    const ring = new StaticArray<f64>(size);
    this.ring = ring;
    const kept = new StaticArray<f64>((m.grid + 1) * A.GRID_KEPT);
    this.gridKept = kept;
    this.lane = new QuietLane(ps, ring, kept, m.grid);
    const assets = i32(params[A.P_ASSETS]);
    this.assets = assets;
    const several = assets > 1 || params[A.P_PORTFOLIO] != 0;
    this.out = new StaticArray<f64>(resultLength(m.grid, maxPaths, several, assets));
    // Several assets run the portfolio's steps (portfolio.ts); its first asset is this one.
    if (several) this.portfolio = new Portfolio(this, params);
  }

  /** Float64 values of the result of a chunk of `count` paths. */
  resultLength(count: i32): i32 {
    return resultLength(this.m.grid, count, this.portfolio != null, this.assets);
  }

  /** Simulates paths [first, first + count) into `out` (layout in assembly/shared/abi.ts). */
  runChunk(first: i32, count: i32): void {
    const out = this.out;
    for (let i = 0, end = this.resultLength(count); i < end; i++) unchecked((out[i] = 0));
    unchecked((out[A.H_PATHS] = count));
    unchecked((out[A.H_FIRST_PATH] = first));
    const records = chunkLength(this.m.grid, 0), portfolio = this.portfolio;
    this.ps.examined = 0;
    for (let k = 0; k < count; k++) {
      if (portfolio) portfolio.runPath(first + k, true, chunkLength(this.m.grid, count));
      else this.runPath(first + k, true);
      this.ps.tot.write(out, records + k * A.R_COUNT);
      pathDone(k + 1);
    }
    unchecked((out[A.H_EXAMINED] = this.ps.examined));
  }

  /** Whether runs may share this run's fundamental paths: simulated ones (not an imported series). */
  shareable(): bool { return this.m.seriesMode == A.SERIES_NONE && this.portfolio == null; }

  /**
   * runChunk, with the fundamental paths of the chunk read from `shared`, a region that outlives
   * the run (a sweep's cells share it): drawn into it first unless it already holds this chunk's
   * paths under this run's fundamental key (`valid`: whether it holds anything). The paths are the
   * very values runPath draws (Fundamental.fill), so results are the same bits either way.
   * Returns whether it drew them.
   */
  runChunkShared(first: i32, count: i32, shared: StaticArray<f64>, valid: bool): bool {
    const drawn = !(valid && this.f.holds(shared, first, count));
    if (drawn) this.f.fillChunk(shared, first, count);
    this.fund = shared;
    this.fundAt = SHARED_HEADER;
    this.fundFirst = first;
    this.fundCount = count;
    this.runChunk(first, count);
    this.fundCount = 0;
    return drawn;
  }

  /** Re-simulates one path, recording every step and every liquidation for the replay. */
  tracePath(path: i32): void {
    const ps = this.ps;
    if (this.traceSteps.length == 0) {
      this.traceSteps = new StaticArray<f64>((this.m.steps + 1) * A.T_COUNT);
      ps.events = new StaticArray<f64>(A.MAX_EVENTS * A.E_COUNT);
    }
    ps.eventCount = 0;
    ps.eventsTruncated = false;
    ps.tracing = true;
    const portfolio = this.portfolio;
    if (portfolio) portfolio.runPath(path, false, -1);
    else this.runPath(path, false);
    ps.tracing = false;
  }

  private runPath(path: i32, record: bool): void {
    const m = this.m, ps = this.ps, desk = this.desk, ring = this.ring, impact = ps.impact;
    this.resetPath();
    const f = this.f;
    // The path's hot state lives in locals (registers); fields are written where other code reads.
    const drift = m.drift, volStep = m.volStep, garch = m.garch, shock = m.shockDepth > 0;
    const resDecay = m.resDecay, perm = m.permanentImpact;
    const upThr = m.upThr, downThr = m.downThr, heartbeat = m.heartbeatSteps, lag = m.latencySteps, mask = ring.length - 1;
    const steps = m.steps, ladder = !m.naive, tracing = ps.tracing;
    const withdrawal = m.withdrawal, amm = m.isAmm;
    const needSigma = m.needSigma, dynamic = m.dynamicMargin;
    // Only these mechanisms keep work between steps (auctions, schedules, absorbed collateral): others never look.
    const carries = m.isDutch || m.scheduleSteps > 0 || m.isCompound;
    let logF = m.logS0, Iperm: f64 = 0, Itrans: f64 = 0, logP = m.logS0, logO = m.logS0;
    let thrL = ps.thrL, thrS = ps.thrS, topL = this.topL, topS = this.topS;
    let lastPub = 0;
    let maxLogP = logP, maxLogF = logF, ddM: f64 = 0, ddF: f64 = 0;
    let gridNext = 1;
    let gridStep = i32(steps / m.grid); // integer division in both wasm and JS
    // A shared fundamental path (runChunkShared) is read, not drawn: its offset, or -1.
    let fund = this.fund;
    let cached = this.fundCount > 0 && path >= this.fundFirst && path < this.fundFirst + this.fundCount ? this.fundAt + (path - this.fundFirst) * (steps + 1) : -1;
    // An imported series (rare): the simulated path is skipped, or the series' step is added to it.
    const simulated = m.seriesMode != A.SERIES_ALONE, series = m.seriesMode != A.SERIES_NONE;
    // The quiet lane (quiet-lane.ts): with fixed margin and depth, no pool and no work carried between
    // steps, a tight loop runs steps 1-2 (noting grid points on the way) until a step needs the desk,
    // or the last step, which goes on from step 3. Same values (ladder.test.ts runs it against the
    // naive scan's general steps).
    const lane = record && ladder && !withdrawal && !amm && !needSigma && !tracing && !series && !carries;
    // The lane reads the fundamental path: drawn first, whole, by Fundamental.fill (the same values
    // as drawing step by step), so that no call breaks the lane's loop and spills its registers.
    // The fundamental's drawdown depends on its path alone: the lane leaves it to the draw.
    let laneDdF: f64 = 0;
    if (lane && cached < 0) {
      if (this.own.length == 0) this.own = new StaticArray<f64>(steps + 1);
      laneDdF = f.fill(path, this.own, 0);
      fund = this.own;
      cached = 0;
    } else if (lane) laneDdF = unchecked(fund[A.sharedDrawdowns(steps, this.fundCount) + path - this.fundFirst]);
    if (cached < 0) f.start(path, true); // else nothing draws from f on this path (fill started it itself)
    if (record) noteGrid(this, 0, logP, logF);
    if (tracing) recordTrace(this, 0, false);
    const rule = this.rule, lnDown = rule.lnDown, lnUp = rule.lnUp; // a fixed margin's threshold offsets
    let laneRef: f64 = 0, laneHeld = false; // laneHeld: the lane did steps 1-2 of step t, its reference price laneRef
    const q = this.lane;
    q.lnDown = lnDown;
    q.lnUp = lnUp;
    for (let t = 1; t <= steps; t++) {
      if (lane) {
        q.t = t; q.logF = logF; q.Itrans = Itrans; q.logO = logO; q.lastPub = lastPub;
        q.thrL = thrL; q.thrS = thrS; q.maxLogP = maxLogP; q.ddM = ddM;
        q.Iperm = Iperm; q.topL = topL; q.topS = topS; q.gridStep = gridStep; q.gridNext = gridNext;
        q.run(fund, cached, steps, resDecay, upThr, downThr, heartbeat, lag);
        t = q.t; logF = q.logF; Itrans = q.Itrans; logO = q.logO; lastPub = q.lastPub;
        thrL = q.thrL; thrS = q.thrS; maxLogP = q.maxLogP; ddM = q.ddM;
        gridStep = q.gridStep; gridNext = q.gridNext;
        laneRef = q.ref;
        laneHeld = true;
      }
      let logPref: f64 = 0, U: f64 = 0;
      if (laneHeld) {
        laneHeld = false;
        logPref = laneRef;
      } else {
        // 1. The fundamental moves (or is read: Fundamental.fill drew it so); transient impact decays;
        // the market price forms.
        if (cached >= 0) logF = unchecked(fund[cached + t]);
        else {
          if (simulated) logF = f.step(logF, t, drift, volStep, garch, shock);
          if (series) logF = f.seriesStep(logF, t);
          logF = f.bound(logF);
        }
        Itrans *= resDecay;
        if (withdrawal) {
          const share = NativeMath.pow(m.sigmaRef / rule.sigmaHat, m.withdrawalExponent);
          this.depthShare = Math.min(Math.max(share, m.minDepthShare), 1);
          impact.configure(m, this.depthShare);
        }
        logPref = logF + Iperm + Itrans;
        if (amm) {
          setStep(ps, logF, logPref);
          ps.U = 0;
          desk.amm.arbitrage();
          U = ps.U;
        }
        // 2. The oracle observes the price of `latency` steps ago (log S0 before the path began)
        // and maybe publishes it; volatility and margin update.
        unchecked((ring[t & mask] = U == 0 ? logPref : logPref + impact.g(U)));
        const seen = unchecked(ring[(t - lag) & mask]);
        const move = seen - logO;
        const prev = logO;
        if (move >= upThr || move <= downThr || t - lastPub >= heartbeat) {
          logO = seen;
          lastPub = t;
        }
        if (needSigma) rule.update(logO - prev);
        if (logO != prev || dynamic) {
          if (logO != prev) ps.setOracle(logO);
          if (dynamic) {
            rule.apply();
            rule.mmrSum += ps.mmrT;
          }
          thrL = logO + rule.lnDown;
          thrS = logO + rule.lnUp;
        }
      }
      // 3-5. Liquidations at the oracle price, settled at execution prices. The ladders' tops say
      // at once whether anything is crossed; only then is the desk called.
      let settled = false;
      if (!ladder || topL > thrL || topS < thrS || (carries && desk.carries())) {
        ps.thrL = thrL;
        ps.thrS = thrS;
        setStep(ps, logF, logPref);
        ps.U = U;
        ps.stepNotional = 0;
        ps.stepCount = 0;
        ps.stepUncoveredL = ps.stepUncoveredS = 0;
        desk.liquidate(t);
        U = ps.U;
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
        if (ps.stepUncoveredL > 0 || ps.stepUncoveredS > 0) this.socialise(t, NativeMath.exp(logP));
        if (ps.stepCount > 0) this.countWave(t);
        topL = this.topL;
        topS = this.topS;
      }
      // 6. Aggregates.
      if (logP > maxLogP) maxLogP = logP;
      else if (maxLogP - logP > ddM) ddM = maxLogP - logP;
      if (logF > maxLogF) maxLogF = logF;
      else if (maxLogF - logF > ddF) ddF = maxLogF - logF;
      if (t == gridStep) {
        if (record) noteGrid(this, gridNext, logP, logF);
        gridNext++;
        // round down (g * steps / grid) in doubles: exact, as the product stays far below 2^53
        gridStep = i32((<f64>gridNext * <f64>steps) / <f64>m.grid);
      }
      if (tracing) {
        this.logF = logF;
        this.logP = logP;
        ps.thrL = thrL;
        ps.thrS = thrS;
        recordTrace(this, t, settled);
      }
    }
    this.logF = logF;
    this.logP = logP;
    if (record) recordKept(this);
    ps.tot.ddMarket = ddM;
    ps.tot.ddFundamental = lane ? laneDdF : ddF;
    this.finishPath();
  }

  /** The log bankruptcy price of each ladder's next position (none: never crossed). */
  refreshTops(): void {
    const ps = this.ps;
    const a = ps.longs.peek();
    this.topL = a < 0 ? -Infinity : ps.shiftL == 0 ? unchecked(ps.logK[a]) : logOf(ps.kEff(a));
    const b = ps.shorts.peek();
    this.topS = b < 0 ? Infinity : ps.shiftS == 0 ? unchecked(ps.logK[b]) : logOf(ps.kEff(b));
  }

  resetPath(): void {
    const m = this.m;
    this.ps.reset();
    this.desk.reset();
    this.logF = this.logP = m.logS0;
    for (let j = 0; j < this.ring.length; j++) unchecked((this.ring[j] = m.logS0));
    this.depthShare = 1;
    this.rule.reset();
    this.refreshTops();
    this.lastLiqTime = -Infinity;
  }

  /** Uncovered losses of the step, auto-deleveraged onto the open opposite side when ADL is on (adl.ts). */
  private socialise(t: i32, P: f64): void {
    const ps = this.ps, tot = ps.tot, adl = this.m.adl;
    const fromLongs = ps.stepUncoveredL, fromShorts = ps.stepUncoveredS;
    if (fromLongs > 0) {
      const levied = adl ? this.adl.levy(t, -1, fromLongs, P) : 0;
      tot.socialised += levied;
      tot.uncovered += fromLongs - levied;
    }
    if (fromShorts > 0) {
      const levied = adl ? this.adl.levy(t, 1, fromShorts, P) : 0;
      tot.socialised += levied;
      tot.uncovered += fromShorts - levied;
    }
    if (tot.uncovered > 0 && tot.firstInsolvent < 0) tot.firstInsolvent = t;
    this.refreshTops();
  }

  countWave(t: i32): void {
    const time = <f64>t * this.m.dt;
    if (time - this.lastLiqTime > Math.max(WAVE_GAP, this.m.dt)) this.ps.tot.waves += 1;
    this.lastLiqTime = time;
  }

  private finishPath(): void {
    const ps = this.ps, tot = ps.tot;
    const P = NativeMath.exp(this.logP);
    const deficit = this.desk.waiting.openDeficit(P);
    tot.openDeficit = deficit;
    tot.fundEnd = ps.fund;
    tot.badDebt = tot.uncovered + Math.max(0, deficit - ps.fund);
    tot.ammPnl = this.desk.ammPnl(P);
    tot.mmrMean = this.m.dynamicMargin ? this.rule.mmrSum / <f64>this.m.steps : this.m.mmr;
  }
}

/** What the desk reads of the step: its reference price and the price band around the fundamental. */
function setStep(ps: PathState, logF: f64, logPref: f64): void {
  ps.logPref = logPref;
  ps.impactFloor = logF - PRICE_BAND - logPref;
  ps.impactCeiling = logF + PRICE_BAND - logPref;
}
