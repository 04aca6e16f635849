// How long a run will take, said before it starts when it is long: from its path-steps at the
// core's measured cost of a quiet step, over the workers it can use. Liquidations add to that (the
// more so the more positions a step serves), so once paths come in the measured rate takes over.
import { type Scenario } from '../scenario';
import { planRun } from './plan';

/** Nanoseconds per path-step of the wasm core, a little above the default scenario's (npm run bench: 22-23 ns). */
export const NS_PER_PATH_STEP = 30;
/** Runs expected to take longer than this are announced with their estimate. */
export const LONG_RUN_SECONDS = 60;

export function estimateSeconds(s: Scenario, workers: number): number {
  const plan = planRun(s);
  return (s.paths * plan.steps * NS_PER_PATH_STEP * 1e-9) / Math.max(1, Math.min(workers, plan.chunks));
}

/** "about 3 min", "about 1.5 h". */
export function aboutDuration(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** The notice for a run expected to take longer than LONG_RUN_SECONDS, else undefined. */
export function longRunNotice(s: Scenario, workers: number): string | undefined {
  const t = estimateSeconds(s, workers);
  if (t <= LONG_RUN_SECONDS) return undefined;
  const plan = planRun(s);
  return `a large run: ${s.paths.toLocaleString('en-US')} paths × ${plan.steps.toLocaleString('en-US')} steps will take ${aboutDuration(t)} on ${Math.min(workers, plan.chunks)} worker(s), more if many positions are liquidated`;
}

/** Time left, from the paths done so far and the time they took. */
export function remainingSeconds(elapsedMs: number, done: number, total: number): number | undefined {
  if (done <= 0 || done >= total) return undefined;
  return ((elapsedMs / 1000) * (total - done)) / done;
}
