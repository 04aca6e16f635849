// The lifecycle every task on the worker pool shares (a sweep, the optimiser, the mechanism
// comparison): one run at a time; a newer run or cancel() retires the one in flight, whose late
// results are then dropped; status, error and elapsed time for the view.
import { Pool, RunCancelled } from '../engine/pool';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export class Job {
  status = $state<JobStatus>('idle');
  error = $state<string | null>(null);
  elapsedMs = $state<number | null>(null);
  private runId = 0;

  constructor(protected readonly pool: Pool) {}

  /**
   * Runs `work` as the current run. `live()` tells whether it still is: check it after every await
   * before writing results, since a newer run or cancel() may have retired it.
   */
  protected async track(work: (live: () => boolean) => Promise<void>): Promise<void> {
    const id = ++this.runId;
    const live = () => id === this.runId;
    this.status = 'running';
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
