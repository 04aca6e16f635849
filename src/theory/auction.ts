// A Dutch auction's price, as docs/model.md §6 writes it: from auctionStart x the oracle price at the
// kick, decaying to auctionEnd x over auctionDuration, linearly, exponentially or in stairs. The
// replay draws it against the prices the simulated auction actually sold at: they lie on it.
import type { LiquidationEvent } from '../engine/trace';
import type { Scenario } from '../scenario';

/** The price multiple of the oracle price at the kick, at fraction u in [0, 1) of the auction. */
export function auctionMultiple(s: Scenario, u: number): number {
  const ratio = s.auctionEnd / s.auctionStart;
  const d = s.auctionDecay === 'linear' ? 1 - u * (1 - ratio) : s.auctionDecay === 'exponential' ? Math.pow(ratio, u) : Math.pow(ratio, Math.floor(u * s.auctionSteps) / s.auctionSteps);
  return s.auctionStart * d;
}

export interface AuctionTrace {
  position: number;
  side: 'long' | 'short';
  kickTime: number;
  /** Oracle price at the kick. */
  oracle: number;
  /** Sales before the auction ran out (a restart starts a new curve), each on the curve. */
  sales: { time: number; step: number; price: number; qty: number }[];
  /** The curve's price at time t (seconds) of the path. */
  priceAt(t: number): number;
  /** The curve's price at step k of the path, computed as the model does (u from whole steps). */
  priceAtStep(k: number): number;
}

/** The auctions of a replayed path with at least one sale, the one that sold in most pieces first. */
export function auctionsOf(s: Scenario, events: readonly LiquidationEvent[]): AuctionTrace[] {
  const out: AuctionTrace[] = [];
  for (const kick of events) {
    if (kick.kind !== 'kick') continue;
    const sign = kick.side === 'long' ? 1 : -1;
    // The kick's price is the start of the curve: auctionStart x oracle (long), oracle / auctionStart (short).
    const oracle = sign > 0 ? kick.price / s.auctionStart : kick.price * s.auctionStart;
    const u = (k: number) => ((k - kick.step) * s.dt) / s.auctionDuration;
    const sales = events
      .filter((e) => e.kind === 'auction' && e.position === kick.position && e.step >= kick.step && u(e.step) < 1)
      .map((e) => ({ time: e.time, step: e.step, price: e.price, qty: e.qty }));
    if (!sales.length) continue;
    const at = (v: number) => {
      const m = auctionMultiple(s, Math.min(Math.max(v, 0), 1 - 1e-12));
      return sign > 0 ? oracle * m : oracle / m;
    };
    const priceAt = (t: number) => at((t - kick.time) / s.auctionDuration);
    out.push({ position: kick.position, side: kick.side, kickTime: kick.time, oracle, sales, priceAt, priceAtStep: (k) => at(u(k)) });
  }
  return out.sort((a, b) => b.sales.length - a.sales.length || a.kickTime - b.kickTime);
}
