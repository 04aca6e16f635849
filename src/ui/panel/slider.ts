// Slider positions (0..1000) to field values and back, linear or logarithmic, and number text in
// display units ("%" fields show percent) to base units without binary rounding surprises.
import type { NumberField } from '../../scenario';

export const SLIDER_STEPS = 1000;

export function toSlider(f: NumberField, v: number): number {
  const t = f.log ? Math.log(v / f.min) / Math.log(f.max / f.min) : (v - f.min) / (f.max - f.min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}

/** The value at a slider position, rounded to 3 significant digits so links stay readable. */
export function fromSlider(f: NumberField, pos: number): number {
  const t = pos / SLIDER_STEPS;
  let v = f.log ? f.min * Math.pow(f.max / f.min, t) : f.min + t * (f.max - f.min);
  v = v === 0 ? 0 : +v.toPrecision(3);
  if (f.kind === 'int') v = Math.round(v);
  return Math.min(f.max, Math.max(f.min, v));
}

export function displayScale(f: NumberField): number {
  return f.unit === '%' ? 2 : 0; // decimal places the display shifts by
}

/** Base value -> text in display units, digits grouped: 20000000 -> "20,000,000". */
export function toDisplay(f: NumberField, v: number): string {
  const x = +shiftDecimal(String(v), displayScale(f)).toPrecision(10);
  if (Math.abs(x) >= 1e21 || (Math.abs(x) < 1e-6 && x !== 0)) return String(x);
  const [int, frac] = String(x).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

const SUFFIX: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };

/**
 * Text in display units -> base value as text, parsed later like any raw input: digit groups and
 * k/M/B/T suffixes are accepted ("20M", "1,500"), and percent fields shift by two places.
 */
export function fromDisplay(f: NumberField, text: string): string {
  let t = text.trim().replace(/[,_\s]/g, '');
  let exp = -displayScale(f);
  const m = /^(.*\d)([kmbt])$/i.exec(t);
  if (m) {
    t = m[1];
    exp += SUFFIX[m[2].toLowerCase()];
  }
  if (!exp || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return t;
  return String(shiftDecimal(t, exp));
}

/** The decimal number in text times 10^exp, exactly as the decimal would be read. */
function shiftDecimal(text: string, exp: number): number {
  if (!exp) return Number(text);
  const [mantissa, e = '0'] = text.split(/[eE]/);
  return Number(`${mantissa}e${Number(e) + exp}`);
}
