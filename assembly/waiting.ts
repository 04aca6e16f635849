// What still waits for liquidation: on the ladders (cursor, heap and park), on a schedule, or in an
// auction. The desk works on it; these queries only read it, for the horizon's accounting and the
// replay.
import { OPEN, sortBy } from './common';
import { Auctions } from './auctions';
import { PathState } from './path-state';
import { Schedules } from './schedule';

export class Waiting {
  private ps: PathState;
  private sched: Schedules;
  private auctions: Auctions;
  private deficitIdx: StaticArray<i32>;
  private deficitVal: StaticArray<f64>;

  constructor(ps: PathState, sched: Schedules, auctions: Auctions) {
    this.ps = ps;
    this.sched = sched;
    this.auctions = auctions;
    this.deficitIdx = new StaticArray<i32>(ps.book.n);
    this.deficitVal = new StaticArray<f64>(ps.book.n);
  }

  @inline private addDeficit(n: i32, i: i32, d: f64): i32 {
    if (d > 0) {
      unchecked((this.deficitIdx[n] = i));
      unchecked((this.deficitVal[i] = d));
      return n + 1;
    }
    return n;
  }

  /** Negative equity at price P of positions still open at the horizon, summed in position order. */
  openDeficit(P: f64): f64 {
    const ps = this.ps;
    let n = 0;
    if (ps.m.naive) {
      for (let i = 0; i < ps.book.n; i++) {
        if (unchecked(ps.state[i]) == OPEN) n = this.addDeficit(n, i, unchecked(ps.q[i]) * <f64>unchecked(ps.book.side[i]) * (ps.kEff(i) - P));
      }
    } else {
      for (let side = 0; side < 2; side++) {
        const l = side == 0 ? ps.longs : ps.shorts;
        for (let j = l.cursor; j < l.length; j++) {
          const i = unchecked(l.order[j]);
          if (unchecked(ps.state[i]) != OPEN) continue; // closed by queue ADL down the ladder
          const d = unchecked(ps.q[i]) * <f64>unchecked(ps.book.side[i]) * (ps.kEff(i) - P);
          if (d <= 0) break; // the rest of the ladder is further from bankruptcy
          n = this.addDeficit(n, i, d);
        }
        for (let j = 0; j < l.heapSize; j++) {
          const i = unchecked(l.heap[j]);
          n = this.addDeficit(n, i, unchecked(ps.q[i]) * <f64>unchecked(ps.book.side[i]) * (ps.kEff(i) - P));
        }
        for (let j = 0; j < l.parkLen; j++) {
          const i = unchecked(l.park[j]);
          if (i >= 0) n = this.addDeficit(n, i, unchecked(ps.q[i]) * <f64>unchecked(ps.book.side[i]) * (ps.kEff(i) - P));
        }
      }
      // Positions on a schedule are off the ladders.
      const sc = this.sched;
      for (let k = 0; k < sc.count; k++) {
        const i = unchecked(sc.pos[k]);
        if (unchecked(ps.state[i]) == OPEN) n = this.addDeficit(n, i, unchecked(ps.q[i]) * <f64>unchecked(ps.book.side[i]) * (ps.kEff(i) - P));
      }
    }
    const au = this.auctions;
    for (let k = 0; k < au.count; k++) {
      const i = unchecked(au.aPos[k]);
      n = this.addDeficit(n, i, unchecked(au.aLot[k]) * <f64>unchecked(ps.book.side[i]) * (unchecked(au.aK[k]) - P));
    }
    sortBy(this.deficitIdx, n, (x: i32, y: i32): bool => x < y);
    let sum: f64 = 0;
    for (let k = 0; k < n; k++) sum += unchecked(this.deficitVal[unchecked(this.deficitIdx[k])]);
    return sum;
  }


  /** Liquidatable open positions that were left waiting this step (for the replay). */
  count(): i32 {
    const ps = this.ps;
    let n = 0;
    if (ps.m.naive) {
      for (let i = 0; i < ps.book.n; i++) if (unchecked(ps.state[i]) == OPEN && ps.liquidatable(i)) n++;
      return n;
    }
    for (let side = 0; side < 2; side++) {
      const l = side == 0 ? ps.longs : ps.shorts;
      // Positions closed by queue ADL may still sit on a ladder: they do not wait.
      for (let j = l.cursor; j < l.length && ps.liquidatable(unchecked(l.order[j])); j++) if (unchecked(ps.state[unchecked(l.order[j])]) == OPEN) n++;
      for (let j = 0; j < l.heapSize; j++) if (unchecked(ps.state[unchecked(l.heap[j])]) == OPEN && ps.liquidatable(unchecked(l.heap[j]))) n++;
      for (let j = 0; j < l.parkLen; j++) if (unchecked(l.park[j]) >= 0 && unchecked(ps.state[unchecked(l.park[j])]) == OPEN && ps.liquidatable(unchecked(l.park[j]))) n++;
    }
    const sc = this.sched; // off the ladders
    for (let k = 0; k < sc.count; k++) {
      const i = unchecked(sc.pos[k]);
      if (unchecked(ps.state[i]) == OPEN && ps.liquidatable(i)) n++;
    }
    return n;
  }
}
