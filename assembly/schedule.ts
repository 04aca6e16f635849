// Positions the `partial` mechanism is selling along the Almgren–Chriss optimal trajectory
// (docs/model.md, "Optimal schedule"). Once a position is first liquidatable it is taken off the
// ladder and sold down to q0 * heldShare(...) at each later step, whatever its health, until the
// window ends; a slice the limits or the band stop waits and the next target catches it up.
import { OPEN } from './common';

/**
 * Share of a position still held at time t of an optimal liquidation over T seconds with urgency
 * kappa (per second): sinh(kappa (T - t)) / sinh(kappa T), written with exponentials so it neither
 * overflows for large kappa T nor loses digits for small. kappa = 0 is the straight line.
 */
export function heldShare(kappa: f64, T: f64, t: f64): f64 {
  if (t >= T) return 0;
  if (t <= 0) return 1;
  if (kappa == 0) return 1 - t / T;
  const a = kappa * t;
  return (NativeMath.exp(-a) * -NativeMath.expm1(-2 * (kappa * T - a))) / -NativeMath.expm1(-2 * kappa * T);
}

export class Schedules {
  count: i32 = 0;
  /** Position index, its size when the schedule began, and the step before its first sale. */
  pos: StaticArray<i32>;
  q0: StaticArray<f64>;
  start: StaticArray<i32>;
  /** 1 while a position is on a schedule (so the ladder leaves it alone). */
  on: StaticArray<u8>;

  constructor(n: i32) {
    this.pos = new StaticArray<i32>(n);
    this.q0 = new StaticArray<f64>(n);
    this.start = new StaticArray<i32>(n);
    this.on = new StaticArray<u8>(n);
  }

  reset(): void {
    for (let k = 0; k < this.count; k++) unchecked((this.on[this.pos[k]] = 0));
    this.count = 0;
  }

  /** Puts position c, of size q, on a schedule whose first sale is at step t. */
  add(c: i32, q: f64, t: i32): void {
    const k = this.count++;
    unchecked((this.pos[k] = c));
    unchecked((this.q0[k] = q));
    unchecked((this.start[k] = t - 1));
    unchecked((this.on[c] = 1));
  }

  /** What schedule k should still hold after step t. */
  target(k: i32, t: i32, kappa: f64, steps: i32, dt: f64): f64 {
    return unchecked(this.q0[k]) * heldShare(kappa, <f64>steps * dt, <f64>(t - unchecked(this.start[k])) * dt);
  }

  /** Drops the schedules whose position is no longer open, keeping the others in order. */
  compact(state: StaticArray<u8>): void {
    let w = 0;
    for (let k = 0; k < this.count; k++) {
      const c = unchecked(this.pos[k]);
      if (unchecked(state[c]) != OPEN) {
        unchecked((this.on[c] = 0));
        continue;
      }
      unchecked((this.pos[w] = c));
      unchecked((this.q0[w] = this.q0[k]));
      unchecked((this.start[w] = this.start[k]));
      w++;
    }
    this.count = w;
  }
}
