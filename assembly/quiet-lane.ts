// The quiet lane of a path (engine.ts): steps where only the price, the impact's decay and the
// oracle move, until a step needs the desk or a record. It is a small function of its own because
// inside runPath, with its sixty locals, the register allocator kept the lane's values on the stack
// and stored and reloaded a dozen of them on every step; here they stay in registers.
import { PathState } from './path-state';

export class QuietLane {
  // The path's state, in when the lane starts and out when it stops.
  t: i32 = 0;
  logF: f64 = 0;
  Itrans: f64 = 0;
  ringPos: i32 = 0;
  logO: f64 = 0;
  lastPub: i32 = 0;
  thrL: f64 = 0;
  thrS: f64 = 0;
  maxLogP: f64 = 0;
  ddM: f64 = 0;
  maxLogF: f64 = 0;
  ddF: f64 = 0;
  /** The market log price before any flow at the step the lane stopped at (steps 1-2 of it done). */
  ref: f64 = 0;
  // What stays fixed along a path.
  Iperm: f64 = 0;
  topL: f64 = 0;
  topS: f64 = 0;
  lnDown: f64 = 0;
  lnUp: f64 = 0;
  gridStep: i32 = 0;

  constructor(private ps: PathState, private ring: StaticArray<f64>) {}

  /**
   * Runs steps t, t+1, ... until one whose oracle crosses a ladder's top, a grid step or the last
   * step `steps`, and stops after steps 1-2 of it. The fundamental is read from fund[cached + t]
   * when cached >= 0, else drawn by f. Same values as runPath's general steps, in the same order.
   */
  run(fund: StaticArray<f64>, cached: i32, steps: i32, resDecay: f64, upThr: f64, downThr: f64, heartbeat: i32): void {
    const ring = this.ring, len = ring.length;
    const Iperm = this.Iperm, topL = this.topL, topS = this.topS, gridStep = this.gridStep;
    let t = this.t, logF = this.logF, Itrans = this.Itrans, ringPos = this.ringPos, logO = this.logO, lastPub = this.lastPub;
    let thrL = this.thrL, thrS = this.thrS, maxLogP = this.maxLogP, ddM = this.ddM, maxLogF = this.maxLogF, ddF = this.ddF;
    let published = false;
    for (;;) {
      logF = unchecked(fund[cached + t]);
      Itrans *= resDecay;
      const lp = logF + Iperm + Itrans;
      const w = ringPos + 1 == len ? 0 : ringPos + 1;
      ringPos = w;
      unchecked((ring[w] = lp));
      const seen = unchecked(ring[w + 1 == len ? 0 : w + 1]);
      const move = seen - logO;
      if (move >= upThr || move <= downThr || t - lastPub >= heartbeat) {
        logO = seen;
        lastPub = t;
        published = true;
        thrL = logO + this.lnDown;
        thrS = logO + this.lnUp;
      }
      if (topL > thrL || topS < thrS || t == gridStep || t == steps) {
        this.ref = lp;
        break;
      }
      if (lp > maxLogP) maxLogP = lp;
      else if (maxLogP - lp > ddM) ddM = maxLogP - lp;
      if (logF > maxLogF) maxLogF = logF;
      else if (maxLogF - logF > ddF) ddF = maxLogF - logF;
      t++;
    }
    if (published) this.ps.setOracle(logO);
    this.t = t;
    this.logF = logF;
    this.Itrans = Itrans;
    this.ringPos = ringPos;
    this.logO = logO;
    this.lastPub = lastPub;
    this.thrL = thrL;
    this.thrS = thrS;
    this.maxLogP = maxLogP;
    this.ddM = ddM;
    this.maxLogF = maxLogF;
    this.ddF = ddF;
  }
}
