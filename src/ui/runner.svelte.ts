// Runs scenarios on the worker pool and holds the latest result for the charts. Every change starts
// a run that cancels the one in flight; updates are tagged with their run so that a late message
// from an older run can never be drawn over a newer one.
import { browserSummaryFactory, browserWorkerCount, browserWorkerFactory } from '../engine/browser-workers';
import type { CascadeMap } from '../engine/cascade-map';
import { Pool, RunCancelled, RunFailed } from '../engine/pool';
import type { Summary } from '../engine/summary';
import type { Scenario } from '../scenario';
import { longRunNotice, remainingSeconds } from '../engine/estimate';
import { resolve } from '../resolve';
import type { JobStatus } from './job.svelte';
import { DRAG_COMMIT_MS } from './panel/drag-commit';
import { FrameGate, type FrameClock } from './frame-gate';
import { pathColumns, type PathColumns } from './baseline-change';

/**
 * A lever changed again within BURST_MS of the last change is being dragged: each value then runs
 * only the first chunk of paths, one value at a time and at most every PREFIX_EVERY_MS (run()); its
 * results are drawn when the changes pause for QUIET_MS and at least every HOLD_MS instead of each
 * time one arrives; and the full run of the last value starts when the changes pause or the slider
 * is let go (settle()). Redrawing every chart for every step of a drag cost more than the drag
 * itself, and two workers busy with values already left behind took the core the page needed on a
 * busy machine.
 */
export const BURST_MS = 2 * DRAG_COMMIT_MS;
/** Longer than a dragged slider waits between the values it gives (drag-commit.ts), with room to spare. */
export const QUIET_MS = 2 * DRAG_COMMIT_MS - 20;
export const HOLD_MS = 250;
/**
 * During a drag a value's prefix starts at most this often: its results are drawn no more often
 * (HOLD_MS), and prefixes run for values already left behind took the core a busy machine's page needed.
 */
export const PREFIX_EVERY_MS = HOLD_MS;
/**
 * A run's partial results are merged and drawn at most this often (the first, the prefix, at once):
 * redrawing every chart takes the page tens of milliseconds, which on two cores the workers lose.
 */
const PUBLISH_MS = 250;
/**
 * Paths done are shown at most this often (and always the last): a large run's chunks land every
 * few milliseconds, and showing each made the page lay out and paint its progress at every frame,
 * on the cores the workers need (nearly half the page's work during a 100,000-path run, traced).
 */
export const PROGRESS_MS = 100;

export class Runner {
  /**
   * Raw, not deep, state: a summary is replaced whole, never changed in place, and a deep proxy made
   * every read of its arrays' elements (the charts read thousands per redraw) a trap and a signal.
   */
  summary = $state.raw<Summary | null>(null);
  status = $state<JobStatus>('idle');
  pathsDone = $state(0);
  pathsTotal = $state(0);
  error = $state<{ message: string; field?: string } | null>(null);
  /** Milliseconds from the start of the latest run to its first partial result and to completion. */
  firstResultMs = $state<number | null>(null);
  elapsedMs = $state<number | null>(null);
  /** Peak wasm memory of each worker after the latest complete run, in bytes. */
  workerMemory = $state.raw<number[]>([]);
  /** Before a run that will take long, how long (estimate.ts); then the time left, measured. */
  notice = $state<string | null>(null);
  secondsLeft = $state<number | null>(null);
  /** The liquidation map and cascade curve of the scenario's book. */
  cascade = $state.raw<CascadeMap | null>(null);
  /** The latest complete run's paths and its summary, for a change from a baseline paired path by path (baseline-change.ts). */
  columns = $state.raw<{ summary: Summary; values: PathColumns } | null>(null);
  readonly pool: Pool;
  private runId = 0;
  private lastRunAt = -Infinity;
  private lastDrawAt = -Infinity;
  private held: { summary?: Summary; cascade?: CascadeMap } = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The full run of a dragged lever's last value, started when the changes pause. */
  private fullTimer: ReturnType<typeof setTimeout> | undefined;
  private fullNext: Scenario | null = null;
  /** During a drag: whether a prefix run is in flight, and the latest value waiting for it to end. */
  private prefixRunning = false;
  private pending: Scenario | null = null;
  /** When the last prefix started, and the timer of the next one. */
  private prefixAt = -Infinity;
  private prefixTimer: ReturnType<typeof setTimeout> | undefined;
  /** When a slider was last moved by hand (gesture()). */
  private gestureAt = -Infinity;

  /** What reaches the charts, at most once per animation frame (frame-gate.ts). */
  private readonly gate: FrameGate<{ summary: Summary; cascade: CascadeMap }>;

  constructor(pool?: Pool, frame?: FrameClock) {
    this.pool = pool ?? new Pool(browserWorkerFactory, browserWorkerCount(), { summaries: browserSummaryFactory });
    this.gate = new FrameGate((r) => {
      if (r.summary) this.summary = r.summary;
      if (r.cascade) this.cascade = r.cascade;
      this.lastDrawAt = performance.now();
    }, frame);
  }

  /** The paths' columns of summary `s`, if it is the latest complete run's. */
  columnsOf(s: Summary): PathColumns | null {
    return this.columns?.summary === s ? this.columns.values : null;
  }

  /**
   * A slider is being moved by hand (FieldControl): the change it brings is a drag's from the first
   * one (run()), so the drag's first value runs its prefix, not a full run whose results would be
   * drawn while the slider moves (in traces, a drag's first three moves took 166 ms so, 66-94 ms now).
   */
  gesture(): void {
    this.gestureAt = performance.now();
  }

  /** Whether a slider was moved by hand within BURST_MS: a drag is under way. */
  gesturing(): boolean {
    return performance.now() - this.gestureAt < BURST_MS;
  }

  run(s: Scenario): void {
    const now = performance.now();
    const burst = now - this.lastRunAt < BURST_MS || this.gesturing();
    this.lastRunAt = now;
    clearTimeout(this.fullTimer);
    this.fullNext = null;
    this.pending = null;
    if (!burst) return this.start(s, false);
    // A drag: only the first chunk of paths (the fixed prefix every run starts with), one value at
    // a time: a value that comes while one is running waits for it, and only the latest waits. So
    // a drag keeps one worker busy, not both, and the page keeps its share of a busy machine. The
    // full run starts when the changes pause.
    this.fullNext = s;
    this.fullTimer = setTimeout(() => this.settle(), QUIET_MS);
    this.pending = s;
    this.nextPrefix();
  }

  /** Starts the prefix run of the latest dragged value, unless one runs or one started within PREFIX_EVERY_MS. */
  private nextPrefix(): void {
    if (this.prefixRunning || !this.pending || this.prefixTimer !== undefined) return;
    const wait = this.prefixAt + PREFIX_EVERY_MS - performance.now();
    if (wait > 0) {
      this.prefixTimer = setTimeout(() => {
        this.prefixTimer = undefined;
        this.nextPrefix();
      }, wait);
      return;
    }
    const s = this.pending;
    this.pending = null;
    this.prefixAt = performance.now();
    this.start(s, true);
  }

  /** The drag is over (its changes paused, or the slider was let go): the full run of its last value. */
  settle(): void {
    const s = this.fullNext;
    clearTimeout(this.fullTimer);
    this.fullNext = null;
    if (!s) return;
    this.start(s, false);
  }

  /** A dragged value's prefix run has ended: the latest value that waited for it runs next. */
  private prefixEnded(): void {
    this.prefixRunning = false;
    this.nextPrefix();
  }

  private start(s: Scenario, burst: boolean): void {
    if (!burst) {
      // A full run: no prefix is waiting any more.
      clearTimeout(this.prefixTimer);
      this.prefixTimer = undefined;
      this.pending = null;
    }
    const id = ++this.runId;
    this.prefixRunning = burst;
    const t0 = performance.now();
    const progress = { done: 0, total: 0, shownAt: -Infinity, timer: undefined as ReturnType<typeof setTimeout> | undefined };
    const showProgress = () => {
      clearTimeout(progress.timer);
      progress.timer = undefined;
      if (id !== this.runId) return;
      progress.shownAt = performance.now();
      this.pathsDone = progress.done;
      this.secondsLeft = remainingSeconds(progress.shownAt - t0, progress.done, progress.total) ?? null;
    };
    this.held = {};
    // Results of a single change are drawn as they come; during a drag, when it pauses (draw()).
    const show = (r: { summary?: Summary; cascade?: CascadeMap }, then?: () => void) => {
      if (!burst) return this.apply(r, then);
      this.held = { ...this.held, ...r };
      this.draw();
    };
    this.status = 'running';
    this.error = null;
    this.pathsDone = 0;
    this.pathsTotal = resolve(s).scenario.paths;
    this.firstResultMs = null;
    this.elapsedMs = null;
    this.notice = longRunNotice(s, this.pool.size) ?? null;
    this.secondsLeft = null;
    this.pool
      .run(s, {
        only: burst ? [0] : undefined,
        publishMs: PUBLISH_MS,
        onUpdate: (u) => {
          if (id !== this.runId) return;
          // The first result counts from when it is drawn (during a drag, when it arrives: it is held).
          if (burst) this.firstResultMs ??= performance.now() - t0;
          show({ summary: u }, () => id === this.runId && (this.firstResultMs ??= performance.now() - t0));
        },
        onProgress: (done, total) => {
          if (id !== this.runId) return;
          progress.done = done;
          progress.total = total;
          const wait = progress.shownAt + PROGRESS_MS - performance.now();
          if (done === total || wait <= 0) showProgress();
          else progress.timer ??= setTimeout(showProgress, wait);
        },
      })
      .then(
        (outcome) => {
          if (burst && id === this.runId) return this.prefixEnded(); // its full run follows
          if (id !== this.runId) return;
          // The complete result, at the next frame, with the run's end: the page never says done over partial numbers.
          this.apply(this.held, () => {
            if (id !== this.runId) return;
            // The paths' columns in a task of their own, after the drawing: with 100,000 paths, copying
            // them in the drawing's task took it past 50 ms (bench: the large run's long task).
            const summary = this.summary;
            if (summary) setTimeout(() => id === this.runId && (this.columns = { summary, values: pathColumns(outcome.acc) }));
            this.elapsedMs = performance.now() - t0;
            this.status = 'done';
            this.pool.memoryBytes().then((m) => id === this.runId && (this.workerMemory = m), () => undefined);
          });
          this.held = {};
        },
        (err) => {
          if (burst && id === this.runId) {
            if (err instanceof RunCancelled) return this.prefixEnded();
            this.prefixRunning = false;
          }
          if (id !== this.runId) return;
          if (err instanceof RunCancelled) {
            showProgress(); // the paths it was cancelled at, not the last shown
            this.status = 'cancelled';
            return;
          }
          this.status = 'failed';
          this.error = { message: err instanceof Error ? err.message : String(err), field: err instanceof RunFailed ? err.field : undefined };
        },
      );
    // After the run's chunks: the first worker takes the run's prefix before the book's cascade map.
    this.pool.cascade(s).then(
      (c) => {
        if (id === this.runId) show({ cascade: c });
      },
      () => undefined, // the run reports the failure
    );
  }

  cancel(): void {
    this.pool.cancel();
  }

  /** Draws r at the next frame (with anything else that arrives before it); `then` right after. */
  private apply(r: { summary?: Summary; cascade?: CascadeMap }, then?: () => void): void {
    this.gate.push(r, then);
  }

  /** Draws what is held once changes have paused for QUIET_MS, or once HOLD_MS have passed since the last drawing. */
  private draw(): void {
    clearTimeout(this.timer);
    const now = performance.now();
    const wait = Math.max(0, Math.min(this.lastRunAt + QUIET_MS, this.lastDrawAt + HOLD_MS) - now);
    this.timer = setTimeout(() => {
      this.apply(this.held);
      this.held = {};
    }, wait);
  }
}
