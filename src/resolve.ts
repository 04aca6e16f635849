// Rules between levers, resolved without changing any lever: the scenario the user set (the link,
// the panel, a sweep cell, an optimiser design) keeps every value it was given, and the scenario
// that runs is derived from it here. Each rule that had to act is reported as a Clamp, with the
// value set and the value used, to be shown where the numbers are; when its cause goes away, so
// does the clamp. The engine runs only resolved scenarios (pool.ts, params.ts).
import { FIELDS, isActive, stepsOf, type FieldKey, type Scenario } from './scenario';
import { format, withUnit } from './validate';
import { choleskyOf } from './portable/cholesky';

/** Most time steps per path: bounds the replay trace (steps x 14 floats) and a path's run time. */
export const MAX_STEPS = 100_000;
/** Most path-steps per run: about ten seconds of work on two cores, so no link can hang a tab. */
export const MAX_WORK = 1e9;

export interface Clamp {
  field: FieldKey;
  /** The value the user set, and the one the run used. */
  set: number | string | boolean;
  used: number | string | boolean;
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
  const use = (field: FieldKey, used: number | string | boolean, message: string) => {
    clamps.push({ field, set: s[field], used, message });
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
  if (r.assets > 1) severalAssets(r, use);
  return { scenario: r, clamps };
}

type Use = (field: FieldKey, used: number | string | boolean, message: string) => void;

/** Levers of the one-asset model that several assets do not have (docs/model.md §11), and correlations that must form a valid matrix. */
function severalAssets(r: Scenario, use: Use): void {
  const only = (what: string) => `with several assets, ${what}`;
  if (r.mechanism !== 'full' && r.mechanism !== 'partial') use('mechanism', 'full', only(`accounts are liquidated in full or in part: ${r.mechanism} is a one-asset mechanism, so full liquidation runs`));
  if (r.mechanism === 'partial' && r.partialSchedule === 'optimal') use('partialSchedule', 'rule', only('a partial liquidation closes what the margin needs at once (the rule), not on a schedule'));
  if (r.dynamicMargin) use('dynamicMargin', false, only('each asset keeps its maintenance margin (volatility-adjusted margins are one-asset)'));
  if (r.liquidityWithdrawal) use('liquidityWithdrawal', false, only("each asset's depth stays at its calm level"));
  if (r.adl) use('adl', false, only('uncovered losses stay bad debt (auto-deleveraging is one-asset)'));
  if (r.congestion !== 0) use('congestion', 0, only('gas stays at its calm cost'));
  if (r.pricePath !== 'simulated') use('pricePath', 'simulated', only('every price path is simulated'));
  if (r.bookSource !== 'generated') use('bookSource', 'generated', only('the accounts are generated from the book levers'));
  const n = r.assets, keys: FieldKey[] = [], rho: number[] = [];
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) {
    keys.push(`rho${i + 1}${j + 1}` as FieldKey);
    rho.push(r[`rho${i + 1}${j + 1}` as FieldKey] as number);
  }
  if (validCorrelation(n, rho)) return;
  // Shrink towards independence, by the least multiple of 5% that makes the matrix valid as rounded
  // (so that the scenario that runs resolves to itself).
  let k = 0.95, used = rho.map(() => 0);
  for (; k > 0; k = Math.round(k * 20 - 1) / 20) {
    const shrunk = rho.map((x) => +(x * k).toPrecision(4));
    if (validCorrelation(n, shrunk)) {
      used = shrunk;
      break;
    }
  }
  keys.forEach((key, i) => used[i] !== rho[i] && use(key, used[i], `these ${n} correlations do not form a valid correlation matrix (not positive semi-definite): each runs at ${Math.max(0, Math.round(k * 100))}% of its value`));
}

/** Whether the correlations (column by column: rho12, rho13, rho23, ...) make a correlation matrix: positive semi-definite. */
export function validCorrelation(n: number, rho: readonly number[]): boolean {
  const c = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) c[i * n + i] = 1;
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) c[i * n + j] = c[j * n + i] = rho[k++];
  return choleskyOf(c as unknown as StaticArray<number>, n).length > 0;
}

/** Rounds to 4 significant digits (up when asked), so the values used read well. */
function round(x: number, up = false): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 3);
  return +((up ? Math.ceil(x / p) : Math.round(x / p)) * p).toPrecision(12);
}
