// How the page takes in a job's chunk results (pool.ts): each scenario's accumulator; a lone run's
// partial results (its first chunk, the prefix every run starts with, at once, then at most every
// publishMs); and each scenario's summary once all its chunks are in.
import { Accumulator } from './accumulator';
import type { RunOptions, RunOutcome } from './pool';
import { summarize } from './summary';
import type { Task } from './task';
import type { Unit } from './job-order';

export class JobIntake {
  /** An error thrown while a scenario completed (by onEach): the job fails with it. */
  failure: unknown;
  /** A completion the job's stop left out: the job did not complete. */
  skipped = false;
  private readonly lone: Task | undefined;
  private readonly prefix: number | undefined;
  private changed = false;
  // Nothing is shown before the prefix: whichever worker is quicker, the first picture is the same.
  private prefixShown = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private readonly completing: Promise<void>[] = [];

  constructor(
    private readonly tasks: Task[],
    private readonly options: RunOptions,
    private readonly onEach: (i: number, outcome: RunOutcome) => void,
    private readonly run: { stopped: boolean },
  ) {
    // Partial results are for a single run (run()): its one task.
    this.lone = tasks.length === 1 ? tasks[0] : undefined;
    this.prefix = this.lone?.chunks[0];
    const lone = this.lone;
    this.timer = lone && options.onUpdate ? setInterval(() => this.prefixShown && this.changed && !run.stopped && this.publish(), options.publishMs ?? 100) : undefined;
    // A scenario with no chunk to run (a shard with none of its chunks) is complete at once, and empty.
    tasks.forEach((t, i) => t.chunks.length === 0 && this.complete(i, t, new Accumulator(t.plan, t.s.paths)));
  }

  /** The results of a batch (jobOrder()), one per unit. */
  take(batch: readonly Unit[], results: Float64Array[]): void {
    const { tasks, lone, options } = this;
    batch.forEach((unit, j) => {
      const t = tasks[unit.i], c = unit.c, result = results[j];
      const acc = (t.acc ??= new Accumulator(t.plan, t.s.paths));
      this.add(acc, c, result);
      t.added++;
      if (t === lone) {
        this.changed = true;
        options.onProgress?.(acc.pathsDone, t.s.paths);
        if (c === this.prefix) {
          this.prefixShown = true;
          if (t.added < t.chunks.length && options.onUpdate) {
            const first = new Accumulator(t.plan, t.s.paths);
            this.add(first, c, result);
            options.onUpdate(summarize(first, t.s.S0, t.s.dt));
          }
        }
      }
      if (t.added === t.chunks.length) (t === lone ? this.complete(unit.i, t, acc) : this.completeSoon(unit.i, t, acc));
    });
  }

  /** Once every completion is done (some wait their turn in tasks of their own). */
  async settled(): Promise<void> {
    await Promise.all(this.completing);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A records-only result (RunOptions.recordsOnly) is the chunk's header and records alone. */
  private add(acc: Accumulator, c: number, result: Float64Array): void {
    if (this.options.recordsOnly) acc.addRecords(c, result);
    else acc.add(c, result);
  }

  private publish(): void {
    this.changed = false;
    const lone = this.lone;
    if (lone?.acc) this.options.onUpdate?.(summarize(lone.acc, lone.s.S0, lone.s.dt));
  }

  private complete(i: number, t: Task, acc: Accumulator): void {
    if (t === this.lone) this.close();
    const summary = summarize(acc, t.s.S0, t.s.dt);
    if (t === this.lone) this.options.onUpdate?.(summary);
    t.acc = undefined; // a sweep's cells are not all held at once
    this.onEach(i, { summary, acc, clamps: t.clamps });
  }

  /**
   * In a job of several scenarios, each completed one is summarised in a task of its own: a batch
   * completes up to twenty at once, and the page answers the other worker in between.
   */
  private completeSoon(i: number, t: Task, acc: Accumulator): void {
    this.completing.push(
      new Promise((done) =>
        setTimeout(() => {
          try {
            if (this.run.stopped) this.skipped = true;
            else this.complete(i, t, acc);
          } catch (err) {
            this.failure ??= err;
            this.run.stopped = true;
          }
          done();
        }, 0),
      ),
    );
  }
}
