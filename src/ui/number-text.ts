// One way to write a number, in every panel: a bare number is in the unit shown beside it (3 means
// 3% for a percentage), an explicit % is allowed on percentages, k/M/B/T suffixes multiply
// ("20M"), and commas only group thousands ("1,500"). Anything ambiguous ("2,5") or not a number is
// refused with a message saying why, never reinterpreted. Values travel in base units (fractions,
// seconds, USD): only the display shifts percentages by two places, exactly, as decimals.

const SUFFIX: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };

/** Decimal places the display shifts a value in this unit by. */
export function displayScale(unit: string): number {
  return unit === '%' ? 2 : 0;
}

/** Base value -> text in display units, digits grouped: 20000000 -> "20,000,000", 0.03 -> "3" for %. */
export function toDisplay(unit: string, v: number): string {
  const x = +shiftDecimal(String(v), displayScale(unit)).toPrecision(10);
  if (Math.abs(x) >= 1e21 || (Math.abs(x) < 1e-6 && x !== 0)) return String(x);
  const [int, frac] = String(x).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/** The same with its unit: "3%", "20,000,000 USD", "600 s". */
export function withDisplayUnit(unit: string, v: number): string {
  return `${toDisplay(unit, v)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
}

/** Text in display units -> the value in base units, or why it is not one. */
export function parseDisplay(unit: string, text: string): { value: number; error?: undefined } | { value?: undefined; error: string } {
  const shown = text.trim().slice(0, 24);
  let t = text.trim().replace(/[\s_]/g, '');
  if (t === '') return { error: 'type a number' };
  let exp = -displayScale(unit);
  if (t.endsWith('%')) {
    if (unit !== '%') return { error: `"${shown}": this is in ${unit || 'plain numbers'}, not a percentage` };
    t = t.slice(0, -1);
  }
  const m = /^(.*\d)([kmbt])$/i.exec(t);
  if (m) {
    t = m[1];
    exp += SUFFIX[m[2].toLowerCase()];
  }
  if (t.includes(',')) {
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return { error: `"${shown}" is ambiguous: a comma only groups thousands (1,500); write decimals with a point (2.5)` };
    t = t.replace(/,/g, '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { error: `"${shown}" is not a number` };
  const value = shiftDecimal(t, exp);
  return Number.isFinite(value) ? { value } : { error: `"${shown}" is too large` };
}

/** The decimal number in text times 10^exp, exactly as the decimal would be read. */
function shiftDecimal(text: string, exp: number): number {
  if (!exp) return Number(text);
  const [mantissa, e = '0'] = text.split(/[eE]/);
  return Number(`${mantissa}e${Number(e) + exp}`);
}
