// A chunk result's wire form (src/engine/chunk-wire.ts): what a worker sends merges into exactly
// what the raw result merges into, for any histograms (property), for real chunks of one and of
// several assets, and through the pool; a wire result that does not hold together is refused
// before anything is added.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { Accumulator } from '../../src/engine/accumulator';
import { addPackedCounts, packChunk } from '../../src/engine/chunk-wire';
import { encodeParams } from '../../src/engine/params';
import { planRun, type RunPlan } from '../../src/engine/plan';
import { summarize } from '../../src/engine/summary';
import type { Scenario } from '../../src/scenario';
import { kernel } from '../helpers/core';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';

/** A plan of one chunk of `paths` paths on a grid of `grid` intervals (the histograms' shape is all that matters). */
function plan(grid: number, paths: number): RunPlan {
  const band = { lo: -1, hi: 1, logPrice: true };
  return { steps: grid * 3, grid, chunkPaths: paths, chunks: 1, bands: [band, band, band, band], assets: 1, assetBands: [] };
}

/** A raw chunk result: each row's counts in one stretch (or none), zeros inside it too. */
const rawChunk = fc
  .record({ grid: fc.integer({ min: 1, max: 12 }), paths: fc.integer({ min: 1, max: 6 }) })
  .chain(({ grid, paths }) => {
    const rows = A.Q_COUNT * (grid + 1);
    const row = fc.oneof(
      fc.constant<number[]>(new Array(A.BINS).fill(0)),
      fc.record({ lo: fc.nat(A.BINS - 1), n: fc.integer({ min: 1, max: A.BINS }), seed: fc.array(fc.nat(40), { minLength: A.BINS, maxLength: A.BINS }) }).map(({ lo, n, seed }) =>
        Array.from({ length: A.BINS }, (_, b) => (b >= lo && b < Math.min(A.BINS, lo + n) ? seed[b] : 0)),
      ),
    );
    const tail = A.Q_COUNT * (grid + 1) + paths * A.R_COUNT;
    return fc.record({
      grid: fc.constant(grid),
      paths: fc.constant(paths),
      rows: fc.array(row, { minLength: rows, maxLength: rows }),
      tail: fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: tail, maxLength: tail }),
    });
  })
  .map(({ grid, paths, rows, tail }) => {
    const raw = new Float64Array(A.HEADER + rows.length * A.BINS + tail.length);
    raw[A.H_PATHS] = paths;
    raw[A.H_FIRST_PATH] = 0;
    rows.forEach((r, k) => raw.set(r, A.HEADER + k * A.BINS));
    raw.set(tail, A.HEADER + rows.length * A.BINS);
    return { grid, paths, raw };
  });

function bothWays(p: RunPlan, paths: number, raw: Float64Array, wire: Float64Array) {
  const a = new Accumulator(p, paths), b = new Accumulator(p, paths);
  a.add(0, raw);
  b.addPacked(0, wire);
  return { a, b };
}

describe('chunk wire form', () => {
  it('merges into exactly what the raw result merges into, and holds only the stretches of counts (property)', () => {
    fc.assert(
      fc.property(rawChunk, ({ grid, paths, raw }) => {
        const wire = packChunk(raw, grid);
        const { a, b } = bothWays(plan(grid, paths), paths, raw, wire);
        expect(b.hist).toEqual(a.hist);
        expect(b.records).toEqual(a.records);
        expect(b.bandTotals()).toEqual(a.bandTotals());
        // Each row's stretch runs from its first to its last nonzero count.
        let stretches = 0;
        for (let r = 0; r < A.Q_COUNT * (grid + 1); r++) {
          const row = Array.from(raw.subarray(A.HEADER + r * A.BINS, A.HEADER + (r + 1) * A.BINS));
          const lo = row.findIndex((x) => x !== 0), hi = row.findLastIndex((x) => x !== 0);
          stretches += lo < 0 ? 0 : hi - lo + 1;
        }
        expect(wire.length).toBe(raw.length - A.Q_COUNT * (grid + 1) * (A.BINS - 1) + stretches);
      }),
      { numRuns: 200 },
    );
  });

  it('carries real chunks, of one asset and of several, at a fraction of their size', async () => {
    for (const s of [scenario({ paths: 48 }), scenario({ paths: 24, assets: 3, horizon: 21600 })]) {
      const p = planRun(s), k = await kernel();
      k.setup(encodeParams(s), s.paths);
      const raw = k.runChunk(0, s.paths);
      const wire = packChunk(raw, p.grid);
      const { a, b } = bothWays({ ...p, chunkPaths: s.paths, chunks: 1 }, s.paths, raw, wire);
      expect(b.hist).toEqual(a.hist);
      expect(b.records).toEqual(a.records);
      expect(b.assetTotals()).toEqual(a.assetTotals());
      expect(summarize(b, s.S0, s.dt)).toEqual(summarize(a, s.S0, s.dt));
      if (s.assets === 1) expect(wire.length).toBeLessThan(raw.length / 2);
    }
  });

  it('is what workers send: the pool merges to what a run in this thread merges to', async () => {
    const s: Scenario = scenario({ paths: 300, horizon: 21600, dt: 6 });
    const p = planRun(s), k = await kernel();
    k.setup(encodeParams(s), p.chunkPaths);
    const here = new Accumulator(p, s.paths);
    for (let c = 0; c < p.chunks; c++) here.add(c, k.runChunk(c * p.chunkPaths, Math.min(p.chunkPaths, s.paths - c * p.chunkPaths)));
    const pool = nodePool(2);
    try {
      const { acc, summary } = await pool.run(s);
      expect(acc.hist).toEqual(here.hist);
      expect(acc.records).toEqual(here.records);
      expect(summary).toEqual(summarize(here, s.S0, s.dt));
    } finally {
      pool.dispose();
    }
  });

  it('refuses a wire result whose stretches do not hold together, before adding anything', () => {
    const grid = 2, p = plan(grid, 1), rows = A.Q_COUNT * (grid + 1);
    const raw = new Float64Array(A.HEADER + rows * A.BINS + rows + A.R_COUNT);
    raw[A.H_PATHS] = 1;
    raw[A.HEADER + 5] = 3; // row 0, bin 5
    raw[A.HEADER + 3 * A.BINS + 100] = 2; // row 3, bin 100
    const good = packChunk(raw, grid);
    const broken: [string, (w: Float64Array) => Float64Array][] = [
      ['a fractional stretch', (w) => ((w[A.HEADER] += 0.5), w)],
      ['a stretch past the last bin', (w) => ((w[A.HEADER + 3] = 100 * (A.BINS + 1) + 40), w)],
      ['a negative stretch', (w) => ((w[A.HEADER + 1] = -1), w)],
      ['counts cut short', (w) => w.slice(0, A.HEADER + rows + 1)],
    ];
    for (const [what, mangle] of broken) {
      const acc = new Accumulator(p, 1);
      expect(() => acc.addPacked(0, mangle(good.slice())), what).toThrow(/chunk result/);
      expect(acc.hist.every((x) => x === 0), what).toBe(true);
      expect(acc.chunksDone, what).toBe(0);
    }
    const hist = new Float64Array(rows * A.BINS);
    expect(addPackedCounts(good, hist, grid)).toBe(A.HEADER + rows + 2);
    expect(hist[5]).toBe(3);
    expect(hist[3 * A.BINS + 100]).toBe(2);
  });
});
