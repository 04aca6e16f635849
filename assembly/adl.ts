// Auto-deleveraging (docs/model.md §8): a step's uncovered losses from one side are taken from the
// open positions of the other side, by one of two rules.
//   pro-rata: a levy per unit of size on every open position of that side, at most the side's
//     aggregate equity at the market price (it raises their bankruptcy prices; they stay open);
//   queue (Binance, Hyperliquid): winners ranked by profit % x leverage are closed in full, in that
//     order, each paying a haircut of its profit (never its margin) until the loss is covered. The
//     profit a closed winner had beyond its haircut is the queue's overshoot: profit liquidated that
//     the loss did not need (Chitra et al. 2026, "Autodeleveraging as Online Learning").
// Both report the positions they hit and how many of those were in profit.
import * as A from './shared/abi';
import { CLOSED, OPEN } from './common';
import { PathState } from './path-state';

/** A side whose open size fell below this share of its start has nobody left to deleverage. */
const ADL_MIN_SIZE: f64 = 1e-9;

export class Adl {
  private ps: PathState;
  // The queue's candidates: a max-heap of positions by score.
  private heap: StaticArray<i32>;
  private score: StaticArray<f64>;
  private size: i32 = 0;

  constructor(ps: PathState) {
    this.ps = ps;
    this.heap = new StaticArray<i32>(ps.book.n);
    this.score = new StaticArray<f64>(ps.book.n);
  }

  /** Takes up to `loss` from the open positions of side s at market price P, at step t; returns what it took. */
  levy(t: i32, s: i32, loss: f64, P: f64): f64 {
    const ps = this.ps;
    const open = s > 0 ? ps.openL : ps.openS;
    if (!(open > ADL_MIN_SIZE * (s > 0 ? ps.book.openLong : ps.book.openShort))) return 0;
    return ps.m.adlQueue ? this.queue(t, s, loss, P) : this.proRata(s, loss, P);
  }

  private proRata(s: i32, loss: f64, P: f64): f64 {
    const ps = this.ps, tot = ps.tot;
    let levied: f64 = 0;
    if (s < 0) {
      const equity = ps.openQKS - ps.shiftS * ps.openS - P * ps.openS;
      levied = Math.min(loss, Math.max(0, equity));
      ps.shiftS += levied / ps.openS;
    } else {
      const equity = P * ps.openL - ps.openQKL - ps.shiftL * ps.openL;
      levied = Math.min(loss, Math.max(0, equity));
      ps.shiftL += levied / ps.openL;
    }
    if (levied > 0) {
      // Every open position of the side pays its share.
      const b = ps.book;
      for (let i = 0; i < b.n; i++) {
        if (unchecked(b.side[i]) != s || unchecked(ps.state[i]) != OPEN || !(unchecked(ps.q[i]) > 0)) continue;
        tot.adlHit += 1;
        if (<f64>s * (P - unchecked(b.entry[i])) > 0) tot.adlHitInProfit += 1;
      }
    }
    return levied;
  }

  private queue(t: i32, s: i32, loss: f64, P: f64): f64 {
    const ps = this.ps, b = ps.book, tot = ps.tot, sf = <f64>s;
    // Winners: open positions of the side in profit, scored by profit % (of their margin) x leverage.
    this.size = 0;
    for (let i = 0; i < b.n; i++) {
      if (unchecked(b.side[i]) != s || unchecked(ps.state[i]) != OPEN) continue;
      const q = unchecked(ps.q[i]);
      const pnl = sf * q * (P - unchecked(b.entry[i]));
      const equity = sf * q * (P - ps.kEff(i));
      if (!(q > 0) || !(pnl > 0) || !(equity > 0)) continue;
      this.push(i, (pnl / unchecked(b.margin[i])) * ((q * P) / equity));
    }
    let left = loss;
    while (left > 0 && this.size > 0) {
      const i = this.pop();
      const q = unchecked(ps.q[i]);
      const pnl = sf * q * (P - unchecked(b.entry[i]));
      const cut = Math.min(left, pnl);
      left -= cut;
      tot.adlOvershoot += pnl - cut;
      tot.adlHit += 1;
      tot.adlHitInProfit += 1;
      // Closed against the bankrupt side, off the market: the winner keeps its equity less the cut.
      ps.markDirty(i);
      if (s > 0) {
        ps.openL -= q;
        ps.openQKL -= q * unchecked(ps.K[i]);
      } else {
        ps.openS -= q;
        ps.openQKS -= q * unchecked(ps.K[i]);
      }
      unchecked((ps.q[i] = 0));
      unchecked((ps.state[i] = CLOSED));
      if (ps.tracing) ps.event(t, i, q, P, cut, 0, 0, 0, 0, A.EV_ADL, 0); // value: the profit taken
    }
    return loss - left;
  }

  private push(i: i32, v: f64): void {
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!(v > unchecked(this.score[parent]))) break;
      unchecked((this.heap[k] = this.heap[parent]));
      unchecked((this.score[k] = this.score[parent]));
      k = parent;
    }
    unchecked((this.heap[k] = i));
    unchecked((this.score[k] = v));
  }

  private pop(): i32 {
    const top = unchecked(this.heap[0]);
    const n = --this.size;
    const last = unchecked(this.heap[n]), lv = unchecked(this.score[n]);
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && unchecked(this.score[c + 1]) > unchecked(this.score[c])) c++;
      if (!(unchecked(this.score[c]) > lv)) break;
      unchecked((this.heap[k] = this.heap[c]));
      unchecked((this.score[k] = this.score[c]));
      k = c;
    }
    if (n > 0) {
      unchecked((this.heap[k] = last));
      unchecked((this.score[k] = lv));
    }
    return top;
  }
}
