// The generator must be Threefry-2x32-20 exactly: checked against the Random123 known-answer vectors
// (counter words, key words -> output words), in the wasm core (SIMD refill) and in its JS run (scalar).
// Streams read it as 32-bit words (the default) or 64-bit draws (links v=1): both are held here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Draws, Stream } from '../../src/portable/core';
import { kernel } from '../helpers/core';
import * as T from '../../assembly/shared/ziggurat-tables';
import { ZIG8_R, ZIG8_V, ZIG_R, ZIG_V, zigguratTables } from '../../scripts/ziggurat-math';

// [counter0 (draw n), counter1 (purpose), key0 (seed), key1 (path), out0, out1]
const KAT = [
  [0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x6b200159, 0x99ba4efe],
  [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1cb996fc, 0xbb002be7],
  [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xc4923a9c, 0x483df7a0],
];

/** Probability of [a, b] under the standard normal, by Simpson's rule on a fine grid (error far below 1e-9). */
function mass(a: number, b: number): number {
  const n = 20000, h = (b - a) / n, f = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** drawNormals' sum of normals: four partial sums over each block of 256, in its order. */
function probeSum(z: number[]): number {
  const s = [0, 0, 0, 0];
  for (let i = 0; i < z.length; i += 256) {
    const k = Math.min(256, z.length - i);
    let j = 0;
    for (; j + 4 <= k; j += 4) for (let c = 0; c < 4; c++) s[c] += z[i + j + c];
    for (; j < k; j++) s[0] += z[i + j];
  }
  return s[0] + s[1] + s[2] + s[3];
}

describe('Threefry-2x32-20', () => {
  it('matches the Random123 known answers in the JS run (the scalar refill)', () => {
    const s = new Stream();
    for (const [n, purpose, seed, path, o0, o1] of KAT) {
      s.reset(seed, path, purpose, true);
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
        s.reset(seed, path, purpose, true);
        s.seek(n);
        s.next();
        expect(k.rngBits(seed, path, purpose, n)).toEqual([s.x0, s.x1]);
      }),
      { numRuns: 2000, seed: 20261129 },
    );
  });

  it('reads 32-bit words in the refill\'s order: the low words of 16 counters, then their high words', () => {
    const wide = new Stream(), words = new Stream();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 2 }), (seed, purpose) => {
        words.reset(seed, 5, purpose);
        const got = Array.from({ length: 64 }, () => words.word() >>> 0);
        wide.reset(seed, 5, purpose, true);
        const want: number[] = [];
        for (let block = 0; block < 2; block++) {
          const draws = Array.from({ length: 16 }, () => (wide.next(), [wide.x0 >>> 0, wide.x1 >>> 0]));
          want.push(...draws.map((d) => d[0]), ...draws.map((d) => d[1]));
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 50, seed: 20261207 },
    );
  });

  it('keeps its answers after the core has set up a run (the heap is reset then)', async () => {
    const { encodeParams } = await import('../../src/engine/params');
    const { defaultScenario } = await import('../../src/scenario');
    const k = await kernel();
    const before = [k.rngBits(1, 2, 0, 3), k.drawNormals(7, 3, 1000), k.drawNormals(7, 3, 1000, true)];
    k.setup(encodeParams(defaultScenario()), 64);
    k.runChunk(0, 2);
    expect([k.rngBits(1, 2, 0, 3), k.drawNormals(7, 3, 1000), k.drawNormals(7, 3, 1000, true)]).toEqual(before);
  });

  it.each([false, true])('draws the same normals in bulk as one at a time, across refills and the ziggurat\'s slow path (64-bit: %s)', async (wide) => {
    const k = await kernel();
    const d = new Draws();
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(u32, u32, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 600 }), (seed, path, skip, n) => {
        d.reset(seed, path, 0, wide);
        for (let i = 0; i < skip; i++) d.normal(); // start anywhere in a refill
        const one = Array.from({ length: n }, () => d.normal());
        const next = d.normal();
        d.reset(seed, path, 0, wide);
        for (let i = 0; i < skip; i++) d.normal();
        const bulk = new Float64Array(n + 2);
        d.normals(bulk as unknown as StaticArray<number>, 1, n);
        expect(Array.from(bulk.subarray(1, n + 1))).toEqual(one);
        expect(d.normal()).toBe(next); // and the stream goes on from the same place
        // The wasm core draws its normals in bulk (drawNormals): the same sum as one at a time.
        d.reset(seed, path, 0, wide);
        expect(k.drawNormals(seed, path, n, wide)).toBe(probeSum(Array.from({ length: n }, () => d.normal())));
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it.each([false, true])('walks on the same normals as drawn one at a time, and holds the normal of the step where it leaves its range, in JS and in wasm (64-bit: %s)', async (wide) => {
    const d = new Draws();
    const k = await kernel();
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    // Small steps in a wide range take the wasm walk's loop without range tests (a buffer's steps
    // cannot reach the range); large ones in a narrow range, the loop that tests every step.
    const vol = fc.oneof(fc.constant(0.3), fc.double({ min: 0.001, max: 0.3, noNaN: true }));
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 400 }), fc.double({ min: 0.5, max: 30, noNaN: true }), vol, (seed, skip, n, range, vol) => {
        const drift = 0.001;
        d.reset(seed, 7, 0, wide);
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
        d.reset(seed, 7, 0, wide);
        for (let i = 0; i < skip; i++) d.normal();
        d.walkX = d.walkMax = d.walkDd = 0;
        d.holding = false;
        const out = new Float64Array(n + 1);
        expect(d.walk(out as unknown as StaticArray<number>, 0, 1, n, drift, vol, -range, range)).toBe(stop);
        expect(Array.from(out.subarray(1, stop))).toEqual(want);
        expect([d.walkX, d.walkMax, d.walkDd]).toEqual([x, max, dd]);
        const twoNext = [d.walkNormal(), d.walkNormal()];
        if (stop <= n) expect(twoNext[0]).toBe(next); // the held normal, then the stream goes on
        expect(twoNext[stop <= n ? 1 : 0]).toBe(after);
        const w = k.walk(seed, 7, 0, skip, n, drift, vol, -range, range, wide);
        expect([w.stop, w.x, w.max, w.dd]).toEqual([stop, x, max, dd]);
        expect(Array.from(w.values)).toEqual(Array.from(out.subarray(1)));
        expect(w.next).toEqual(twoNext);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it.each([false, true])('gives uniforms on the open interval with the right moments (64-bit: %s)', (wide) => {
    const s = new Stream();
    s.reset(42, 7, 0, wide);
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

describe('the ziggurat', () => {
  // Every layer of a ziggurat has the same area V: the base layer R f(R) plus the tail beyond R,
  // each other layer X[i] (f(X[i + 1]) - f(X[i])), with f(x) = exp(-x^2 / 2). The committed tables
  // are the construction's (scripts/ziggurat-math.ts) and hold it.
  it.each([
    ['128 layers (64-bit draws)', T.ZIG_X, T.ZIG_RATIO, T.ZIG_R, 128, zigguratTables(128, ZIG_R, ZIG_V), ZIG_V],
    ['256 layers (32-bit words)', T.ZIG8_X, T.ZIG8_RATIO, T.ZIG8_R, 256, zigguratTables(256, ZIG8_R, ZIG8_V), ZIG8_V],
  ] as const)('has layers of equal area: %s', (_, X, ratio, R, layers, built, V) => {
    const x = Array.from(X as unknown as number[]), f = (v: number) => Math.exp(-0.5 * v * v);
    expect(x).toEqual(built.x);
    expect(Array.from(ratio as unknown as number[])).toEqual(built.ratio);
    expect(x).toHaveLength(layers + 1);
    expect([x[1], x[layers]]).toEqual([R, 0]);
    const tail = mass(R, 40) * Math.sqrt(2 * Math.PI);
    expect(Math.abs(R * f(R) + tail - V) / V).toBeLessThan(1e-6);
    for (let i = 1; i < layers; i++) expect(Math.abs(x[i] * (f(x[i + 1]) - f(x[i])) - V) / V).toBeLessThan(1e-8);
    if (layers === 256) expect(Array.from(T.ZIG8_F as unknown as number[])).toEqual(x.map(f));
  });


  // 64 bins of width 1/8 over [-4, 4] and the two tails: the fast path, the wedges and the tail beyond
  // R = 3.44 all show in them. A chi-square beyond 120 (66 bins; p about 1e-5) fails.
  it.each([false, true])('draws standard normals: bin counts fit the normal law (64-bit: %s)', (wide) => {
    const d = new Draws();
    d.reset(20261207, 3, 0, wide);
    const n = 1_000_000, bins = new Array(66).fill(0);
    for (let i = 0; i < n; i++) {
      const z = d.normal();
      bins[z < -4 ? 0 : z >= 4 ? 65 : 1 + Math.floor((z + 4) * 8)]++;
    }
    let chi2 = 0;
    for (let b = 0; b < 66; b++) {
      const p = b === 0 || b === 65 ? mass(4, 12) : mass(-4 + (b - 1) / 8, -4 + b / 8);
      chi2 += (bins[b] - n * p) ** 2 / (n * p);
    }
    expect(chi2).toBeLessThan(120);
  });
});
