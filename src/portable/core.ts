// The model core run as JS: the same AssemblyScript source as the wasm (assembly/), with the
// builtins it needs defined first. It is the oracle for the wasm in tests and the JS baseline in the
// benchmarks. JS code imports the core only through src/portable/ (this file, or schedule.ts for the
// app's main thread), so the builtins are always defined first.
// JsKernel mirrors src/engine/kernel.ts's Kernel, so the same helpers drive either.
import './builtins';
import * as A from '../../assembly/shared/abi';
import { cascadeCurve } from '../../assembly/cascade';
import { Engine } from '../../assembly/engine';
import { sharedFloats, type BookData, type TraceData } from '../engine/kernel';

export { Engine } from '../../assembly/engine';
export { generateBook, initialMmr } from '../../assembly/book';
export { cascadeCurve } from '../../assembly/cascade';
export { Impact } from '../../assembly/impact';
export { ModelParams } from '../../assembly/params';
export { Draws } from '../../assembly/normal';
export { Stream, threefry, BATCH } from '../../assembly/rng';
export { heldShare } from '../../assembly/schedule';
export { stairsIn } from '../../assembly/auctions';
export { AaveCall } from '../../assembly/aave';
export { YEAR } from '../../assembly/common';

/** The arrays the core allocates with `new StaticArray` are Float64Arrays in JS (builtins.ts). */
const f64s = (a: StaticArray<number>): Float64Array => a as unknown as Float64Array;

export class JsKernel {
  private engine: Engine | undefined;
  /** The fundamental paths shared runs leave for the next (Kernel.setup's `shared`), as in the wasm. */
  private region = new Float64Array(0);
  private regionValid = false;
  private shared = false;
  private draws = 0;

  private get e(): Engine {
    if (!this.engine) throw new Error('setup() first');
    return this.engine;
  }

  /** Prepares a run of the given parameters for chunks of at most maxPaths paths. */
  setup(params: Float64Array, maxPaths: number, inputs: Float64Array = new Float64Array(0), shared = false): void {
    if (params.length !== A.P_COUNT) throw new Error(`expected ${A.P_COUNT} parameters, got ${params.length}`);
    this.shared = shared;
    const floats = shared ? sharedFloats(params, maxPaths) : 0;
    if (floats !== this.region.length) {
      this.region = new Float64Array(floats);
      this.regionValid = false;
    }
    this.engine = new Engine(params, maxPaths, inputs.slice() as unknown as StaticArray<number>);
  }

  /** The chunk result of paths [first, first + count), as its own buffer. */
  runChunk(first: number, count: number): Float64Array {
    const e = this.e;
    if (this.shared && e.shareable() && this.region.length >= A.sharedLength(e.m.steps, count)) {
      if (e.runChunkShared(first, count, this.region as unknown as StaticArray<number>, this.regionValid)) this.draws++;
      this.regionValid = true;
    } else e.runChunk(first, count);
    return f64s(e.out).slice(0, e.resultLength(count));
  }

  /** How many shared chunks drew their fundamental paths rather than read them. */
  sharedDraws(): number {
    return this.draws;
  }

  trace(path: number): TraceData {
    const e = this.e;
    e.tracePath(path);
    return {
      path,
      steps: f64s(e.traceSteps).slice(0, (e.m.steps + 1) * A.T_COUNT),
      events: f64s(e.ps.events).slice(0, e.ps.eventCount * A.E_COUNT),
      truncated: e.ps.eventsTruncated,
    };
  }

  cascade(): Float64Array {
    const out = new Float64Array(A.C_COUNT * A.CASCADE_POINTS);
    cascadeCurve(this.e.m, this.e.book, out);
    return out;
  }

  book(): BookData {
    const b = this.e.book;
    return { side: Int8Array.from(f64s(b.side)), q: f64s(b.q).slice(), K: f64s(b.K).slice(), entry: f64s(b.entry).slice(), margin: f64s(b.margin).slice() };
  }
}
