// Whole numbers on screen are written without Intl (format.ts, count), exactly as toLocaleString('en-US')
// wrote them before: a page's first Intl call took 18-31 ms of the first visit's longest task.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, num } from '../../src/ui/format';

describe('count', () => {
  it('writes a whole number as toLocaleString("en-US") does, sign and commas included', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => count(n) === n.toLocaleString('en-US')), { numRuns: 2000 });
    for (const n of [0, 7, 999, 1000, -1000, 12345, 1_000_000, -987_654_321]) expect(count(n)).toBe(n.toLocaleString('en-US'));
  });

  it('rounds a fraction to the whole number, and never writes NaN', () => {
    expect(count(1234.6)).toBe('1,235');
    expect(count(-0.4)).toBe('0');
    expect(count(NaN)).toBe('—');
    expect(count(Infinity)).toBe('—');
  });

  it('is what num() writes for numbers beyond its significant digits', () => {
    expect(num(123456.7)).toBe('123,457');
    expect(num(-2_500_000)).toBe('-2,500,000');
  });
});
