// The liquidation map and cascade curve (the wasm and JS runs agree to the bit: wasm-vs-js.test.ts): a
// cascade only deepens a move; more depth means less cascade; a thin market has a tipping point.
import { describe, expect, it } from 'vitest';
import { decodeCascade, tippingPoint } from '../../src/engine/cascade-map';
import { encodeParams } from '../../src/engine/params';
import type { Scenario } from '../../src/scenario';
import { kernel } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

async function wasmCascade(s: Scenario) {
  const k = await kernel();
  k.setup(encodeParams(s), 8);
  return k.cascade();
}

describe('cascade curve', () => {
  it('only deepens a move, and deepens it less with more depth', async () => {
    const thin = decodeCascade(await wasmCascade(scenario({ depth1pct: 2e6 })));
    const deep = decodeCascade(await wasmCascade(scenario({ depth1pct: 1e11 }))); // the whole book moves it < 0.5 bp
    for (const c of [thin, deep]) {
      c.moves.forEach((x, k) => {
        expect(c.down.final[k]).toBeGreaterThanOrEqual(x - 1e-12);
        expect(c.up.final[k]).toBeGreaterThanOrEqual(x - 1e-12);
        expect(c.down.cascaded[k]).toBeGreaterThanOrEqual(c.down.moved[k]);
        expect(c.up.cascaded[k]).toBeGreaterThanOrEqual(c.up.moved[k]);
        if (k > 0) expect(c.down.moved[k]).toBeGreaterThanOrEqual(c.down.moved[k - 1]);
      });
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(thin.down.final)).toBeGreaterThan(sum(deep.down.final));
    // With a very deep market the final move is the initial one, within a basis point.
    deep.moves.forEach((x, k) => expect(deep.down.final[k]).toBeLessThan(x + 1e-4));
    // A thin market runs away from a small shock; a deep one does not.
    expect(tippingPoint(thin.down, thin.moves)).not.toBeNull();
    expect(tippingPoint(deep.down, deep.moves)).toBeNull();
  });
});
