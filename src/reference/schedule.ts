// Reference twin of assembly/schedule.ts: positions the `partial` mechanism is selling along the
// Almgren–Chriss optimal trajectory (docs/model.md, "Optimal schedule"). Once a position is first
// liquidatable it is taken off the ladder and sold down to q0 * heldShare(...) at each later step,
// whatever its health, until the window ends; a slice the limits or the band stop waits and the
// next target catches it up.
import { OPEN } from './common';

/**
 * Share of a position still held at time t of an optimal liquidation over T seconds with urgency
 * kappa (per second): sinh(kappa (T - t)) / sinh(kappa T), written with exponentials so it neither
 * overflows for large kappa T nor loses digits for small. kappa = 0 is the straight line.
 */
export function heldShare(kappa: number, T: number, t: number): number {
  if (t >= T) return 0;
  if (t <= 0) return 1;
  if (kappa === 0) return 1 - t / T;
  const a = kappa * t;
  return (Math.exp(-a) * -Math.expm1(-2 * (kappa * T - a))) / -Math.expm1(-2 * kappa * T);
}

export class Schedules {
  count = 0;
  /** Position index, its size when the schedule began, and the step before its first sale. */
  readonly pos: Int32Array;
  readonly q0: Float64Array;
  readonly start: Int32Array;
  /** 1 while a position is on a schedule (so the ladder leaves it alone). */
  readonly on: Uint8Array;

  constructor(n: number) {
    this.pos = new Int32Array(n);
    this.q0 = new Float64Array(n);
    this.start = new Int32Array(n);
    this.on = new Uint8Array(n);
  }

  reset(): void {
    for (let k = 0; k < this.count; k++) this.on[this.pos[k]] = 0;
    this.count = 0;
  }

  /** Puts position c, of size q, on a schedule whose first sale is at step t. */
  add(c: number, q: number, t: number): void {
    const k = this.count++;
    this.pos[k] = c;
    this.q0[k] = q;
    this.start[k] = t - 1;
    this.on[c] = 1;
  }

  /** What schedule k should still hold after step t. */
  target(k: number, t: number, kappa: number, steps: number, dt: number): number {
    return this.q0[k] * heldShare(kappa, steps * dt, (t - this.start[k]) * dt);
  }

  /** Drops the schedules whose position is no longer open, keeping the others in order. */
  compact(state: Uint8Array): void {
    let w = 0;
    for (let k = 0; k < this.count; k++) {
      const c = this.pos[k];
      if (state[c] !== OPEN) {
        this.on[c] = 0;
        continue;
      }
      this.pos[w] = c;
      this.q0[w] = this.q0[k];
      this.start[w] = this.start[k];
      w++;
    }
    this.count = w;
  }
}
