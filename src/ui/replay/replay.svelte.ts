// The replay of one path: which path (the worst, the median or any index), its trace, the book
// rebuilt at the current moment, and playback. The link carries the path and the moment
// (`view=replay&replay=worst&at=3600`), so a teacher can send "look at this moment".
import type { BookData } from '../../engine/kernel';
import { decodeTrace, type Replay } from '../../engine/trace';
import type { AppState } from '../app-state.svelte';
import { withReplayMoment } from '../view';
import { LadderState } from './ladder-state';
import { wavesOf, type Wave } from './waves';

export type PathChoice = 'worst' | 'median' | number;

export const SPEEDS = [60, 600, 3600, 14400]; // simulated seconds per second of playback

export function parseChoice(text: string | undefined): PathChoice {
  if (text === 'median') return 'median';
  if (text !== undefined && /^\d{1,7}$/.test(text)) return Number(text);
  return 'worst';
}

export class ReplayState {
  choice = $state<PathChoice>('worst');
  path = $state<number | null>(null);
  replay = $state.raw<Replay | null>(null);
  waves = $state.raw<Wave[]>([]);
  step = $state(0);
  playing = $state(false);
  speed = $state(600);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Bumped when the rebuilt book changes, so views redraw it. */
  version = $state(0);
  ladder: LadderState | null = null;
  private loaded = '';
  private frame = 0;
  private lastLinkWrite = 0;
  /** What this replay last wrote into the link, so followLink can tell it from an edit. */
  private written: { replay?: string; at?: string } = {};

  constructor(private readonly app: AppState) {
    this.choice = parseChoice(app.view.replay);
    const at = Number(app.view.at);
    this.step = Number.isFinite(at) && at > 0 ? Math.round(at / app.run.dt) : 0;
  }

  get steps(): number {
    return this.replay ? this.replay.time.length - 1 : 0;
  }

  get time(): number {
    return this.replay ? this.replay.time[this.step] : 0;
  }

  /** Loads the trace the scenario and the choice call for, once the run can name the path. */
  async sync(): Promise<void> {
    const { runner, run: scenario } = this.app;
    let path: number | null = null;
    if (typeof this.choice === 'number') path = Math.min(this.choice, scenario.paths - 1);
    else if (runner.summary && !runner.summary.partial) path = this.choice === 'worst' ? runner.summary.worstPath : runner.summary.medianPath;
    if (path === null || path < 0) return;
    const key = `${this.app.link}|${path}`;
    if (key === this.loaded) return;
    this.loaded = key;
    this.loading = true;
    this.error = null;
    try {
      const [trace, book] = await Promise.all([runner.pool.trace(scenario, path), runner.pool.book(scenario)]);
      if (key !== this.loaded) return; // a newer request won
      const replay = decodeTrace(trace, scenario.dt);
      this.setReplay(replay, book, path);
    } catch (e) {
      if (key === this.loaded) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (key === this.loaded) this.loading = false;
    }
  }

  private setReplay(replay: Replay, book: BookData, path: number): void {
    this.replay = replay;
    this.path = path;
    this.waves = wavesOf(replay);
    this.ladder = new LadderState(book, replay.events);
    this.seek(Math.min(this.step, replay.time.length - 1));
  }

  /**
   * Follows an edit of the address: a path or a moment (`replay=`, `at=`) other than the ones shown
   * is loaded or sought. The replay's own writes to the link change nothing here.
   */
  followLink(replay: string | undefined, at: string | undefined): void {
    if (replay === this.written.replay && at === this.written.at) return;
    const choice = parseChoice(replay);
    if (replay !== undefined && choice !== this.choice) {
      this.choice = choice;
      void this.sync();
    }
    const t = Number(at);
    if (at === undefined || !Number.isFinite(t) || t < 0 || !this.replay) return;
    const step = Math.round(t / this.app.run.dt);
    if (step !== this.step) {
      this.pause();
      this.seek(step);
    }
  }

  choose(c: PathChoice): void {
    this.choice = c;
    this.pause();
    this.writeLink(true);
    void this.sync();
  }

  seek(step: number): void {
    const s = Math.max(0, Math.min(this.steps, Math.round(step)));
    this.step = s;
    this.ladder?.seek(s);
    this.version++;
    this.writeLink(!this.playing);
  }

  stepBy(n: number): void {
    this.pause();
    this.seek(this.step + n);
  }

  /** Jumps to the next (dir 1) or previous (dir -1) liquidation wave. */
  jumpWave(dir: 1 | -1): void {
    this.pause();
    const w = dir > 0 ? this.waves.find((x) => x.step > this.step) : [...this.waves].reverse().find((x) => x.step < this.step);
    if (w) this.seek(w.step);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (!this.replay || this.playing) return;
    if (this.step >= this.steps) this.seek(0);
    this.playing = true;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      if (!this.playing || !this.replay) return;
      carry += ((now - last) / 1000) * this.speed / this.app.run.dt;
      last = now;
      const advance = Math.floor(carry);
      if (advance > 0) {
        carry -= advance;
        this.seek(this.step + advance);
      }
      if (this.step >= this.steps) {
        this.pause();
        return;
      }
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.writeLink(true);
  }

  /** Puts the path and the moment in the link (at most twice a second while playing). */
  private writeLink(now: boolean): void {
    const t = performance.now();
    if (!now && t - this.lastLinkWrite < 500) return;
    this.lastLinkWrite = t;
    const at = String(Math.round(this.time));
    const replay = String(this.choice);
    this.written = { replay, at };
    this.app.view = withReplayMoment(this.app.view, replay, at);
  }
}
