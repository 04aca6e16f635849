// How the page takes in a job's chunk results (pool.ts): each scenario's accumulator (what a run's
// outcome holds), and its summaries, computed by the summary desk (summaries.ts, in a worker of its
// own in the browser) from the same chunks: a lone run's partial results (its first chunk, the prefix
// every run starts with, at once, then at most every publishMs), and each scenario's summary once all
// its chunks are in. A batch's chunks go to the desk in one message, and its completions in one. The
// desk answers in the order asked, so a partial result never follows the complete one.
import { Accumulator } from './accumulator';
import type { RunOptions, RunOutcome } from './pool';
import { RunFailed } from './run-errors';
import { SummaryDesk, handOver, type DeskChunk, type DeskJob, type DeskPort } from './summary-desk';
import type { Summary } from './summary';
import type { Task } from './task';
import type { Unit } from './job-order';

export class JobIntake {
  /** An error thrown while a scenario completed (by onEach), or the desk's death: the job fails with it. */
  failure: unknown;
  /** A completion the job's stop left out: the job did not complete. */
  skipped = false;
  private readonly lone: Task | undefined;
  private readonly prefix: number | undefined;
  private changed = false;
  // Nothing is shown before the prefix: whichever worker is quicker, the first picture is the same.
  private prefixShown = false;
  /** A partial summary asked for and not yet answered: no other is asked meanwhile. */
  private publishing = false;
  /** The lone run's complete summary is asked for: later partial answers are not shown. */
  private loneDone = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly completing: Promise<void>[] = [];
  /** Each scenario's job on the desk, named with its first chunk and closed when complete. */
  private readonly open = new Map<number, number>();
  /** Jobs named and not yet opened on the desk (openNew()). */
  private readonly opening: [number, DeskJob][] = [];
  /** Each desk answer still awaited: how to settle it (as undefined) should the desk die first. */
  private readonly awaited = new Set<(v: undefined) => void>();

  constructor(
    private readonly tasks: Task[],
    private readonly options: RunOptions,
    private readonly onEach: (i: number, outcome: RunOutcome) => void,
    private readonly run: { stopped: boolean },
    private readonly desk: DeskPort,
    private readonly newId: () => number,
  ) {
    // Partial results are for a single run (run()): its one task.
    this.lone = tasks.length === 1 ? tasks[0] : undefined;
    this.prefix = this.lone?.chunks[0];
    this.timer = this.lone && options.onUpdate ? setInterval(() => this.prefixShown && this.changed && !run.stopped && this.publish(), options.publishMs ?? 100) : undefined;
    // A scenario with no chunk to run (a shard with none of its chunks) is complete at once, and empty.
    const empty = tasks.flatMap((t, i) => (t.chunks.length === 0 ? [i] : []));
    if (empty.length) this.complete(empty);
  }

  /** The results of a batch (jobOrder()), one per unit; their buffers go on to the desk. */
  take(batch: readonly Unit[], results: Float64Array[]): void {
    const { tasks, lone, options } = this;
    const chunks: DeskChunk[] = [], done: number[] = [];
    let alone = -1;
    batch.forEach((unit, j) => {
      const t = tasks[unit.i], c = unit.c, result = results[j];
      const acc = (t.acc ??= new Accumulator(t.plan, t.s.paths));
      if (options.recordsOnly) acc.addRecords(c, result);
      else acc.addPacked(c, result);
      t.added++;
      // The prefix alone is shown first, unless it completes the run.
      if (t === lone && c === this.prefix && t.added < t.chunks.length && options.onUpdate) alone = j;
      chunks.push({ id: this.jobOf(unit.i), c, result, alone: alone === j });
      if (t === lone) {
        this.changed = true;
        options.onProgress?.(acc.pathsDone, t.s.paths);
        if (c === this.prefix) this.prefixShown = true;
      }
      if (t.added === t.chunks.length) done.push(unit.i);
    });
    this.openNew();
    const firsts = this.ask(this.desk.add(handOver(chunks)));
    if (alone >= 0)
      void firsts.then((s) => {
        const first = s?.[alone];
        if (first) this.show(first);
      });
    if (done.length) this.complete(done);
  }

  /** Once every completion is done (each waits for its summary). */
  async settled(): Promise<void> {
    await Promise.all(this.completing);
  }

  /** Stops publishing, and closes the desk's jobs of scenarios that did not complete. */
  close(): void {
    this.stopPublishing();
    if (this.open.size) quietly(this.desk.close([...this.open.values()]));
    this.open.clear();
  }

  /** The desk's worker died: every answer still awaited fails the job (a new desk takes the next one). */
  deskDied(e: Error): void {
    this.failure ??= new RunFailed(`the summaries could not be computed (${e.message}); change a lever to run again`);
    this.run.stopped = true;
    for (const give of this.awaited) give(undefined);
    this.awaited.clear();
  }

  private stopPublishing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Scenario i's job on the desk, named with its first chunk (opened by openNew()). */
  private jobOf(i: number): number {
    let id = this.open.get(i);
    if (id === undefined) {
      const t = this.tasks[i];
      id = this.newId();
      this.open.set(i, id);
      const job: DeskJob = { plan: t.plan, paths: t.s.paths, S0: t.s.S0, dt: t.s.dt, recordsOnly: this.options.recordsOnly ?? false };
      // A desk in this thread reads the scenario's own accumulator instead of merging its chunks again.
      if (this.desk instanceof SummaryDesk) job.shared = t.acc ??= new Accumulator(t.plan, t.s.paths);
      this.opening.push([id, job]);
    }
    return id;
  }

  /** Opens the jobs named since the last call, in one message. */
  private openNew(): void {
    if (this.opening.length) quietly(this.desk.open(this.opening.splice(0)));
  }

  /** An answer of the desk, or undefined if the desk died first (deskDied). */
  private ask<T>(answer: T | Promise<T>): Promise<T | undefined> {
    if (!(answer instanceof Promise)) return Promise.resolve(answer);
    return new Promise<T | undefined>((resolve) => {
      const give = (v: T | undefined) => {
        this.awaited.delete(give);
        resolve(v);
      };
      this.awaited.add(give);
      answer.then(give, (err) => {
        this.failure ??= err;
        this.run.stopped = true;
        give(undefined);
      });
    });
  }

  private publish(): void {
    const id = this.open.get(0);
    if (this.publishing || id === undefined) return;
    this.changed = false;
    this.publishing = true;
    void this.ask(this.desk.summaries([id])).then((s) => {
      this.publishing = false;
      if (s) this.show(s[0]);
    });
  }

  private show(s: Summary): void {
    if (!this.run.stopped && !this.loneDone) this.options.onUpdate?.(s);
  }

  /** Asks for the summaries of scenarios now complete, in one message, then hands their outcomes on in that order. */
  private complete(done: readonly number[]): void {
    const { tasks, lone } = this;
    const ids = done.map((i) => this.jobOf(i));
    this.openNew(); // a scenario with no chunk is opened here
    if (lone && done.includes(0)) {
      this.stopPublishing();
      this.loneDone = true;
    }
    const outcomes = done.map((i) => {
      const t = tasks[i], acc = t.acc ?? new Accumulator(t.plan, t.s.paths);
      this.open.delete(i);
      t.acc = undefined; // a sweep's cells are not all held at once
      return { i, t, acc };
    });
    this.completing.push(
      this.ask(this.desk.summaries(ids, true)).then((summaries) => {
        if (!summaries) return;
        if (this.run.stopped) {
          this.skipped = true;
          return;
        }
        try {
          outcomes.forEach(({ i, t, acc }, k) => {
            if (t === lone) this.options.onUpdate?.(summaries[k]);
            this.onEach(i, { summary: summaries[k], acc, clamps: t.clamps });
          });
        } catch (err) {
          this.failure ??= err;
          this.run.stopped = true;
        }
      }),
    );
  }
}

/** A desk call whose answer nothing waits for (opening, closing jobs): a failure shows in the next answer. */
function quietly(answer: unknown): void {
  if (answer instanceof Promise) answer.catch(() => undefined);
}
