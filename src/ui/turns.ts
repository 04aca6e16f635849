// Parts of the page that take milliseconds to mount (a chart, a group of levers) mount in turns: as
// many in one task as fit a small budget, then the page has the thread back for input and drawing
// before the next task mounts more. Mounted together, the charts took one task of 75-120 ms when the
// first result came, and the levers 50 ms of the page's first task (docs/performance.md).
import { flushSync } from 'svelte';

/** Milliseconds of mounting per task: a part that starts within it runs whole, so a task can run over by one part. */
export const TURN_BUDGET_MS = 4;

export interface TurnClock {
  /** Milliseconds, increasing. */
  now(): number;
  /** Runs `next` in a task of its own, later. */
  later(next: () => void): void;
  /** Carries out what a turn changed (Svelte's pending effects), so that the budget counts it. */
  flush(): void;
}

/**
 * A task of its own through a message to itself: unlike a timer's, it is neither clamped to 4 ms when
 * chained nor held to once a second in a background tab (a link opened in one would mount its levers
 * over a minute).
 */
function messageLater(): (next: () => void) => void {
  if (typeof MessageChannel !== 'function') return (next) => void setTimeout(next, 0);
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return (next) => {
    waiting.push(next);
    channel.port2.postMessage(null);
  };
}

const browserClock: TurnClock = {
  now: () => performance.now(),
  later: messageLater(),
  flush: () => flushSync(),
};

export class Turns {
  private readonly queue: (() => void)[] = [];
  private asked = false;

  constructor(private readonly clock: TurnClock = browserClock) {}

  /**
   * Queues `mount` (it sets the state that shows a part) behind the parts queued before it; returns
   * a function that withdraws it, for a part removed before its turn came.
   */
  take(mount: () => void): () => void {
    this.queue.push(mount);
    this.ask();
    return () => {
      const i = this.queue.indexOf(mount);
      if (i >= 0) this.queue.splice(i, 1);
    };
  }

  /** Parts still waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  private ask(): void {
    if (this.asked) return;
    this.asked = true;
    this.clock.later(() => this.run());
  }

  private run(): void {
    const start = this.clock.now();
    try {
      // Parts asked for meanwhile (a view's charts) join this queue, and this task if the budget lasts.
      while (this.queue.length > 0 && this.clock.now() - start < TURN_BUDGET_MS) {
        this.queue.shift()!();
        this.clock.flush();
      }
    } finally {
      // A part that failed to mount (its error is the page's to show) does not stop the others.
      this.asked = false;
      if (this.queue.length > 0) this.ask();
    }
  }
}

/** The page's one queue: parts mount in the order they asked, levers and charts alike. */
export const turns = new Turns();
