// The core's inlined exp (assembly/inline-math.ts) is NativeMath.exp's own code, so inlining it
// changed no result: the same bits for every double (the golden digests hold the core's results).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type MathModule = { exp(x: number): number; expInline(x: number): number };
const bytes = readFileSync(new URL('../../build/math.wasm', import.meta.url));
const env = { abort: () => { throw new Error('math.wasm aborted'); } };
const math = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env }).exports as unknown as MathModule;
const same = (x: number) => Object.is(math.expInline(x), math.exp(x));

describe('the inlined exp', () => {
  it('gives NativeMath.exp bit for bit at the edges of its range', () => {
    const edges = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, 2 ** -54, -(2 ** -54), 1e-300, Number.MAX_VALUE, -Number.MAX_VALUE];
    // Overflow and underflow (exp's special cases) and the subnormal results between.
    const limits = [709.782712893384, 709.7827128933841, 709.78, -708.3964185322641, -708.4, -745.1332191019411, -745.1332191019412, -740];
    for (const x of [...edges, ...limits]) expect(same(x), String(x)).toBe(true);
  });

  it('gives NativeMath.exp bit for bit on any double', () => {
    const x = fc.oneof(fc.double(), fc.double({ min: -746, max: 710 }), fc.double({ min: -1, max: 1 }), fc.double({ min: -1e-6, max: 1e-6 }));
    fc.assert(fc.property(x, same), { numRuns: 20_000 });
  });
});
