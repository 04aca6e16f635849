// A replay's events grouped into waves (everything liquidated in one step) and told in plain words.
import type { LiquidationEvent, Replay } from '../../engine/trace';
import { duration, pct, usd } from '../format';

export interface Wave {
  step: number;
  time: number;
  longs: number;
  shorts: number;
  auctionsStarted: number;
  /** Winners closed by queue ADL, and the profit taken from them. */
  deleveraged: number;
  adlTaken: number;
  notional: number; // settled, at execution prices
  averagePrice: number;
  move: number; // market price change over the step, as a fraction
  fundChange: number;
  badDebt: number; // covered + uncovered in this wave
  kinds: Set<string>;
}

export function wavesOf(r: Replay): Wave[] {
  const waves: Wave[] = [];
  let cur: Wave | null = null;
  let qtySum = 0;
  const close = () => {
    if (!cur) return;
    cur.averagePrice = qtySum > 0 ? cur.notional / qtySum : 0;
    waves.push(cur);
  };
  for (const e of r.events) {
    if (!cur || cur.step !== e.step) {
      close();
      const s = e.step;
      cur = {
        step: s, time: s === 0 ? 0 : r.time[s], longs: 0, shorts: 0, auctionsStarted: 0, notional: 0, averagePrice: 0,
        deleveraged: 0, adlTaken: 0, move: s > 0 ? r.market[s] / r.market[s - 1] - 1 : 0,
        fundChange: s > 0 ? r.fund[s] - r.fund[s - 1] : 0, badDebt: 0, kinds: new Set(),
      };
      qtySum = 0;
    }
    addEvent(cur, e);
    if (e.kind !== 'kick' && e.kind !== 'adl' && e.kind !== 'account') qtySum += e.qty;
  }
  close();
  return waves;
}

function addEvent(w: Wave, e: LiquidationEvent): void {
  w.kinds.add(e.kind);
  if (e.kind === 'kick') {
    w.auctionsStarted++;
    return;
  }
  if (e.kind === 'adl') {
    w.deleveraged++;
    w.adlTaken += e.value;
    return;
  }
  if (e.side === 'long') w.longs++;
  else w.shorts++;
  w.notional += e.qty * e.price;
  w.badDebt += e.covered + e.uncovered;
}

/** One sentence a teacher can read out. */
export function describe(w: Wave): string {
  const parts: string[] = [];
  const n = w.longs + w.shorts;
  if (n > 0) {
    if (w.kinds.has('account')) {
      // Several assets: accounts, whose closes span the assets (no one price to average).
      const who = w.longs && w.shorts ? `${n} accounts (${w.longs} long, ${w.shorts} short)` : `${n} ${w.longs ? 'long' : 'short'} account${n > 1 ? 's' : ''}`;
      parts.push(`${who} liquidated: ${usd(w.notional)} closed across the assets`);
    } else {
      const who = w.longs && w.shorts ? `${n} positions (${w.longs} long, ${w.shorts} short)` : `${n} ${w.longs ? 'long' : 'short'} position${n > 1 ? 's' : ''}`;
      const how = w.kinds.has('auction') ? 'bought at auction' : w.kinds.has('amm') ? 'sold into the AMM' : w.longs >= w.shorts ? 'sold' : 'bought back';
      parts.push(`${who} liquidated: ${usd(w.notional)} ${how} at ${usd(w.averagePrice, 4)} on average`);
    }
  }
  if (w.deleveraged) parts.push(`${w.deleveraged} winning position${w.deleveraged > 1 ? 's' : ''} closed by ADL, ${usd(w.adlTaken)} of profit taken`);
  if (w.auctionsStarted) parts.push(`${w.auctionsStarted} position${w.auctionsStarted > 1 ? 's' : ''} put up for auction`);
  parts.push(`the market ${w.move <= 0 ? 'fell' : 'rose'} ${pct(Math.abs(w.move), 2)} this step`);
  if (w.badDebt > 0) parts.push(`${usd(w.badDebt)} of bad debt`);
  if (w.fundChange !== 0) parts.push(`the fund ${w.fundChange > 0 ? 'gained' : 'lost'} ${usd(Math.abs(w.fundChange))}`);
  if (w.kinds.has('backstop')) parts.push('the backstop took what keepers would not');
  return `${duration(w.time)}: ${parts.join('; ')}.`;
}
