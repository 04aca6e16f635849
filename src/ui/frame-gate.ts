// Results reach the charts at most once per animation frame: parts that arrive meanwhile (a summary,
// the book's cascade map, a run's end) are merged, the latest of each kept, and drawn together when
// the frame comes. A prefix and the complete result arriving in one frame draw once, and a tab in
// the background draws nothing until it is shown again.

/** How the next frame is asked for (injectable for tests). */
export type FrameClock = (draw: () => void) => void;

const nextFrame: FrameClock = (draw) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => draw()) : setTimeout(draw, 16));

export class FrameGate<T extends object> {
  private parts: Partial<T> | null = null;
  private readonly after: (() => void)[] = [];

  constructor(
    private readonly draw: (parts: Partial<T>) => void,
    private readonly frame: FrameClock = nextFrame,
  ) {}

  /** Draws `parts` at the next frame, over any still waiting; `then` runs right after that drawing. */
  push(parts: Partial<T>, then?: () => void): void {
    const asked = this.parts !== null;
    this.parts = { ...this.parts, ...parts };
    if (then) this.after.push(then);
    if (asked) return;
    this.frame(() => {
      const p = this.parts ?? {};
      const after = this.after.splice(0);
      this.parts = null;
      this.draw(p);
      for (const f of after) f();
    });
  }
}
