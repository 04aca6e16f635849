// The generator must be Threefry-2x32-20 exactly: checked against the Random123 known-answer vectors
// (counter words, key words -> output words), in the wasm core (SIMD refill) and in its JS run (scalar).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Draws, Stream } from '../../src/portable/core';
import { kernel } from '../helpers/core';

// [counter0 (draw n), counter1 (purpose), key0 (seed), key1 (path), out0, out1]
const KAT = [
  [0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x6b200159, 0x99ba4efe],
  [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1cb996fc, 0xbb002be7],
  [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xc4923a9c, 0x483df7a0],
];

describe('Threefry-2x32-20', () => {
  it('matches the Random123 known answers in the JS run (the scalar refill)', () => {
    const s = new Stream();
    for (const [n, purpose, seed, path, o0, o1] of KAT) {
      s.reset(seed, path, purpose);
      s.seek(n);
      s.next();
      expect([s.x0 >>> 0, s.x1 >>> 0]).toEqual([o0, o1]);
    }
  });

  it('matches the Random123 known answers in the wasm core', async () => {
    const k = await kernel();
    for (const [n, purpose, seed, path, o0, o1] of KAT) expect(k.rngBits(seed, path, purpose, n)).toEqual([o0, o1]);
  });

  it('gives the same bits from the wasm SIMD refill as from the scalar refill run as JS, at any draw', async () => {
    const k = await kernel();
    const s = new Stream();
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(u32, u32, fc.integer({ min: 0, max: 2 }), u32, (seed, path, purpose, n) => {
        s.reset(seed, path, purpose);
        s.seek(n);
        s.next();
        expect(k.rngBits(seed, path, purpose, n)).toEqual([s.x0, s.x1]);
      }),
      { numRuns: 2000, seed: 20261129 },
    );
  });

  it('keeps its answers after the core has set up a run (the heap is reset then)', async () => {
    const { encodeParams } = await import('../../src/engine/params');
    const { defaultScenario } = await import('../../src/scenario');
    const k = await kernel();
    const before = [k.rngBits(1, 2, 0, 3), k.drawNormals(7, 3, 1000)];
    k.setup(encodeParams(defaultScenario()), 64);
    k.runChunk(0, 2);
    expect([k.rngBits(1, 2, 0, 3), k.drawNormals(7, 3, 1000)]).toEqual(before);
  });

  it('draws the same normals in bulk as one at a time, across refills and the ziggurat\'s slow path', async () => {
    const k = await kernel();
    const d = new Draws();
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(u32, u32, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 600 }), (seed, path, skip, n) => {
        d.reset(seed, path, 0);
        for (let i = 0; i < skip; i++) d.normal(); // start anywhere in a refill
        const one = Array.from({ length: n }, () => d.normal());
        const next = d.normal();
        d.reset(seed, path, 0);
        for (let i = 0; i < skip; i++) d.normal();
        const bulk = new Float64Array(n + 2);
        d.normals(bulk as unknown as StaticArray<number>, 1, n);
        expect(Array.from(bulk.subarray(1, n + 1))).toEqual(one);
        expect(d.normal()).toBe(next); // and the stream goes on from the same place
        // The wasm core draws its normals in bulk (drawNormals): the same sum as one at a time.
        d.reset(seed, path, 0);
        let sum = 0;
        for (let i = 0; i < n; i++) sum += d.normal();
        expect(k.drawNormals(seed, path, n)).toBe(sum);
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it('walks on the same normals as drawn one at a time, and holds the normal of the step where it leaves its range', () => {
    const d = new Draws();
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 400 }), fc.double({ min: 0.5, max: 30, noNaN: true }), (seed, skip, n, range) => {
        const drift = 0.001, vol = 0.3;
        d.reset(seed, 7, 0);
        for (let i = 0; i < skip; i++) d.normal();
        // One at a time: the walk, until a value beyond +-range (that step's normal is the next one).
        const want: number[] = [];
        let x = 0, max = 0, dd = 0, stop = n + 1, next = NaN;
        for (let t = 1; t <= n; t++) {
          const z = d.normal(), y = x + (drift + vol * z);
          if (y > range || y < -range) {
            stop = t;
            next = z;
            break;
          }
          x = y;
          want.push(x);
          max = Math.max(max, x);
          dd = Math.max(dd, max - x);
        }
        const after = d.normal();
        d.reset(seed, 7, 0);
        for (let i = 0; i < skip; i++) d.normal();
        d.walkX = d.walkMax = d.walkDd = 0;
        d.holding = false;
        const out = new Float64Array(n + 1);
        expect(d.walk(out as unknown as StaticArray<number>, 0, 1, n, drift, vol, -range, range)).toBe(stop);
        expect(Array.from(out.subarray(1, stop))).toEqual(want);
        expect([d.walkX, d.walkMax, d.walkDd]).toEqual([x, max, dd]);
        if (stop <= n) expect(d.walkNormal()).toBe(next); // the held normal, then the stream goes on
        expect(d.walkNormal()).toBe(after);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('gives uniforms on the open interval with the right moments', () => {
    const s = new Stream();
    s.reset(42, 7, 0);
    let sum = 0, sum2 = 0, min = 1, max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = s.uniform();
      sum += u;
      sum2 += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sum2 / n - 1 / 3)).toBeLessThan(0.003);
  });
});
