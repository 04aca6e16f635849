// Sweeps: the link text of a sweep round-trips, hostile text is reported and never throws, axes stay
// inside the levers' bounds, and cells share random numbers (so a sweep of the fund is monotone).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/designer/metrics';
import { MAX_CELLS, MAX_POINTS, axisValues, cellScenario, decodeSweep, encodeSweep, sweepable, type SweepSpec } from '../../src/designer/sweep-spec';
import { field, type NumberField } from '../../src/scenario';
import { summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

const levers = sweepable();
const axis = (exclude?: string) =>
  fc
    .constantFrom(...levers.filter((k) => k !== exclude))
    .chain((k) => {
      const f = field(k) as NumberField;
      const v = fc.double({ min: f.min, max: f.max, noNaN: true }).map((d) => d + 0); // -0 reads back as 0
      return fc.record({ field: fc.constant(k), from: v, to: v, points: fc.integer({ min: 2, max: MAX_POINTS }) });
    });

describe('sweep spec', () => {
  it('round-trips every valid sweep through its link text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(METRICS) as SweepSpec['metric'][])),
        axis().chain((x) => fc.tuple(fc.constant(x), fc.option(axis(x.field), { nil: undefined }))),
        (metric, [x, y]) => {
          const spec: SweepSpec = { metric, x, y: y && x.points * y.points <= MAX_CELLS ? y : undefined };
          const back = decodeSweep(encodeSweep(spec));
          expect(back.errors).toEqual([]);
          expect(back.spec).toEqual(spec);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on hostile text, and every accepted axis lies within its lever bounds', () => {
    const num = fc.oneof(fc.double().map(String), fc.integer({ min: -5, max: 40 }).map(String), fc.constantFrom('NaN', 'Infinity', '1e999', '-0', '', '0x10', ' 3'));
    const name = fc.oneof(fc.constantFrom(...levers), fc.string({ maxLength: 12 }));
    const axisText = fc.tuple(name, num, num, num).map((t) => t.join(':'));
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.array(fc.oneof(fc.string(), num, name), { maxLength: 9 }).map((p) => p.join(';')),
      fc.tuple(fc.constantFrom('pInsolvent', 'var99', 'x', ''), fc.array(axisText, { maxLength: 3 })).map(([m, a]) => [m, ...a].join(';')),
      // Mostly well-formed: a known metric and levers with plausible ranges, so accepted specs are common.
      fc
        .tuple(fc.constantFrom('pInsolvent', 'badDebt'), fc.array(fc.tuple(fc.constantFrom(...levers), fc.constantFrom('0', '0.01', '0.05', '2', '1e6'), fc.constantFrom('0.1', '0.5', '30', '1e9'), fc.integer({ min: 0, max: 30 })).map((t) => t.join(':')), { minLength: 1, maxLength: 2 }))
        .map(([m, a]) => [m, ...a].join(';')),
    );
    let accepted = 0;
    fc.assert(
      fc.property(text, (t) => {
        const r = decodeSweep(t);
        if (!r.spec) {
          expect(r.errors.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        for (const a of [r.spec.x, r.spec.y].filter((v) => v !== undefined)) {
          const f = field(a.field) as NumberField;
          for (const v of axisValues(a)) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(f.min);
            expect(v).toBeLessThanOrEqual(f.max);
          }
          expect(a.points).toBeGreaterThanOrEqual(2);
          expect(a.points).toBeLessThanOrEqual(MAX_POINTS);
        }
        expect(r.spec.x.points * (r.spec.y?.points ?? 1)).toBeLessThanOrEqual(MAX_CELLS);
      }),
      { numRuns: 3000, seed: 9 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('explains what is wrong', () => {
    expect(decodeSweep('nope;mmr:0:0.1:5').errors[0].message).toMatch(/unknown metric/);
    expect(decodeSweep('pInsolvent;seed:0:5:5').errors[0].message).toMatch(/not a lever/);
    expect(decodeSweep('pInsolvent;mmr:0.01:5:5').errors[0].message).toMatch(/clamped/);
    expect(decodeSweep('pInsolvent;mmr:0.01:0.1:500').errors[0].message).toMatch(/2 to 20 points/);
    expect(decodeSweep('pInsolvent;mmr:0.01:0.1:20;penalty:0:0.05:20;imr:0.1:0.2:3').spec).toBeUndefined();
    expect(decodeSweep('pInsolvent;mmr:0.01:0.1:5;mmr:0.01:0.1:5').errors[0].message).toMatch(/different levers/);
  });

  it('spaces levers that span decades geometrically, and rounds counts', () => {
    expect(axisValues({ field: 'depth1pct', from: 1e6, to: 1e8, points: 3 })).toEqual([1e6, 1e7, 1e8]);
    expect(axisValues({ field: 'mmr', from: 0.01, to: 0.03, points: 3 })).toEqual([0.01, 0.02, 0.03]);
    expect(axisValues({ field: 'positions', from: 10, to: 20, points: 4 }).every(Number.isInteger)).toBe(true);
  });
});

describe('sweep cells', () => {
  it('change only the swept levers (same seed: common random numbers)', () => {
    const base = scenario({ seed: 99 });
    const spec: SweepSpec = { metric: 'pInsolvent', x: { field: 'mmr', from: 0.01, to: 0.04, points: 4 }, y: { field: 'penalty', from: 0, to: 0.01, points: 2 } };
    const { scenario: c } = cellScenario(base, spec, 2, 1);
    expect(c.seed).toBe(99);
    expect(c.mmr).toBeCloseTo(0.03, 12);
    expect(c.penalty).toBeCloseTo(0.01, 12);
    expect({ ...c, mmr: base.mmr, penalty: base.penalty }).toEqual(base);
  });

  it('on common random numbers, a bigger insurance fund never raises P(insolvent) or bad debt', async () => {
    const base = scenario({ shockDepth: 0.2, shockStart: 1800, shockDuration: 600, horizon: 4 * 3600, dt: 30, paths: 300 });
    const spec: SweepSpec = { metric: 'badDebt', x: { field: 'insuranceFund', from: 0, to: 5e7, points: 6 } };
    const runs = await Promise.all(axisValues(spec.x).map((_, i) => summaryOf(cellScenario(base, spec, i).scenario)));
    const p = runs.map((r) => r.pInsolvent), debt = runs.map((r) => r.badDebt.mean);
    console.log('sweep of the fund: P(insolvent)', p, 'mean bad debt', debt);
    expect(p.every((v, i) => i === 0 || v <= p[i - 1])).toBe(true);
    expect(debt.every((v, i) => i === 0 || v <= debt[i - 1])).toBe(true);
    expect(p[0]).toBeGreaterThan(p[p.length - 1]);
  });
});
