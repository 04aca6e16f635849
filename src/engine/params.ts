// Scenario -> the Float64 parameter vector the core reads (slots in assembly/shared/abi.ts). Every
// field is encoded by the same rule, in the order of the table (assembly/shared/slots.ts is
// generated from it): numbers as they are, booleans as 0 or 1, choices as the index of the option.
// Then the engine's own slots, derived from the scenario.
import * as A from '../../assembly/shared/abi';
import { resolve } from '../resolve';
import { FIELDS, FIELD_KEYS, type Field, type Scenario } from '../scenario';
import { scheduleUrgency, scheduleSteps } from '../designer/almgren-chriss';
import { planRun } from './plan';
import { seriesSpan } from '../imports/series';

export interface EngineOptions {
  /** Scan every position every step instead of walking the ladder (benchmark baseline). */
  naiveScan?: boolean;
  /** The imported price series as the core reads it (src/imports/series.ts), when one is loaded. */
  series?: Float64Array;
  /** Positions of an imported book that follow the series in the core's inputs (src/imports/book.ts). */
  bookRows?: number;
  /** Run even one asset through the several-asset model (tests hold it against itself). */
  portfolio?: boolean;
}

/** How the core uses the series: only when the scenario asks for it and one is loaded. */
export function seriesMode(s: Scenario, series: Float64Array | undefined): number {
  if (!series || s.pricePath === 'simulated') return A.SERIES_NONE;
  return s.pricePath === 'imported' ? A.SERIES_ALONE : A.SERIES_PLUS_NOISE;
}

/** A field's value as the core reads it. */
export function encodeField(f: Field, v: number | boolean | string): number {
  if (f.kind === 'bool') return v ? 1 : 0;
  if (f.kind === 'choice') return f.options.indexOf(v as string);
  return v as number;
}

/** The parameter vector of the scenario that runs: `given` resolved (resolve.ts), whatever its levers. */
export function encodeParams(given: Scenario, options: EngineOptions = {}): Float64Array {
  const s = resolve(given).scenario;
  const mode = seriesMode(s, options.series);
  const plan = planRun(s, mode === A.SERIES_NONE ? 0 : seriesSpan(options.series!));
  const p = new Float64Array(A.P_COUNT);
  for (let slot = 0; slot < FIELD_KEYS.length; slot++) p[slot] = encodeField(FIELDS[FIELD_KEYS[slot]], s[FIELD_KEYS[slot]]);
  p[A.P_STEPS] = plan.steps;
  p[A.P_GRID] = plan.grid;
  p[A.P_NAIVE_SCAN] = options.naiveScan ? 1 : 0;
  for (let k = 0; k < A.Q_COUNT; k++) {
    p[A.P_BAND_LO + k] = plan.bands[k].lo;
    p[A.P_BAND_HI + k] = plan.bands[k].hi;
  }
  const scheduled = s.mechanism === 'partial' && s.partialSchedule === 'optimal';
  p[A.P_SCHEDULE_STEPS] = scheduled ? scheduleSteps(s) : 0;
  p[A.P_SCHEDULE_KAPPA] = scheduled ? scheduleUrgency(s) : 0;
  p[A.P_SERIES_MODE] = mode;
  p[A.P_BOOK_ROWS] = options.bookRows ?? 0;
  p[A.P_PORTFOLIO] = options.portfolio ? 1 : 0;
  plan.assetBands.forEach((b, i) => {
    p[A.P_ASSET_BAND_LO + i] = b.lo;
    p[A.P_ASSET_BAND_HI + i] = b.hi;
  });
  return p;
}
