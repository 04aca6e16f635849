// Who caused a liquidation, across several assets (docs/model.md §11): when an account goes, each
// asset's share of the fall in its surplus over its margin since the start; and per asset, what the
// path liquidated in it, what that left unpaid (and beyond the fund), and how much of it other
// assets' moves caused.
import * as A from './shared/abi';

export class Contagion {
  /** The shares of the account being liquidated (blame()), by asset. */
  share: StaticArray<f64>;
  private liq: StaticArray<f64>;
  private shortfall: StaticArray<f64>;
  private fromOthers: StaticArray<f64>;
  private uncovered: StaticArray<f64>;
  private cause: StaticArray<f64>; // [a * n + b]: notional liquidated in asset a that asset b caused

  constructor(private n: i32) {
    this.share = new StaticArray<f64>(n);
    this.liq = new StaticArray<f64>(n);
    this.shortfall = new StaticArray<f64>(n);
    this.fromOthers = new StaticArray<f64>(n);
    this.uncovered = new StaticArray<f64>(n);
    this.cause = new StaticArray<f64>(n * n);
  }

  reset(): void {
    for (let a = 0; a < this.n; a++) {
      unchecked((this.liq[a] = 0));
      unchecked((this.shortfall[a] = 0));
      unchecked((this.fromOthers[a] = 0));
      unchecked((this.uncovered[a] = 0));
    }
    for (let k = 0; k < this.n * this.n; k++) unchecked((this.cause[k] = 0));
  }

  /** Starts blaming an account: no shares yet. */
  begin(): void {
    for (let a = 0; a < this.n; a++) unchecked((this.share[a] = 0));
  }

  /** Its position in asset a lowered its surplus by `fall` since the start (ignored when it raised it). */
  add(a: i32, fall: f64): void {
    if (fall > 0) unchecked((this.share[a] += fall));
  }

  /** Turns the falls into shares; an account whose surplus fell nowhere is its first asset's doing. */
  finish(own: i32): void {
    let total: f64 = 0;
    for (let a = 0; a < this.n; a++) total += unchecked(this.share[a]);
    if (total > 0) for (let a = 0; a < this.n; a++) unchecked((this.share[a] /= total));
    else unchecked((this.share[own] = 1));
  }

  /** Notional nx of the account liquidated in asset a, split by the shares. */
  liquidated(a: i32, nx: f64): void {
    const n = this.n;
    unchecked((this.liq[a] += nx));
    unchecked((this.fromOthers[a] += nx * (1 - unchecked(this.share[a]))));
    for (let b = 0; b < n; b++) unchecked((this.cause[a * n + b] += nx * unchecked(this.share[b])));
  }

  /** A loss beyond the account's value, and the part of it the fund could not cover, split by the shares. */
  unpaid(loss: f64, uncovered: f64): void {
    for (let a = 0; a < this.n; a++) {
      unchecked((this.shortfall[a] += loss * unchecked(this.share[a])));
      unchecked((this.uncovered[a] += uncovered * unchecked(this.share[a])));
    }
  }

  /** Adds the path's sums (and squares) to a chunk result at `section` (abi.ts ASSET_*). */
  write(out: StaticArray<f64>, section: i32): void {
    const n = this.n;
    for (let a = 0; a < n; a++) {
      const o = section + a * A.AQ_COUNT;
      addSquared(out, o + A.AQ_LIQUIDATED, unchecked(this.liq[a]));
      addSquared(out, o + A.AQ_SHORTFALL, unchecked(this.shortfall[a]));
      addSquared(out, o + A.AQ_CROSS, unchecked(this.fromOthers[a]));
      addSquared(out, o + A.AQ_UNCOVERED, unchecked(this.uncovered[a]));
      for (let b = 0; b < n; b++) unchecked((out[section + A.ASSET_CAUSE + a * A.MAX_ASSETS + b] += this.cause[a * n + b]));
    }
  }
}

/** Adds x at out[o] and its square at out[o + 1] (the AQ_*_SQ slot). */
function addSquared(out: StaticArray<f64>, o: i32, x: f64): void {
  unchecked((out[o] += x));
  unchecked((out[o + 1] += x * x));
}
