// A slider being dragged sends a value every frame; giving each to the app re-derives every lever,
// the link and the run, which on a busy two-core machine cost the page more than the drag itself.
// So a dragged value goes to the app at once when none went lately, else at most every `everyMs`
// (the latest one), and at once when the drag ends. The slider shows each value as it comes.

/** The timers the throttle uses (injectable for tests). */
export interface Clock {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How often a dragged slider gives the app its latest value. */
export const DRAG_COMMIT_MS = 100;

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class DragCommit<T> {
  private last = -Infinity;
  private timer: unknown;
  private waiting: { value: T } | null = null;

  constructor(
    private readonly commit: (value: T) => void,
    private readonly everyMs = DRAG_COMMIT_MS,
    private readonly clock: Clock = realClock,
  ) {}

  /** A new value: given now if nothing was given for everyMs, else kept for the next turn. */
  push(value: T): void {
    const wait = this.last + this.everyMs - this.clock.now();
    if (wait <= 0 && this.timer === undefined) return this.give(value);
    this.waiting = { value };
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, Math.max(0, wait));
  }

  /** Gives the value still kept, if any, now (the drag ended). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const w = this.waiting;
    this.waiting = null;
    if (w) this.give(w.value);
  }

  /** Whether a value is kept, not yet given. */
  get pending(): boolean {
    return this.waiting !== null;
  }

  private give(value: T): void {
    this.last = this.clock.now();
    this.commit(value);
  }
}
