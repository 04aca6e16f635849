// The amm mechanism sells into the protocol's pool with a slippage limit: no trade leaves the pool's
// price further than ammMaxSlippage from the market price, and the rest waits. Without the limit
// (1), a pool a tenth of the book is dumped into until it is worthless, and bad debt explodes.
import { describe, expect, it } from 'vitest';
import { encodeParams } from '../../src/engine/params';
import { decodeTrace } from '../../src/engine/trace';
import { kernel, summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

describe('amm', () => {
  it('trades only within the slippage limit of the market price', async () => {
    const s = scenario({ mechanism: 'amm', ammMaxSlippage: 0.05, shockDepth: 0.3, shockStart: 1800, paths: 4, horizon: 21600, positions: 500 });
    const k = await kernel();
    k.setup(encodeParams(s), s.paths);
    let sales = 0;
    for (let path = 0; path < s.paths; path++) {
      const r = decodeTrace(k.trace(path), s.dt);
      for (const e of r.events) {
        if (e.kind !== 'amm') continue;
        const market = r.market[e.step];
        // A long's collateral sold into the pool: at an average price above the limit.
        if (e.side === 'long') expect(e.price).toBeGreaterThanOrEqual(market * (1 - 0.05) * (1 - 1e-9)), sales++;
        else expect(e.price).toBeLessThanOrEqual((market / (1 - 0.05)) * (1 + 1e-9));
      }
    }
    expect(sales).toBeGreaterThan(0);
  });

  it('keeps bad debt far below dumping into the pool at any price', async () => {
    const base = scenario({ mechanism: 'amm', paths: 300 });
    const limited = await summaryOf({ ...base, ammMaxSlippage: 0.1 });
    const unlimited = await summaryOf({ ...base, ammMaxSlippage: 1 });
    console.log(`amm, default scenario: mean bad debt ${limited.badDebt.mean.toFixed(0)} with a 10% limit, ${unlimited.badDebt.mean.toFixed(0)} without`);
    expect(limited.badDebt.mean * 10).toBeLessThan(unlimited.badDebt.mean);
    expect(limited.cascade.traderCost * 5).toBeLessThan(unlimited.cascade.traderCost);
  });
});
