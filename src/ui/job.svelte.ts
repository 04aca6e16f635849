// The lifecycle every task on the worker pool shares (a sweep, the optimiser, the mechanism
// comparison): one run at a time; a newer run or cancel() retires the one in flight, whose late
// results are then dropped; status, error and elapsed time for the view. Tasks share the pool, and
// a run on it cancels the one before: so a task waits while another runs (blockedBy) rather than
// silently cancel it.
import { Pool, RunCancelled } from '../engine/pool';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * The tasks made on each pool, to tell whether another is running. Tasks are made while a view is
 * drawn, when state may not change, so the set is plain; a count of runs started tells a view that
 * asked before a task was made to ask again.
 */
const tasksOn = new WeakMap<Pool, Set<Job>>();
const board = $state({ started: 0 });

export abstract class Job {
  status = $state<JobStatus>('idle');
  error = $state<string | null>(null);
  elapsedMs = $state<number | null>(null);
  private runId = 0;
  /** What the task is, for a note that another waits for it: "the sweep". */
  abstract readonly what: string;

  constructor(protected readonly pool: Pool) {
    let tasks = tasksOn.get(pool);
    if (!tasks) tasksOn.set(pool, (tasks = new Set()));
    tasks.add(this);
  }

  /** Another task on the pool, running now: this one waits for it (a run now would cancel it). */
  get blockedBy(): Job | null {
    void board.started;
    for (const other of tasksOn.get(this.pool) ?? []) if (other !== this && other.status === 'running') return other;
    return null;
  }

  /**
   * Runs `work` as the current run. `live()` tells whether it still is: check it after every await
   * before writing results, since a newer run or cancel() may have retired it.
   */
  protected async track(work: (live: () => boolean) => Promise<void>): Promise<void> {
    const id = ++this.runId;
    const live = () => id === this.runId;
    this.status = 'running';
    board.started++;
    this.error = null;
    this.elapsedMs = null;
    const t0 = performance.now();
    try {
      await work(live);
      if (!live()) return;
      this.status = 'done';
      this.elapsedMs = performance.now() - t0;
    } catch (e) {
      if (!live()) return;
      this.status = e instanceof RunCancelled ? 'cancelled' : 'failed';
      if (!(e instanceof RunCancelled)) this.error = e instanceof Error ? e.message : String(e);
    }
  }

  cancel(): void {
    this.runId++;
    this.pool.cancel();
    if (this.status === 'running') this.status = 'cancelled';
  }
}
