// The worker pool: Scenario -> chunks of paths -> workers -> merged results. Chunks are fixed by the
// scenario (plan.ts) and merged in chunk order (accumulator.ts), so any number of workers gives
// bit-identical numbers. A new run cancels the one in flight: workers take no more of its chunks,
// and a worker still busy with one after a short grace (wasm cannot be interrupted) is terminated
// and replaced, so any run stops within about 100 ms whatever its scenario. Each worker has at most
// one message in flight, so rapid changes collapse instead of queueing. A worker that traps, dies
// or goes silent (no heartbeat from inside its chunk) is replaced and its chunk re-run; a chunk that
// keeps failing stops the run with a message naming a likely cause.
import type { Remote } from 'comlink';
import { resolve, type Clamp } from '../resolve';
import type { Scenario } from '../scenario';
import type { Accumulator } from './accumulator';
import { decodeCascade, type CascadeMap } from './cascade-map';
import type { BookData, TraceData } from './kernel';
import { memoryCeilingPages, memoryRefusal } from './memory';
import { CoreInputs } from './core-inputs';
import { chunkRange } from './plan';
import type { Summary } from './summary';
import type { CellChunk, WorkerApi } from './worker-api';
import { RunCancelled, RunFailed, failed } from './run-errors';
import { jobOrder, type Unit } from './job-order';
import { prepareTask, type Task } from './task';
import { JobIntake } from './job-intake';
import { localSummaries, type SummaryFactory, type SummaryHandle } from './summaries';

export { RunCancelled, RunFailed } from './run-errors';

export interface WorkerHandle {
  api: Remote<WorkerApi>;
  /** Settles when the worker crashes or exits, with the reason. */
  died: Promise<Error>;
  terminate(): void;
  /** performance.now() of the worker's last heartbeat (0: none yet). */
  lastSign(): number;
}

export interface PoolOptions {
  /** A call with no heartbeat for this long means the worker has gone away. */
  silenceMs?: number;
  /** A cancelled run's chunk still running after this long has its worker replaced. */
  cancelGraceMs?: number;
  /** Where summaries are computed (summaries.ts): in this thread unless given. */
  summaries?: SummaryFactory;
}

/** Busy workers beat every 250 ms; a single path of a pathological scenario may take longer. */
const SILENCE_MS = 15_000;
const CANCEL_GRACE_MS = 60;
export type WorkerFactory = () => WorkerHandle;

export interface RunOptions {
  /**
   * Merged results so far: at once when the run's first chunk (a fixed prefix of the paths, the same
   * on every run) is in, then at most every publishMs while running, then once complete.
   */
  onUpdate?: (s: Summary) => void;
  /** Paths done so far, after every chunk (cheap: for progress bars). */
  onProgress?: (pathsDone: number, pathsTotal: number) => void;
  /** Runs only chunks c with c % count === index: one shard of a run split over machines. */
  shard?: { index: number; count: number };
  /** Runs only these chunks (a sweep's shard takes some chunks of each cell). */
  only?: readonly number[];
  publishMs?: number;
  /**
   * Only the per-path records come back, not the bands' histograms (Kernel.runChunkRecords): all a
   * sweep or an optimiser reads of a run (its metrics and their errors), at a fraction of the traffic.
   * The summary's bands then count nothing.
   */
  recordsOnly?: boolean;
}

export interface RunOutcome {
  summary: Summary;
  acc: Accumulator;
  /** What the run used instead of the levers set, because of other levers (resolve.ts). */
  clamps: Clamp[];
}

export const MAX_ATTEMPTS = 3;
const STALE = Symbol('stale');

interface Slot {
  handle: WorkerHandle;
  /** Resolves when the worker's current message is answered. */
  tail: Promise<unknown>;
  /** Calls made through exclusive() and not yet answered (the one in flight and those waiting). */
  calls: number;
  /** Rejects the call in flight; set by exclusive() for the length of one call. */
  abort?: (e: Error) => void;
  /** The run the call in flight belongs to, and when it started. */
  run?: Run;
  since: number;
}

interface Run {
  id: number;
  stopped: boolean;
}

export class Pool {
  private readonly slots: Slot[];
  private current: Run = { id: 0, stopped: true };
  /** Workers replaced after a fault, since the pool was made (the summary desk's worker included). */
  replacements = 0;
  private disposed = false;
  private readonly silenceMs: number;
  private readonly cancelGraceMs: number;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  /** What each worker was last set up with by a run (none after a fault, a trace or a new worker). */
  private readonly setups = new WeakMap<WorkerHandle, string>();

  /** The summary desk, and the jobs taking in results now (each told should the desk die). */
  private desk: SummaryHandle;
  private readonly deskFactory: SummaryFactory;
  private deskJobs = 0;
  private deskDeaths = 0;
  private readonly intakes = new Set<JobIntake>();

  constructor(private readonly factory: WorkerFactory, size: number, options: PoolOptions = {}) {
    this.silenceMs = options.silenceMs ?? SILENCE_MS;
    this.cancelGraceMs = options.cancelGraceMs ?? CANCEL_GRACE_MS;
    this.deskFactory = options.summaries ?? localSummaries;
    this.desk = this.attachDesk(this.deskFactory());
    this.slots = Array.from({ length: Math.max(1, size) }, () => this.attach({ tail: Promise.resolve(), calls: 0, since: 0 } as Slot, factory()));
  }

  /**
   * Gives a slot a new worker. Its death rejects the call in flight (a run then retries the chunk)
   * and replaces it at once, so no later call waits on a dead worker.
   */
  private attach(slot: Slot, handle: WorkerHandle): Slot {
    slot.handle = handle;
    void handle.died.then((e) => {
      if (slot.handle !== handle || this.disposed) return;
      slot.abort?.(e);
      this.replace(this.slots.indexOf(slot));
    });
    return slot;
  }

  /**
   * A dead desk fails the jobs it held and is replaced at once, for the next run. A desk whose
   * worker keeps dying (one that cannot even start, say) gives way to one in this thread: summaries
   * then cost the page their time, but the app works.
   */
  private attachDesk(handle: SummaryHandle): SummaryHandle {
    void handle.died.then((e) => {
      if (this.desk !== handle || this.disposed) return;
      for (const intake of this.intakes) intake.deskDied(e);
      this.replacements++;
      this.deskDeaths++;
      if (this.deskDeaths >= MAX_ATTEMPTS) console.warn(`the summary worker failed ${this.deskDeaths} times (${e.message}); summaries are computed on the page from now on`);
      this.desk = this.attachDesk((this.deskDeaths >= MAX_ATTEMPTS ? localSummaries : this.deskFactory)());
    });
    return handle;
  }

  /** The summary desk, for tests that inject faults. */
  summaryDesk(): SummaryHandle {
    return this.desk;
  }

  get size(): number {
    return this.slots.length;
  }

  /** The imported series and book runs may use (./core-inputs.ts). */
  readonly imports = new CoreInputs();

  /** Direct access to a worker, for tests that inject faults (and the bench's workers-alone reference). */
  worker(i: number): WorkerHandle {
    return this.slots[i].handle;
  }

  /**
   * Stops the run in flight: it takes no more chunks, and a worker still on one of its chunks after
   * the grace is replaced; its promise then rejects with RunCancelled.
   */
  cancel(): void {
    const run = this.current;
    if (run.stopped) return;
    run.stopped = true;
    if (!this.slots.some((s) => s.run === run)) return;
    setTimeout(() => {
      this.slots.forEach((slot, k) => {
        if (slot.run !== run || !slot.abort) return;
        slot.abort(new RunCancelled());
        this.replace(k);
      });
    }, this.cancelGraceMs);
  }

  async run(given: Scenario, options: RunOptions = {}): Promise<RunOutcome> {
    let outcome: RunOutcome | undefined;
    await this.execute([given], options, (_, o) => (outcome = o));
    if (!outcome) throw new RunCancelled();
    return outcome;
  }

  /**
   * Runs several scenarios as one job, each exactly as run() runs it alone (the same chunks, the same
   * bits). A worker takes the same chunk of up to twenty of them in one message (jobOrder()), runs them
   * back to back on one draw of their fundamental paths, and answers once: fewer round trips, and no
   * worker waits on the main thread between scenarios (a sweep's cells). onEach(i, outcome) as
   * scenario i completes, in about the given order; nothing is kept after it.
   */
  async runMany(given: readonly Scenario[], onEach: (i: number, outcome: RunOutcome) => void, only?: readonly (readonly number[])[], options: Pick<RunOptions, 'recordsOnly'> = {}): Promise<void> {
    await this.execute(given, options, onEach, only);
  }

  /** `only[i]`, when given: the chunks of scenario i to run (a sweep shard's units), as RunOptions.only. */
  private async execute(given: readonly Scenario[], options: RunOptions, onEach: (i: number, outcome: RunOutcome) => void, only?: readonly (readonly number[])[]): Promise<void> {
    const resolved = given.map((g) => resolve(g));
    this.cancel();
    const run: Run = { id: this.current.id + 1, stopped: false };
    this.current = run;
    const tasks = resolved.map(({ scenario: s, clamps }, i) => prepareTask(this.imports, s, clamps, given.length > 1, only?.[i] ?? options.only, options.shard));
    const queue = jobOrder(tasks.map((t) => t.chunks));
    const attempts = new Map<string, number>();
    let failure: unknown;
    const intake = new JobIntake(tasks, options, onEach, run, this.desk.port, () => ++this.deskJobs);
    this.intakes.add(intake);
    // Worker k's next batch, sent at once: its handle then, and its results to come.
    const send = (k: number) => {
      const batch = run.stopped ? undefined : queue.shift();
      if (batch === undefined) return undefined;
      const handle = this.slots[k].handle;
      const results = this.exclusive(k, run, (api) => this.runBatch(k, api, batch.map((u) => tasks[u.i]), batch, options.recordsOnly ?? false));
      return { batch, handle, results };
    };
    const drive = async (k: number): Promise<void> => {
      for (let sent = send(k); sent; ) {
        const { batch, handle } = sent;
        let results: Float64Array[] | typeof STALE;
        try {
          results = await sent.results;
        } catch (err) {
          if (run.stopped) return;
          this.setups.delete(handle);
          if (this.slots[k].handle === handle) this.replace(k); // unless its death or silence did already
          const { i, c } = batch[0];
          const n = (attempts.get(`${i}/${c}`) ?? 0) + 1;
          attempts.set(`${i}/${c}`, n);
          if (n >= MAX_ATTEMPTS) {
            run.stopped = true;
            failure = failed(tasks[i].s, c, n, err);
            return;
          }
          queue.unshift(batch);
          sent = send(k);
          continue;
        }
        if (results === STALE || run.stopped) return;
        // The next batch goes out before these results are taken in (summaries, redraws): the
        // worker computes while the page works, instead of waiting on it between batches.
        sent = send(k);
        intake.take(batch, results);
      }
    };

    try {
      await Promise.all(this.slots.map((_, k) => drive(k)));
      await intake.settled();
    } finally {
      intake.close();
      this.intakes.delete(intake);
    }
    failure ??= intake.failure;
    if (failure) throw failure;
    if (intake.skipped || run !== this.current || tasks.some((t) => t.added < t.chunks.length)) throw new RunCancelled();
  }

  /** The full step-by-step record of one path, for the replay. */
  async trace(s: Scenario, path: number): Promise<TraceData> {
    return this.withFirstWorker(s, (api) => api.trace(path));
  }

  /** The liquidation map and cascade curve of the scenario's book. */
  async cascade(s: Scenario): Promise<CascadeMap> {
    return decodeCascade(await this.withFirstWorker(s, (api) => api.cascade()));
  }

  /** The book of positions the scenario generates. */
  async book(s: Scenario): Promise<BookData> {
    return this.withFirstWorker(s, (api) => api.book());
  }

  /** Bytes of wasm memory each worker holds (its peak: wasm memory only grows). */
  async memoryBytes(): Promise<number[]> {
    const run: Run = { id: -1, stopped: false };
    const sizes = await Promise.all(this.slots.map((_, k) => this.exclusive(k, run, (api) => api.memoryBytes())));
    return sizes.map((b) => (b === STALE ? 0 : (b as number)));
  }

  dispose(): void {
    this.disposed = true;
    this.current.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const slot of this.slots) slot.handle.terminate();
    this.desk.terminate();
  }

  /**
   * Runs a batch of units (jobOrder()) on worker k in one message: a lone unit of the scenario the
   * worker is set up with as runChunk (a run's inputs cross once), anything else as runCells, which
   * sets the worker up on the way (a new run's first chunk needs no round trip for its setup).
   */
  private async runBatch(k: number, api: Remote<WorkerApi>, ts: Task[], batch: readonly Unit[], recordsOnly: boolean): Promise<Float64Array[]> {
    const h = this.slots[k].handle; // the worker api belongs to, now that its turn has come
    if (batch.length === 1 && !recordsOnly && this.setups.get(h) === ts[0].setup) {
      const t = ts[0];
      const { first, count } = chunkRange(t.plan, t.s.paths, batch[0].c);
      return [await api.runChunk(first, count)];
    }
    this.setups.delete(h);
    const cells = batch.map((u, j): CellChunk => {
      const t = ts[j];
      return { params: t.params, maxPaths: t.plan.chunkPaths, maxPages: t.pages, inputs: t.inputs, inputsKey: t.key, shared: t.shared, recordsOnly, ...chunkRange(t.plan, t.s.paths, u.c) };
    });
    const results = await api.runCells(cells);
    this.setups.set(h, ts[ts.length - 1].setup);
    return results;
  }

  private async withFirstWorker<T>(given: Scenario, f: (api: Remote<WorkerApi>) => Promise<T>): Promise<T> {
    const s = resolve(given).scenario;
    const { run: sized, params, plan, inputs, key } = this.imports.prepare(s);
    const refusal = memoryRefusal(sized);
    if (refusal) throw new RunFailed(refusal, 'positions');
    const run: Run = { id: -1, stopped: false };
    const result = await this.exclusive(0, run, async (api) => {
      this.setups.delete(this.slots[0].handle);
      await api.setup(params, plan.chunkPaths, memoryCeilingPages(sized), inputs, key);
      return f(api);
    });
    return result as T;
  }

  /**
   * Runs f on worker k once its previous message is answered; skipped (STALE) if the run stopped
   * meanwhile. Rejects if the worker dies first. An idle worker gets its message at once, within
   * the caller's task: awaiting the idle worker's settled tail let the page's reactions to a lever
   * change (microtasks queued first) run before the run's first chunks went out.
   */
  private async exclusive<T>(k: number, run: Run, f: (api: Remote<WorkerApi>) => Promise<T>): Promise<T | typeof STALE> {
    const slot = this.slots[k];
    const before = slot.tail, idle = slot.calls === 0;
    let release!: () => void;
    slot.tail = new Promise<void>((r) => (release = r));
    slot.calls++;
    try {
      if (!idle) await before.catch(() => undefined);
      if (run.stopped) return STALE;
      return await new Promise<T>((resolve, reject) => {
        slot.abort = reject;
        slot.run = run;
        slot.since = performance.now();
        this.watch();
        f(slot.handle.api).then(resolve, reject);
      });
    } finally {
      slot.abort = undefined;
      slot.run = undefined;
      slot.calls--;
      release();
    }
  }

  /**
   * While any call is in flight, checks every second that its worker still gives signs of life;
   * one silent for silenceMs is taken for dead (a closed browser worker fires no event at all).
   */
  private watch(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      const now = performance.now();
      let busy = false;
      for (const slot of this.slots) {
        if (!slot.abort) continue;
        busy = true;
        if (now - Math.max(slot.since, slot.handle.lastSign()) > this.silenceMs) {
          slot.abort(new Error(`the worker gave no sign of life for ${Math.round(this.silenceMs / 1000)} s`));
          this.replace(this.slots.indexOf(slot));
        }
      }
      if (!busy) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
      }
    }, Math.min(1000, this.silenceMs / 4));
    (this.watchdog as { unref?: () => void }).unref?.();
  }

  private replace(k: number): void {
    const slot = this.slots[k];
    slot.handle.terminate();
    this.attach(slot, this.factory());
    this.replacements++;
  }
}
