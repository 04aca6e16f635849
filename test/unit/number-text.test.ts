// One way to write a number everywhere: the unit shown, an explicit %, k/M/B/T, thousands groups;
// anything ambiguous is refused with a reason, never reinterpreted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDisplay, toDisplay } from '../../src/ui/number-text';

describe('number text', () => {
  it('reads a bare number in the unit shown, an explicit %, suffixes and digit groups', () => {
    expect(parseDisplay('%', '3')).toEqual({ value: 0.03 });
    expect(parseDisplay('%', '3%')).toEqual({ value: 0.03 });
    expect(parseDisplay('%', '0.025')).toEqual({ value: 0.00025 });
    expect(parseDisplay('%', '250%')).toEqual({ value: 2.5 });
    expect(parseDisplay('USD', '20M')).toEqual({ value: 20e6 });
    expect(parseDisplay('USD', '1,500')).toEqual({ value: 1500 });
    expect(parseDisplay('USD', '1,500,000.5')).toEqual({ value: 1500000.5 });
    expect(parseDisplay('s', ' 600 ')).toEqual({ value: 600 });
  });

  it('refuses what it cannot read for certain, saying why', () => {
    expect(parseDisplay('%', '2,5').error).toMatch(/ambiguous: a comma only groups thousands/);
    expect(parseDisplay('USD', '1,50').error).toMatch(/ambiguous/);
    expect(parseDisplay('s', '5%').error).toMatch(/this is in s, not a percentage/);
    expect(parseDisplay('%', 'abc').error).toMatch(/is not a number/);
    expect(parseDisplay('%', '').error).toBe('type a number');
    expect(parseDisplay('USD', '1e400').error).toMatch(/too large/);
  });

  it('reads back exactly what it displays, in every unit', () => {
    fc.assert(
      fc.property(fc.constantFrom('%', 'USD', 's', '', '×'), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (unit, v) => {
        const x = +v.toPrecision(8);
        expect(parseDisplay(unit, toDisplay(unit, x)).value).toBeCloseTo(x, 6);
      }),
      { numRuns: 2000, seed: 2 },
    );
  });
});
