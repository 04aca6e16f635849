// The state of the path being simulated that the engine, the desk and the auctions all read and
// write: positions, ladders, the step's market and oracle prices, the fund, the path's totals and
// the replay trace. One owner, passed to each; none of them reaches into another.
import * as A from './shared/abi';
import { Book } from './book';
import { OPEN, logOf } from './common';
import { Impact } from './impact';
import { Ladder } from './ladder';
import { ModelParams } from './params';
import { Totals } from './totals';
import { InlineMath } from './inline-math';

export class PathState {
  m: ModelParams;
  book: Book;
  longs: Ladder;
  shorts: Ladder;
  // Per-position state, restored after each path from the book through the dirty list.
  q: StaticArray<f64>;
  K: StaticArray<f64>; // bankruptcy price before the side's ADL levy
  logK: StaticArray<f64>;
  private logK0: StaticArray<f64>; // log K of the book: a path's reset copies it rather than take logs again
  state: StaticArray<u8>;
  private dirty: StaticArray<i32>;
  private dirtyCount: i32 = 0;
  private touched: StaticArray<u8>;
  impact: Impact = new Impact();
  tot: Totals = new Totals();
  // The step's market: reference log price before any flow, cumulative signed flow (asset units
  // valued at S0; buys positive) and the band the flow's log impact must stay within.
  logPref: f64 = 0;
  U: f64 = 0;
  impactFloor: f64 = 0;
  impactCeiling: f64 = 0;
  // The oracle and the margin in force.
  logO: f64 = 0;
  private Ocache: f64 = 0; // exp(logO), computed only when a liquidation needs it
  private Ostale: bool = false;
  private refOf: f64 = NaN; // the logPref whose exp refCache holds
  private refCache: f64 = 0;
  mmrT: f64 = 0;
  thrL: f64 = 0; // a long is liquidatable when log K > thrL
  thrS: f64 = 0; // a short is liquidatable when log K < thrS
  gasT: f64 = 0;
  // Auto-deleveraging and the open sides.
  shiftL: f64 = 0; // ADL levy per unit on longs: raises their K
  shiftS: f64 = 0; // ADL levy per unit on shorts: lowers their K
  openL: f64 = 0; // open size of each side, the base of an ADL levy
  openS: f64 = 0;
  openQKL: f64 = 0; // sum of q * K (before the ADL levy) of open positions of each side
  openQKS: f64 = 0;
  fund: f64 = 0;
  capLeft: f64 = 0; // liquidators' capacity left this step
  /** Liquidation candidates the desk examined in this chunk: its liquidation work. */
  examined: f64 = 0;
  // What the step liquidated.
  stepUncoveredL: f64 = 0;
  stepUncoveredS: f64 = 0;
  cumNotional: f64 = 0;
  stepNotional: f64 = 0;
  stepCount: i32 = 0;
  private bucket: f64 = -1;
  private bucketSum: f64 = 0;
  private minuteWindow: f64;
  // The replay's events, when tracing one path.
  tracing: bool = false;
  events: StaticArray<f64> = new StaticArray<f64>(0);
  eventCount: i32 = 0;
  eventsTruncated: bool = false;

  constructor(m: ModelParams, book: Book) {
    const n = book.n;
    const q = new StaticArray<f64>(n);
    const K = new StaticArray<f64>(n);
    const logK = new StaticArray<f64>(n);
    const logK0 = new StaticArray<f64>(n);
    for (let i = 0; i < n; i++) {
      unchecked((q[i] = book.q[i]));
      unchecked((K[i] = book.K[i]));
      unchecked((logK[i] = logK0[i] = logOf(K[i])));
    }
    this.m = m;
    this.book = book;
    this.q = q;
    this.K = K;
    this.logK = logK;
    this.logK0 = logK0;
    this.state = new StaticArray<u8>(n);
    this.dirty = new StaticArray<i32>(n);
    this.touched = new StaticArray<u8>(n);
    this.longs = new Ladder(1, book.longLadder, K, q);
    this.shorts = new Ladder(-1, book.shortLadder, K, q);
    this.minuteWindow = Math.max(60, m.dt);
  }

  /** Back to the book and a full fund at the start price: the positions a path changed, and the rest. */
  reset(): void {
    const m = this.m, book = this.book;
    for (let k = 0; k < this.dirtyCount; k++) {
      const i = unchecked(this.dirty[k]);
      unchecked((this.q[i] = book.q[i]));
      unchecked((this.K[i] = book.K[i]));
      unchecked((this.logK[i] = this.logK0[i]));
      unchecked((this.state[i] = OPEN));
      unchecked((this.touched[i] = 0));
    }
    this.dirtyCount = 0;
    this.longs.reset();
    this.shorts.reset();
    this.logPref = this.logO = m.logS0;
    this.Ocache = m.S0;
    this.Ostale = false;
    this.impact.configure(m, 1);
    this.gasT = m.gasCost;
    this.shiftL = this.shiftS = 0;
    this.openL = book.openLong;
    this.openS = book.openShort;
    this.openQKL = book.openLongQK;
    this.openQKS = book.openShortQK;
    this.tot.reset();
    this.fund = m.insuranceFund;
    this.cumNotional = 0;
    this.bucket = -1;
    this.bucketSum = 0;
  }

  /** Marks a position as changed on this path, so the next path restores it. */
  @inline markDirty(i: i32): void {
    if (unchecked(this.touched[i]) == 0) {
      unchecked((this.touched[i] = 1));
      unchecked((this.dirty[this.dirtyCount++] = i));
    }
  }

  /** A new oracle price (its exp is taken only when someone needs it). */
  setOracle(logO: f64): void {
    this.logO = logO;
    this.Ostale = true;
  }

  /** The oracle price. */
  oraclePrice(): f64 {
    if (this.Ostale) {
      this.Ocache = NativeMath.exp(this.logO);
      this.Ostale = false;
    }
    return this.Ocache;
  }

  /** exp(logPref), the step's reference price: a step's closes take one exp for it, not one each. */
  @inline refPrice(): f64 {
    if (this.logPref != this.refOf) {
      this.refOf = this.logPref;
      this.refCache = NativeMath.exp(this.logPref);
    }
    return this.refCache;
  }

  /** Market price now, after the step's flow so far. */
  @inline marketPrice(): f64 {
    return InlineMath.exp(this.logPref + this.impact.g(this.U));
  }

  /** Bankruptcy price of position i including its side's ADL levy. */
  @inline kEff(i: i32): f64 {
    return unchecked(this.book.side[i]) > 0 ? unchecked(this.K[i]) + this.shiftL : unchecked(this.K[i]) - this.shiftS;
  }

  @inline liquidatable(i: i32): bool {
    if (unchecked(this.book.side[i]) > 0) return (this.shiftL == 0 ? unchecked(this.logK[i]) : logOf(this.kEff(i))) > this.thrL;
    return (this.shiftS == 0 ? unchecked(this.logK[i]) : logOf(this.kEff(i))) < this.thrS;
  }

  /** Counts liquidated notional, also in windows of max(60 s, dt) for the peak per minute. */
  @inline addNotional(t: i32, v: f64): void {
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

  /** Records a settlement or an auction start for the replay (A.E_* fields), up to MAX_EVENTS. */
  event(t: i32, c: i32, qc: f64, X: f64, V: f64, paid: f64, reward: f64, covered: f64, uncovered: f64, kind: i32, rest: f64): void {
    this.eventOf(t, c, <f64>this.book.side[c], qc, X, V, paid, reward, covered, uncovered, kind, rest);
  }

  /** event(), for one on side `side` of position or account c (several assets: accounts are not the book's). */
  eventOf(t: i32, c: i32, side: f64, qc: f64, X: f64, V: f64, paid: f64, reward: f64, covered: f64, uncovered: f64, kind: i32, rest: f64): void {
    if (this.eventCount >= A.MAX_EVENTS) {
      this.eventsTruncated = true;
      return;
    }
    const ev = this.events;
    const o = this.eventCount++ * A.E_COUNT;
    unchecked((ev[o + A.E_STEP] = t));
    unchecked((ev[o + A.E_POSITION] = c));
    unchecked((ev[o + A.E_SIDE] = side));
    unchecked((ev[o + A.E_QTY] = qc));
    unchecked((ev[o + A.E_PRICE] = X));
    unchecked((ev[o + A.E_VALUE] = V));
    unchecked((ev[o + A.E_PENALTY] = paid));
    unchecked((ev[o + A.E_REWARD] = reward));
    unchecked((ev[o + A.E_COVERED] = covered));
    unchecked((ev[o + A.E_UNCOVERED] = uncovered));
    unchecked((ev[o + A.E_KIND] = kind));
    unchecked((ev[o + A.E_REMAINING] = rest));
  }
}
