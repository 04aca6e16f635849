// The quiet lane of a path (engine.ts): steps where only the price, the impact's decay and the
// oracle move, until a step needs the desk. It is a small function of its own because
// inside runPath, with its sixty locals, the register allocator kept the lane's values on the stack
// and stored and reloaded a dozen of them on every step; here they stay in registers.
import { PathState } from './path-state';
import { GRID_KEPT } from './shared/abi';
import { maxOf } from './common';

/** How far inside the oracle's thresholds a pair's seen prices must be (log units): rounding is below 1e-13. */
const PAIR_MARGIN: f64 = 1e-11;

export class QuietLane {
  // The path's state, in when the lane starts and out when it stops.
  t: i32 = 0;
  logF: f64 = 0;
  Itrans: f64 = 0;
  logO: f64 = 0;
  lastPub: i32 = 0;
  thrL: f64 = 0;
  thrS: f64 = 0;
  maxLogP: f64 = 0;
  ddM: f64 = 0;
  /** The market log price before any flow at the step the lane stopped at (steps 1-2 of it done). */
  ref: f64 = 0;
  // What stays fixed along a path.
  Iperm: f64 = 0;
  topL: f64 = 0;
  topS: f64 = 0;
  lnDown: f64 = 0;
  lnUp: f64 = 0;
  gridStep: i32 = 0;
  gridNext: i32 = 0;

  constructor(private ps: PathState, private ring: StaticArray<f64>, private kept: StaticArray<f64>, private grid: i32) {}

  /**
   * Runs steps t, t+1, ... until one whose oracle crosses a ladder's top, or the last step `steps`,
   * and stops after steps 1-2 of it; on the way it keeps the path's state at grid points (noteGrid).
   * The fundamental is read from fund[cached + t] (drawn beforehand). Same values as runPath's
   * general steps, in the same order.
   */
  run(fund: StaticArray<f64>, cached: i32, steps: i32, resDecay: f64, upThr: f64, downThr: f64, heartbeat: i32, lag: i32): void {
    const ring = this.ring, mask = ring.length - 1; // step t's price in slot t & mask (Engine.ring)
    const Iperm = this.Iperm, topL = this.topL, topS = this.topS, kept = this.kept;
    let gridStep = this.gridStep, gridNext = this.gridNext;
    let t = this.t, logF = this.logF, Itrans = this.Itrans, logO = this.logO, lastPub = this.lastPub;
    let thrL = this.thrL, thrS = this.thrS, maxLogP = this.maxLogP, ddM = this.ddM;
    let published = false;
    const centre = 0.5 * (upThr + downThr), half = 0.5 * (upThr - downThr) - PAIR_MARGIN;
    // Whether a ladder's top is crossed: it changes only when the oracle publishes (the tops are
    // fixed in the lane), so it is judged then, and once on entry (a capped desk may leave one crossed).
    let crossed = topL > thrL || topS < thrS;
    for (;;) {
      // Two steps at a time while neither can stop the lane or note a grid point, and neither
      // publishes: one test for both. A pair in which one would publish is left to the single
      // steps below; what it wrote in the ring is what they write (the ring holds lag + 2 or more).
      if (!crossed) {
        // The pair (t, t + 1) ends before the last step, the next grid point and the heartbeat's
        // publication (t + 1 - lastPub >= heartbeat; lastPub holds while pairs run).
        const pairsEnd = min(min(steps, gridStep), lastPub + min(heartbeat, steps + 1)) - 1;
        // Neither publishes when both seen prices are within `half` of `mid`: strictly between
        // the thresholds, by a margin far above the rounding of either test. A pair this test
        // stops goes on as single steps, which test exactly.
        const mid = logO + centre;
        if (lag == 1 && t < pairsEnd) {
          // A lag of one step (the default): the oracle sees the step before's price, kept in a
          // register; the ring is written once the pairs stop.
          let prev = unchecked(ring[(t - 1) & mask]);
          const from = t;
          if (ASC_FEATURE_SIMD) {
            // wasm: the running maximum and drawdown in vector registers (maxOf's splat and
            // extract on every step cost more than the maxima). The same values.
            let mv = f64x2.splat(maxLogP), dv = f64x2.splat(ddM);
            while (t < pairsEnd) {
              const I1 = Itrans * resDecay, I2 = I1 * resDecay;
              const lp1 = unchecked(fund[cached + t]) + Iperm + I1, lp2 = unchecked(fund[cached + t + 1]) + Iperm + I2;
              if (!(Math.abs(prev - mid) < half && Math.abs(lp1 - mid) < half)) break;
              Itrans = I2;
              const v1 = f64x2.splat(lp1), v2 = f64x2.splat(lp2);
              mv = f64x2.pmax(mv, v1);
              dv = f64x2.pmax(dv, f64x2.sub(mv, v1));
              mv = f64x2.pmax(mv, v2);
              dv = f64x2.pmax(dv, f64x2.sub(mv, v2));
              prev = lp2;
              t += 2;
            }
            maxLogP = f64x2.extract_lane(mv, 0);
            ddM = f64x2.extract_lane(dv, 0);
          } else {
            while (t < pairsEnd) {
              const I1 = Itrans * resDecay, I2 = I1 * resDecay;
              const lp1 = unchecked(fund[cached + t]) + Iperm + I1, lp2 = unchecked(fund[cached + t + 1]) + Iperm + I2;
              if (!(Math.abs(prev - mid) < half && Math.abs(lp1 - mid) < half)) break;
              Itrans = I2;
              maxLogP = maxOf(maxLogP, lp1);
              ddM = maxOf(ddM, maxLogP - lp1);
              maxLogP = maxOf(maxLogP, lp2);
              ddM = maxOf(ddM, maxLogP - lp2);
              prev = lp2;
              t += 2;
            }
          }
          if (t > from) unchecked((ring[(t - 1) & mask] = prev));
        } else while (t < pairsEnd) {
          const I1 = Itrans * resDecay, I2 = I1 * resDecay;
          const lp1 = unchecked(fund[cached + t]) + Iperm + I1, lp2 = unchecked(fund[cached + t + 1]) + Iperm + I2;
          unchecked((ring[t & mask] = lp1));
          unchecked((ring[(t + 1) & mask] = lp2));
          if (!(Math.abs(unchecked(ring[(t - lag) & mask]) - mid) < half && Math.abs(unchecked(ring[(t + 1 - lag) & mask]) - mid) < half)) break;
          Itrans = I2;
          maxLogP = maxOf(maxLogP, lp1);
          ddM = maxOf(ddM, maxLogP - lp1);
          maxLogP = maxOf(maxLogP, lp2);
          ddM = maxOf(ddM, maxLogP - lp2);
          t += 2;
        }
      }
      logF = unchecked(fund[cached + t]);
      Itrans *= resDecay;
      const lp = logF + Iperm + Itrans;
      unchecked((ring[t & mask] = lp));
      const seen = unchecked(ring[(t - lag) & mask]);
      const move = seen - logO;
      if (move >= upThr || move <= downThr || t - lastPub >= heartbeat) {
        logO = seen;
        lastPub = t;
        published = true;
        thrL = logO + this.lnDown;
        thrS = logO + this.lnUp;
        crossed = topL > thrL || topS < thrS;
      }
      if (crossed || t == steps) {
        this.ref = lp;
        break;
      }
      if (t == gridStep) {
        // noteGrid (records.ts), inline: no call in the loop. No flow this step: log P is lp.
        const o = gridNext * GRID_KEPT, ps = this.ps;
        unchecked((kept[o] = lp));
        unchecked((kept[o + 1] = logF));
        unchecked((kept[o + 2] = ps.fund));
        unchecked((kept[o + 3] = ps.cumNotional));
        gridNext++;
        gridStep = i32((<f64>gridNext * <f64>steps) / <f64>this.grid);
      }
      // The drawdown, branch-free (common.ts, maxOf): a new high leaves it as it was.
      maxLogP = maxOf(maxLogP, lp);
      ddM = maxOf(ddM, maxLogP - lp);
      // (not the fundamental's drawdown: Fundamental.fill measures it, as it depends on the path alone)
      t++;
    }
    if (published) this.ps.setOracle(logO);
    this.t = t;
    this.logF = logF;
    this.Itrans = Itrans;
    this.logO = logO;
    this.lastPub = lastPub;
    this.thrL = thrL;
    this.thrS = thrS;
    this.maxLogP = maxLogP;
    this.ddM = ddM;
    this.gridStep = gridStep;
    this.gridNext = gridNext;
  }
}
