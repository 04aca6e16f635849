// Rules between levers, resolved without changing any lever: the scenario the user set (the link,
// the panel, a sweep cell, an optimiser design) keeps every value it was given, and the scenario
// that runs is derived from it here. Each rule that had to act is reported as a Clamp, with the
// value set and the value used, to be shown where the numbers are; when its cause goes away, so
// does the clamp. The engine runs only resolved scenarios (pool.ts, params.ts).
import { FIELDS, isActive, stepsOf, type FieldKey, type Scenario } from './scenario';
import { format, withUnit } from './validate';

/** Most time steps per path: bounds the replay trace (steps x 14 floats) and a path's run time. */
export const MAX_STEPS = 100_000;
/** Most path-steps per run: about ten seconds of work on two cores, so no link can hang a tab. */
export const MAX_WORK = 1e9;

export interface Clamp {
  field: FieldKey;
  /** The value the user set, and the one the run used. */
  set: number;
  used: number;
  /** Why, and what that means, in one line. */
  message: string;
}

export interface Resolved {
  /** The scenario that runs. */
  scenario: Scenario;
  clamps: Clamp[];
}

export function resolve(s: Scenario): Resolved {
  const r = { ...s };
  const clamps: Clamp[] = [];
  const use = (field: FieldKey, used: number, message: string) => {
    clamps.push({ field, set: s[field] as number, used, message });
    (r as Record<FieldKey, unknown>)[field] = used;
  };
  if (r.imr <= r.mmr) {
    const v = Math.min(1, round(r.mmr * 1.5));
    use('imr', v, `the initial margin (${withUnit('%', s.imr)}) must exceed the maintenance margin (${withUnit('%', r.mmr)}): positions open at up to ${format(round(1 / v))}× leverage, as with ${withUnit('%', v)}`);
  }
  if (r.dt > r.horizon) use('dt', r.horizon, `the time step (${format(s.dt)} s) cannot exceed the horizon: one step of ${format(r.horizon)} s`);
  if (stepsOf(r) > MAX_STEPS) {
    const v = round(r.horizon / MAX_STEPS, true);
    use('dt', v, `at most ${format(MAX_STEPS)} steps per path: steps of ${format(v)} s instead of ${format(s.dt)} s`);
  }
  if (isActive(r, 'volClusterHalfLife') && r.volClusterHalfLife < 2 * r.dt) {
    const v = round(2 * r.dt, true);
    use('volClusterHalfLife', v, `a storm must last at least two time steps to cluster: a half-life of ${format(v)} s instead of ${format(s.volClusterHalfLife)} s`);
  }
  const maxPaths = Math.max(1, Math.floor(MAX_WORK / stepsOf(r)));
  if (r.paths > maxPaths) use('paths', maxPaths, `paths × steps may not exceed ${format(MAX_WORK)}: ${format(maxPaths)} of the ${format(s.paths)} paths run`);
  if (isActive(r, 'auctionEnd') && r.auctionEnd >= r.auctionStart) {
    const v = Math.max(FIELDS.auctionEnd.min, round(r.auctionStart * 0.8));
    use('auctionEnd', v, `the auction must end below its start (${format(r.auctionStart)} × oracle): it ends at ${format(v)} × oracle`);
  }
  return { scenario: r, clamps };
}

/** Rounds to 4 significant digits (up when asked), so the values used read well. */
function round(x: number, up = false): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 3);
  return +((up ? Math.ceil(x / p) : Math.round(x / p)) * p).toPrecision(12);
}
