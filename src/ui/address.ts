// Keeps the address bar in step with the scenario's link. A single change reaches the address at
// once; while changes keep coming (a slider dragged), only the last one does, once they pause for
// QUIET_MS. Each update of the address cost the page 5-12 ms in a drag's trace (the browser reloads
// the page's icon), which a drag on a busy machine cannot spare, and nobody reads the address mid-drag.
// A slider moved by hand waits from its first change: that one came in the drag's largest task (its
// press, 40-48 ms traced with the other core busy, 8.5-10.6 ms of it the address).
import { realClock, type Clock } from './panel/drag-commit';

/** How long the changes must pause before the last one reaches the address. */
export const QUIET_MS = 150;

export class AddressWriter {
  private lastChange = -Infinity;
  private timer: unknown;

  constructor(
    private readonly write: (link: string) => void,
    private readonly clock: Clock = realClock,
    /** Whether a slider is being moved by hand (Runner.gesturing): its changes are a drag's from the first. */
    private readonly byHand: () => boolean = () => false,
  ) {}

  /** The link is now `link`: to the address at once, or when the changes pause. */
  change(link: string): void {
    const now = this.clock.now();
    const burst = now - this.lastChange < QUIET_MS || this.byHand();
    this.lastChange = now;
    this.cancel();
    if (!burst) return this.write(link);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.write(link);
    }, QUIET_MS);
  }

  /** Drops a change still waiting (the address was edited by hand, or the page goes away). */
  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
