// Hyperliquid's liquidation rule (docs/model.md §6, "hyperliquid"; hyperliquid.gitbook.io, 2025):
// below maintenance, the protocol sends a market order for the whole position, except that a
// position worth more than $100k sends only 20% first and then waits 30 s, after which it sends
// orders for the rest. Below two thirds of the maintenance margin, the liquidator vault (part of
// HLP) takes the position over and keeps what margin is left.
import { PathState } from './path-state';

export const HL_LARGE: f64 = 100000;
export const HL_SLICE: f64 = 0.2;
export const HL_COOLDOWN: f64 = 30;
export const HL_VAULT: f64 = 2.0 / 3.0;

/** What decide() asks of the desk. */
export const HL_WAIT: f64 = 0;
export const HL_TO_VAULT: f64 = -1;

export class Hyperliquid {
  private ps: PathState;
  /** Step from which a sliced position may be sold again (0: not sliced yet), and which were sliced. */
  private until: StaticArray<i32>;
  private sliced: StaticArray<i32>;
  private count: i32 = 0;

  constructor(ps: PathState) {
    this.ps = ps;
    this.until = new StaticArray<i32>(ps.book.n);
    this.sliced = new StaticArray<i32>(ps.book.n);
  }

  reset(): void {
    for (let k = 0; k < this.count; k++) unchecked((this.until[unchecked(this.sliced[k])] = 0));
    this.count = 0;
  }

  /** For liquidatable position c at step t: the size to sell, HL_WAIT, or HL_TO_VAULT. */
  decide(c: i32, t: i32): f64 {
    const ps = this.ps;
    const s = <f64>unchecked(ps.book.side[c]);
    const q = unchecked(ps.q[c]), O = ps.oraclePrice();
    const notional = q * O;
    if (s * q * (O - ps.kEff(c)) < HL_VAULT * ps.mmrT * notional) return HL_TO_VAULT;
    const u = unchecked(this.until[c]);
    if (u > 0) return t < u ? HL_WAIT : q;
    if (notional <= HL_LARGE) return q;
    unchecked((this.until[c] = t + max(1, i32(Math.ceil(HL_COOLDOWN / ps.m.dt - 1e-9)))));
    unchecked((this.sliced[this.count++] = c));
    return HL_SLICE * q;
  }
}
