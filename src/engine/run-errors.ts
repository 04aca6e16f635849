// How a run ends other than by completing: cancelled by a newer run, or failed, with the lever most
// likely responsible named (the pool's runs, pool.ts).
import { field, isActive, FIELD_KEYS, type FieldKey, type Scenario } from '../scenario';

/** A run stopped because a newer one started (or cancel() was called). */
export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

/** A run that cannot complete: the message says why; `field` names the likely responsible lever. */
export class RunFailed extends Error {
  constructor(message: string, readonly field?: FieldKey) {
    super(message);
    this.name = 'RunFailed';
  }
}

/** The error that ends a run whose chunk failed `n` times, naming the lever most likely at fault. */
export function failed(s: Scenario, chunk: number, n: number, err: unknown): RunFailed {
  const reason = err instanceof Error ? err.message : String(err);
  const memory = /memory|allocation|grow/i.test(reason);
  const key = memory ? (s.positions * 160 > s.paths * 200 ? 'positions' : 'paths') : mostExtreme(s);
  const f = field(key);
  return new RunFailed(
    `the simulation failed ${n} times on chunk ${chunk} (${reason}); the lever most likely responsible is ` +
      `"${f.label}" (${String(s[key])})${memory ? ': the run ran out of memory' : ''}`,
    key,
  );
}

/** The active numeric lever closest to one of its bounds, relative to its range. */
function mostExtreme(s: Scenario): FieldKey {
  let best: FieldKey = 'positions';
  let score = -1;
  for (const key of FIELD_KEYS) {
    const f = field(key);
    if ((f.kind !== 'number' && f.kind !== 'int') || !isActive(s, key) || key === 'seed') continue;
    const v = s[key] as number;
    const pos = f.log ? Math.log(v / f.min) / Math.log(f.max / f.min) : (v - f.min) / (f.max - f.min);
    const extremity = Math.abs(pos - 0.5);
    if (extremity > score) {
      score = extremity;
      best = key;
    }
  }
  return best;
}
