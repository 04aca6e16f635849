// A path's replay trace in named columns: what the replay view draws and the CLI writes.
import * as A from '../../assembly/shared/abi';
import type { TraceData } from './kernel';

/**
 * kick: an auction starts or restarts; adl: queue ADL closes a winner (value: the profit it took).
 * Neither settles. account: several assets, an account's closes (qty: notional, price 1).
 */
export const EVENT_KINDS = ['keeper', 'backstop', 'auction', 'amm', 'kick', 'adl', 'account'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface LiquidationEvent {
  step: number;
  time: number;
  position: number;
  side: 'long' | 'short';
  qty: number; // asset units closed (for a kick: put up for auction)
  price: number; // execution price (for a kick: the auction's starting price)
  value: number; // settlement value V
  penalty: number;
  reward: number;
  covered: number;
  uncovered: number;
  kind: EventKind;
  remaining: number; // asset units still open (or still in auction)
}

export interface Replay {
  path: number;
  time: number[];
  fundamental: number[];
  market: number[];
  oracle: number[];
  mmr: number[];
  fund: number[];
  liquidatedNotional: number[];
  liquidations: number[];
  uncovered: number[];
  covered: number[];
  depthShare: number[];
  sigmaHat: number[];
  waiting: number[];
  inAuction: number[];
  events: LiquidationEvent[];
  /** More than MAX_EVENTS liquidations: the rest were not recorded. */
  truncated: boolean;
}

export function decodeTrace(t: TraceData, dt: number): Replay {
  const n = t.steps.length / A.T_COUNT;
  const col = (f: number) => Array.from({ length: n }, (_, i) => t.steps[i * A.T_COUNT + f]);
  const events: LiquidationEvent[] = [];
  for (let o = 0; o < t.events.length; o += A.E_COUNT) {
    const e = t.events;
    events.push({
      step: e[o + A.E_STEP],
      time: e[o + A.E_STEP] * dt,
      position: e[o + A.E_POSITION],
      side: e[o + A.E_SIDE] > 0 ? 'long' : 'short',
      qty: e[o + A.E_QTY],
      price: e[o + A.E_PRICE],
      value: e[o + A.E_VALUE],
      penalty: e[o + A.E_PENALTY],
      reward: e[o + A.E_REWARD],
      covered: e[o + A.E_COVERED],
      uncovered: e[o + A.E_UNCOVERED],
      kind: EVENT_KINDS[e[o + A.E_KIND]],
      remaining: e[o + A.E_REMAINING],
    });
  }
  const time = col(A.T_TIME);
  time[0] = 0;
  const first = (f: number, v: number) => {
    const c = col(f);
    c[0] = v;
    return c;
  };
  return {
    path: t.path,
    time,
    fundamental: col(A.T_FUNDAMENTAL),
    market: col(A.T_MARKET),
    oracle: col(A.T_ORACLE),
    mmr: col(A.T_MMR),
    fund: col(A.T_FUND),
    liquidatedNotional: first(A.T_LIQ_NOTIONAL, 0),
    liquidations: first(A.T_LIQ_COUNT, 0),
    uncovered: col(A.T_UNCOVERED),
    covered: col(A.T_COVERED),
    depthShare: col(A.T_DEPTH_SHARE),
    sigmaHat: col(A.T_SIGMA_HAT),
    waiting: col(A.T_WAITING),
    inAuction: col(A.T_IN_AUCTION),
    events,
    truncated: t.truncated,
  };
}
