// Slider positions (0..1000) to field values and back (number text is in ../number-text.ts).
//
// The track: a lever's realistic range (`typical` in the Scenario table) gets the middle 80% of it,
// the rest of its bounds the ends; each part is linear, or logarithmic where it spans orders of
// magnitude. Values are rounded to 3 significant digits so links stay readable, and the default
// sits exactly at its own position, so dragging back to the start gives the start value and a
// clean link. Arrow keys step along the same ladder of values, so down undoes up exactly.
import type { NumberField } from '../../scenario';

export const SLIDER_STEPS = 1000;

interface Piece {
  /** Values [a, b] fill track share [ta, tb]. */
  a: number;
  b: number;
  ta: number;
  tb: number;
  log: boolean;
}

/** The pieces of a lever's track. */
function pieces(f: NumberField): Piece[] {
  const logOf = (a: number, b: number) => a > 0 && (f.log || b / a > 100);
  if (!f.typical) return [{ a: f.min, b: f.max, ta: 0, tb: 1, log: logOf(f.min, f.max) }];
  const [lo, hi] = f.typical;
  const out: Piece[] = [];
  const ta = lo > f.min ? 0.1 : 0, tb = hi < f.max ? 0.9 : 1;
  if (lo > f.min) out.push({ a: f.min, b: lo, ta: 0, tb: ta, log: logOf(f.min, lo) });
  out.push({ a: lo, b: hi, ta, tb, log: logOf(lo, hi) });
  if (hi < f.max) out.push({ a: hi, b: f.max, ta: tb, tb: 1, log: logOf(hi, f.max) || hi > 0 });
  return out;
}

/** The share of the track (0..1) where value v sits. */
function share(f: NumberField, v: number): number {
  for (const p of pieces(f)) {
    if (v > p.b) continue;
    const u = p.log ? Math.log(v / p.a) / Math.log(p.b / p.a) : (v - p.a) / (p.b - p.a);
    return p.ta + Math.min(1, Math.max(0, u)) * (p.tb - p.ta);
  }
  return 1;
}

/** The value at share t of the track, unrounded. */
function at(f: NumberField, t: number): number {
  for (const p of pieces(f)) {
    if (t > p.tb) continue;
    const u = p.tb > p.ta ? (t - p.ta) / (p.tb - p.ta) : 0;
    return p.log ? p.a * Math.pow(p.b / p.a, u) : p.a + u * (p.b - p.a);
  }
  return f.max;
}

export function toSlider(f: NumberField, v: number): number {
  return Math.round(Math.min(1, Math.max(0, share(f, v))) * SLIDER_STEPS);
}

/** The value at a slider position: 3 significant digits, the bounds at the ends, the default at its own position. */
export function fromSlider(f: NumberField, pos: number): number {
  if (pos <= 0) return f.min;
  if (pos >= SLIDER_STEPS) return f.max;
  if (pos === toSlider(f, f.default)) return f.default;
  let v = at(f, pos / SLIDER_STEPS);
  v = v === 0 ? 0 : +v.toPrecision(3);
  if (f.kind === 'int') v = Math.round(v);
  return Math.min(f.max, Math.max(f.min, v));
}

const ladders = new WeakMap<NumberField, number[]>();

/** Every value the slider can give, in order, once each. */
function ladder(f: NumberField): number[] {
  let l = ladders.get(f);
  if (!l) {
    l = [];
    for (let p = 0; p <= SLIDER_STEPS; p++) {
      const v = fromSlider(f, p);
      if (v !== l[l.length - 1]) l.push(v);
    }
    ladders.set(f, l);
  }
  return l;
}

/**
 * The value `steps` rungs up (or down, when negative) from v on the ladder of slider values, so that
 * a step down undoes a step up exactly; from a value off the ladder (typed), the first rung past it
 * counts as one.
 */
export function stepValue(f: NumberField, v: number, steps: number): number {
  const l = ladder(f);
  let i = 0;
  while (i < l.length && l[i] < v) i++; // l[i] >= v
  if (steps > 0) return l[Math.min(l.length - 1, (l[i] === v ? i : i - 1) + steps)];
  return l[Math.max(0, i + steps)];
}
