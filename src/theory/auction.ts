// A Dutch auction's price, as docs/model.md §6 writes it (dss's abaci): from auctionStart x the oracle
// price at the kick, decaying linearly or exponentially to auctionEnd x at the tail, or in stairs of
// auctionStepTime seconds, each a cut by auctionCut. The replay draws it against the prices the
// simulated auction actually sold at: they lie on it.
import type { LiquidationEvent } from '../engine/trace';
import type { Scenario } from '../scenario';

/** A stair edge within this share of a stair counts as reached (assembly/auctions.ts). */
const EDGE = 1e-9;

/** The price as a share of the starting price, e seconds after the kick (0 <= e <= the tail). */
export function auctionDecay(s: Scenario, e: number): number {
  if (s.auctionDecay === 'linear') return 1 - (e / s.auctionDuration) * (1 - s.auctionEnd / s.auctionStart);
  if (s.auctionDecay === 'exponential') return Math.pow(s.auctionEnd / s.auctionStart, e / s.auctionDuration);
  return Math.pow(s.auctionCut, Math.floor(e / s.auctionStepTime + EDGE));
}

/** The price multiple of the oracle price at the kick, e seconds after it. */
export function auctionMultiple(s: Scenario, e: number): number {
  return s.auctionStart * auctionDecay(s, e);
}

/** When an unsold auction restarts, in seconds after its kick: past the tail, or below the cusp. */
export function auctionReset(s: Scenario): { after: number; by: 'tail' | 'cusp' } {
  // The first whole step at which the price is below the cusp, if that comes before the tail.
  for (let k = 0; k * s.dt <= s.auctionDuration; k++) if (auctionDecay(s, k * s.dt) < s.auctionCusp) return { after: k * s.dt, by: 'cusp' };
  return { after: (Math.floor(s.auctionDuration / s.dt + EDGE) + 1) * s.dt, by: 'tail' };
}

export interface AuctionTrace {
  position: number;
  side: 'long' | 'short';
  kickTime: number;
  /** Oracle price at the kick. */
  oracle: number;
  /** Sales before the auction restarted (a restart starts a new curve), each on the curve. */
  sales: { time: number; step: number; price: number; qty: number }[];
  /** The curve's price at time t (seconds) of the path. */
  priceAt(t: number): number;
  /** The curve's price at step k of the path, computed as the model does (elapsed time in whole steps). */
  priceAtStep(k: number): number;
}

/** The auctions of a replayed path with at least one sale, the one that sold in most pieces first. */
export function auctionsOf(s: Scenario, events: readonly LiquidationEvent[]): AuctionTrace[] {
  const out: AuctionTrace[] = [];
  events.forEach((kick, i) => {
    if (kick.kind !== 'kick') return;
    const sign = kick.side === 'long' ? 1 : -1;
    // The kick's price is the start of the curve: auctionStart x oracle (long), oracle / auctionStart (short).
    const oracle = sign > 0 ? kick.price / s.auctionStart : kick.price * s.auctionStart;
    // The curve holds until this position's next kick (a restart); a sale on that step is the new curve's.
    const next = events.slice(i + 1).find((e) => e.kind === 'kick' && e.position === kick.position);
    const sales = events
      .slice(i + 1)
      .filter((e) => e.kind === 'auction' && e.position === kick.position && (!next || e.step < next.step))
      .map((e) => ({ time: e.time, step: e.step, price: e.price, qty: e.qty }));
    if (!sales.length) return;
    const at = (e: number) => {
      const m = auctionMultiple(s, Math.min(Math.max(e, 0), s.auctionDuration));
      return sign > 0 ? oracle * m : oracle / m;
    };
    const priceAt = (t: number) => at(t - kick.time);
    out.push({ position: kick.position, side: kick.side, kickTime: kick.time, oracle, sales, priceAt, priceAtStep: (k) => at((k - kick.step) * s.dt) });
  });
  return out.sort((a, b) => b.sales.length - a.sales.length || a.kickTime - b.kickTime);
}
