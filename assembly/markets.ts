// The markets of several assets (docs/model.md §11): per asset, the fundamental (correlated normals,
// its own jumps, market-wide jumps), the order book's impact and the oracle. The account desk
// (account-desk.ts) trades through them; the portfolio (portfolio.ts) steps them.
import * as A from './shared/abi';
import { cholesky } from './cholesky';
import { Draws } from './normal';
import { Fundamental } from './fundamental';
import { Impact } from './impact';
import { ModelParams } from './params';

export class Markets {
  n: i32;
  // Arrays of objects are Arrays (a StaticArray holds numbers in the JS run of the core).
  ms: ModelParams[];
  private f: Fundamental[];
  imp: Impact[];
  private chol: StaticArray<f64>;
  private common: Draws = new Draws();
  private commonRate: f64;
  private commonMean: f64;
  private commonStd: f64;
  private nextCommon: f64 = Infinity;
  // Per asset, on the path: log prices (fundamental; reference before this step's flow), impact,
  // the oracle and its ring of past prices, the step's flow.
  logF: StaticArray<f64>;
  logPref: StaticArray<f64>;
  private Iperm: StaticArray<f64>;
  private Itrans: StaticArray<f64>;
  private logO: StaticArray<f64>;
  O: StaticArray<f64>;
  U: StaticArray<f64>;
  private lastPub: StaticArray<i32>;
  private ring: StaticArray<f64>;
  private ringAt: StaticArray<i32>;
  private ringPos: StaticArray<i32>;
  private eps: StaticArray<f64>;

  /** `ms`: each asset's parameters (the first asset's being the run's); `p` the run's vector. */
  constructor(ms: ModelParams[], p: StaticArray<f64>) {
    const na = ms.length, m0 = ms[0];
    const f: Fundamental[] = [], imp: Impact[] = [];
    const ringAt = new StaticArray<i32>(na + 1);
    for (let a = 0; a < na; a++) {
      const m = ms[a];
      f.push(new Fundamental(m, a));
      const im = new Impact();
      im.configure(m, 1);
      imp.push(im);
      ringAt[a + 1] = ringAt[a] + m.latencySteps + 1;
    }
    this.n = na;
    this.ms = ms;
    this.f = f;
    this.imp = imp;
    this.chol = cholesky(p, na);
    this.commonRate = (p[A.P_COMMON_JUMPS_PER_DAY] / 86400.0) * m0.dt;
    this.commonMean = p[A.P_COMMON_JUMP_MEAN];
    this.commonStd = m0.jumpStd;
    this.logF = new StaticArray<f64>(na);
    this.logPref = new StaticArray<f64>(na);
    this.Iperm = new StaticArray<f64>(na);
    this.Itrans = new StaticArray<f64>(na);
    this.logO = new StaticArray<f64>(na);
    this.O = new StaticArray<f64>(na);
    this.U = new StaticArray<f64>(na);
    this.lastPub = new StaticArray<i32>(na);
    this.ring = new StaticArray<f64>(ringAt[na]);
    this.ringAt = ringAt;
    this.ringPos = new StaticArray<i32>(na);
    this.eps = new StaticArray<f64>(na);
  }

  /** The start of path `path`: every asset at its start price, its streams, no impact. */
  reset(path: i32): void {
    for (let a = 0; a < this.n; a++) {
      const m = unchecked(this.ms[a]);
      unchecked(this.f[a]).start(path, true);
      unchecked((this.logF[a] = m.logS0));
      unchecked((this.logO[a] = m.logS0));
      unchecked((this.O[a] = m.S0));
      unchecked((this.Iperm[a] = 0));
      unchecked((this.Itrans[a] = 0));
      unchecked((this.lastPub[a] = 0));
      unchecked((this.ringPos[a] = 0));
      for (let i = unchecked(this.ringAt[a]); i < unchecked(this.ringAt[a + 1]); i++) unchecked((this.ring[i] = m.logS0));
    }
    const m0 = unchecked(this.ms[0]);
    this.common.reset(m0.seed, u32(path), A.STREAM_COMMON_JUMPS, m0.wide);
    this.nextCommon = this.commonRate > 0 ? this.common.exponentialGap(this.commonRate) : Infinity;
  }

  /** Step 1 for every asset: correlated normals z = L eps, the assets' own jumps, market-wide jumps. */
  move(t: i32): void {
    const na = this.n, L = this.chol;
    for (let a = 0; a < na; a++) unchecked((this.eps[a] = unchecked(this.f[a]).fs.normal()));
    let J: f64 = 0;
    while (this.nextCommon <= <f64>t) {
      J += this.commonMean + this.commonStd * this.common.normal();
      this.nextCommon += this.common.exponentialGap(this.commonRate);
    }
    for (let a = 0; a < na; a++) {
      let z: f64 = 0;
      for (let b = 0; b <= a; b++) z += unchecked(L[a * na + b]) * unchecked(this.eps[b]);
      const m = unchecked(this.ms[a]), f = unchecked(this.f[a]);
      const logF = f.bound(f.move(unchecked(this.logF[a]), t, z, m.drift, m.volStep, m.garch, m.shockDepth > 0) + J);
      unchecked((this.logF[a] = logF));
      unchecked((this.Itrans[a] *= m.resDecay));
      unchecked((this.logPref[a] = logF + unchecked(this.Iperm[a]) + unchecked(this.Itrans[a])));
      unchecked((this.U[a] = 0));
    }
  }

  /** How much the last new oracle price moved (observe()). */
  dO: f64 = 0;

  /**
   * Step 2 for asset a: its oracle sees the price of `latency` steps ago and maybe publishes it
   * (engine.ts step 2's rule, there kept in registers); whether it has a new price (moved by dO).
   */
  observe(a: i32, t: i32): bool {
    const m = unchecked(this.ms[a]), at = unchecked(this.ringAt[a]), len = unchecked(this.ringAt[a + 1]) - at;
    const w = unchecked(this.ringPos[a]) + 1 == len ? 0 : unchecked(this.ringPos[a]) + 1;
    unchecked((this.ringPos[a] = w));
    unchecked((this.ring[at + w] = this.logPref[a]));
    const seen = unchecked(this.ring[at + (w + 1 == len ? 0 : w + 1)]);
    const move = seen - unchecked(this.logO[a]);
    if (!(move >= m.upThr || move <= m.downThr || t - unchecked(this.lastPub[a]) >= m.heartbeatSteps)) return false;
    unchecked((this.lastPub[a] = t));
    if (seen == unchecked(this.logO[a])) return false;
    unchecked((this.logO[a] = seen));
    const O = NativeMath.exp(seen);
    this.dO = O - unchecked(this.O[a]);
    unchecked((this.O[a] = O));
    return true;
  }

  /** The log oracle price of asset a. */
  oracleLog(a: i32): f64 {
    return unchecked(this.logO[a]);
  }

  /** End of step: each asset's flow splits into permanent and transient impact. */
  settleImpact(): void {
    for (let a = 0; a < this.n; a++) {
      const u = unchecked(this.U[a]);
      if (u != 0) {
        const m = unchecked(this.ms[a]), dI = unchecked(this.imp[a]).g(u);
        unchecked((this.Iperm[a] += m.permanentImpact * dI));
        unchecked((this.Itrans[a] += (1 - m.permanentImpact) * dI));
      }
    }
  }

  /** Asset a's log market price after this step's flow. */
  logP(a: i32): f64 {
    return unchecked(this.logF[a]) + unchecked(this.Iperm[a]) + unchecked(this.Itrans[a]);
  }
}
