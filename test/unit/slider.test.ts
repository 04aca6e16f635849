// Sliders that fit the lever: the realistic range gets most of the track, the default sits exactly
// at its own position (dragging back gives it back), and arrow-key steps reverse exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, field, type NumberField } from '../../src/scenario';
import { SLIDER_STEPS, fromSlider, stepValue, toSlider } from '../../src/ui/panel/slider';

const numeric = FIELD_KEYS.map((k) => [k, field(k)] as const).filter(([, f]) => f.kind === 'number' || f.kind === 'int') as [string, NumberField][];

describe('sliders', () => {
  it('give the realistic range most of the track', () => {
    const mmr = field('mmr') as NumberField, latency = field('oracleLatency') as NumberField;
    expect(toSlider(mmr, 0.1) - toSlider(mmr, 0.01)).toBeGreaterThan(0.5 * SLIDER_STEPS); // was 18%
    expect(toSlider(latency, 60) - toSlider(latency, 0)).toBeGreaterThan(0.3 * SLIDER_STEPS); // was 1.7%
    for (const [key, f] of numeric) {
      if (!f.typical) continue;
      expect(toSlider(f, f.typical[1]) - toSlider(f, f.typical[0]), key).toBeGreaterThanOrEqual(0.7 * SLIDER_STEPS);
    }
  });

  it('run monotonically over every lever from its minimum to its maximum', () => {
    for (const [key, f] of numeric) {
      expect(fromSlider(f, 0), key).toBe(f.min);
      expect(fromSlider(f, SLIDER_STEPS), key).toBe(f.max);
      let last = -Infinity;
      for (let p = 0; p <= SLIDER_STEPS; p++) {
        const v = fromSlider(f, p);
        expect(v >= last, `${key} at ${p}`).toBe(true);
        expect(v >= f.min && v <= f.max, `${key} at ${p}`).toBe(true);
        last = v;
      }
    }
  });

  it('give back the default at its own position, so dragging back leaves a clean link', () => {
    for (const [key, f] of numeric) expect(fromSlider(f, toSlider(f, f.default)), key).toBe(f.default);
  });

  it('step with the arrow keys so that down undoes up, from the default or any slider value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.integer({ min: 0, max: SLIDER_STEPS }), fc.constantFrom(1, 5, 50), (nf, pos, k) => {
        const [key, f] = nf;
        for (const start of [f.default, fromSlider(f, pos)]) {
          const up = stepValue(f, start, k);
          if (up === start || up === f.max) continue; // at the top
          expect(stepValue(f, up, -k), `${key} from ${start}`).toBe(start);
        }
      }),
      { numRuns: 2000, seed: 3 },
    );
    expect(stepValue(field('mmr') as NumberField, 0.03, 5)).toBeGreaterThan(0.03);
  });
});
