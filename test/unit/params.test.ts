// The parameter vector is made from the Scenario table alone: every field has the slot of its place
// in the table, choices are coded by option index, and the generated slots file is up to date.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import { codeName, slotName, slotsSource } from '../../src/engine/slots-source';
import { resolve } from '../../src/resolve';
import { FIELDS, FIELD_KEYS } from '../../src/scenario';
import { anyScenario } from '../helpers/scenarios';

const abi = A as unknown as Record<string, number>;

describe('parameter slots', () => {
  it('assembly/shared/slots.ts is what the table generates', () => {
    expect(readFileSync(new URL('../../assembly/shared/slots.ts', import.meta.url), 'utf8')).toBe(slotsSource());
  });

  it('give every field its own slot, in the order of the table, before the engine slots', () => {
    FIELD_KEYS.forEach((key, i) => expect(abi[slotName(key)], key).toBe(i));
    expect(A.P_FIELDS).toBe(FIELD_KEYS.length);
    const engine = [A.P_STEPS, A.P_GRID, A.P_NAIVE_SCAN, A.P_BAND_LO, A.P_BAND_HI, A.P_SCHEDULE_STEPS, A.P_SCHEDULE_KAPPA, A.P_SERIES_MODE, A.P_BOOK_ROWS, A.P_PORTFOLIO, A.P_ASSET_BAND_LO, A.P_ASSET_BAND_HI + A.MAX_ASSETS - 2];
    expect(Math.min(...engine)).toBe(A.P_FIELDS);
    expect(A.P_BAND_HI - A.P_BAND_LO).toBe(A.Q_COUNT);
    expect(A.P_ASSET_BAND_HI - A.P_ASSET_BAND_LO).toBe(A.MAX_ASSETS - 1);
    expect(A.P_COUNT).toBe(Math.max(...engine) + 1);
    // Asset k's levers are asset 2's, ASSET_LEVERS slots on per asset (portfolio.ts assetParams).
    for (let k = 3; k <= A.MAX_ASSETS; k++) {
      for (const lever of ['PRICE', 'SIGMA', 'JUMPS_PER_DAY', 'DEPTH', 'OPEN_INTEREST', 'MMR', 'LATENCY', 'DEVIATION', 'HEARTBEAT']) {
        expect(abi[`P_A${k}_${lever}`], `a${k} ${lever}`).toBe(abi[`P_A2_${lever}`] + (k - 2) * A.ASSET_LEVERS);
      }
    }
  });

  it('encode the scenario that runs field by field: numbers as they are, booleans 0/1, choices by option code', () => {
    fc.assert(
      fc.property(anyScenario, (given) => {
        const p = encodeParams(given);
        const s = resolve(given).scenario; // the rules between levers apply to the run, not the levers
        expect(encodeParams(s)).toEqual(p);
        expect(p.length).toBe(A.P_COUNT);
        for (const key of FIELD_KEYS) {
          const f = FIELDS[key], v = p[abi[slotName(key)]];
          if (f.kind === 'bool') expect(v, key).toBe(s[key] ? 1 : 0);
          else if (f.kind === 'choice') expect(v, key).toBe(abi[codeName(key, s[key] as string)]);
          else expect(v, key).toBe(s[key]);
        }
        expect(p.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
