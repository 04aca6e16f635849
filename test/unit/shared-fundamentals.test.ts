// The cells of a sweep share each chunk's fundamental paths: a run set up as shared reads the paths
// an earlier shared run drew when its fundamental key is the same, and draws them (for the next)
// when it is not. Either way its result is the very bits of the same run alone: the key must hold
// every lever the fundamental depends on, which the property test below checks by changing levers
// of every kind between two runs, in the wasm and in the JS run of the same source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeParams } from '../../src/engine/params';
import { FIELD_KEYS, FIELDS, type FieldKey, type Scenario } from '../../src/scenario';
import { jsKernel, kernel } from '../helpers/core';
import { scenario } from '../helpers/scenarios';
import { JsKernel } from '../../src/portable/core';

// Jumps on every path, a shock and GARCH's levers in reach: every part of the fundamental is exercised.
const small = { paths: 6, positions: 120, horizon: 4 * 3600, dt: 60, shockDepth: 0.15, shockStart: 3600, jumpsPerDay: 12 } as const;
/** A run alone: a fresh kernel, not shared. */
const alone = async (s: Scenario) => {
  const k = await kernel();
  k.setup(encodeParams(s), s.paths);
  return k.runChunk(0, s.paths);
};

describe('shared fundamental paths', () => {
  it('read by a cell whose fundamental is the same, drawn again when it is not; the same bits as alone', async () => {
    const a = scenario(small);
    const sameFundamental = scenario({ ...small, mmr: 0.05, penalty: 0.03, mechanism: 'partial' });
    const otherFundamental = scenario({ ...small, sigma: 0.9 });
    const k = await kernel();
    const run = (s: Scenario) => {
      k.setup(encodeParams(s), s.paths, undefined, true);
      return k.runChunk(0, s.paths);
    };
    expect(run(a)).toEqual(await alone(a));
    expect(k.sharedDraws()).toBe(1);
    expect(run(sameFundamental)).toEqual(await alone(sameFundamental));
    expect(k.sharedDraws()).toBe(1); // read, not drawn
    expect(run(otherFundamental)).toEqual(await alone(otherFundamental));
    expect(k.sharedDraws()).toBe(2);
    // Another chunk of the same scenario is drawn; the first again, too (the region holds one chunk).
    expect(k.runChunk(2, 3)).toEqual((await (async () => { const f = await kernel(); f.setup(encodeParams(otherFundamental), 6); return f.runChunk(2, 3); })()));
    expect(k.sharedDraws()).toBe(3);
  });

  it('never changes a bit when any one lever of the table changes between two shared runs', async () => {
    const base = scenario(small);
    const k = await kernel();
    const other = (key: FieldKey): unknown => {
      const f = FIELDS[key], v = base[key];
      if (f.kind === 'bool') return !v;
      if (f.kind === 'choice') return f.options[(f.options.indexOf(v as never) + 1) % f.options.length];
      const mid = f.log && f.min > 0 ? Math.sqrt(f.min * f.max) : (f.min + f.max) / 2;
      const x = f.kind === 'int' ? Math.round(mid) : mid;
      return x !== v ? x : f.min;
    };
    let checked = 0;
    for (const key of FIELD_KEYS.filter((x) => !['paths', 'positions', 'horizon', 'pricePath', 'bookSource'].includes(x))) {
      const b = scenario({ ...small, [key]: other(key) });
      k.setup(encodeParams(base), base.paths, undefined, true);
      k.runChunk(0, base.paths);
      k.setup(encodeParams(b), b.paths, undefined, true);
      expect(k.runChunk(0, b.paths), key).toEqual(await alone(b));
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  }, 120_000);

  it('never changes a bit, whatever levers change between two shared runs (wasm and JS)', async () => {
    // Every number and choice of the table, so a lever the key forgot would show.
    const keys = FIELD_KEYS.filter((k) => !['paths', 'positions', 'horizon', 'dt', 'pricePath', 'bookSource'].includes(k));
    const change = fc.constantFrom(...keys).chain((key) => {
      const f = FIELDS[key];
      const value = f.kind === 'bool' ? fc.boolean()
        : f.kind === 'choice' ? fc.constantFrom(...f.options)
        : f.kind === 'int' ? fc.integer({ min: f.min, max: Math.min(f.max, 2 ** 31 - 1) })
        : fc.double({ min: f.min, max: f.max, noNaN: true });
      return value.map((v) => [key, v] as [FieldKey, unknown]);
    });
    const k = await kernel();
    const js = new JsKernel();
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 0, maxLength: 3 }), fc.array(change, { minLength: 0, maxLength: 3 }), async (ca, cb) => {
        const a = scenario({ ...small, ...Object.fromEntries(ca) });
        const b = scenario({ ...small, ...Object.fromEntries(cb) });
        for (const s of [a, b]) {
          k.setup(encodeParams(s), s.paths, undefined, true);
          js.setup(encodeParams(s), s.paths, undefined, true);
          const wasm = k.runChunk(0, s.paths);
          expect(wasm).toEqual(await alone(s));
          expect(js.runChunk(0, s.paths)).toEqual(jsKernel(s).runChunk(0, s.paths));
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
