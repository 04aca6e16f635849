// The host's handle on one instance of the wasm core (assembly/index.ts): it writes the parameter
// vector, runs chunks and reads results as views of the module's memory. Used by browser workers,
// Node worker threads and tests alike.
import * as A from '../../assembly/shared/abi';
import { packChunk } from './chunk-wire';

interface CoreExports {
  paramsAddress(): number;
  reserveInputs(n: number, sharedFloats: number): number;
  setup(maxPaths: number): void;
  runChunk(first: number, count: number): number;
  runChunkShared(first: number, count: number): number;
  sharedDrawCount(): number;
  resultLength(count: number): number;
  tracePath(path: number): number;
  traceEvents(): number;
  traceEventCount(): number;
  traceTruncated(): number;
  bookSize(): number;
  bookColumn(column: number): number;
  rngBits(seed: number, path: number, purpose: number, n: number): bigint;
  debugTrap(kind: number): void;
  drawNormals(seed: number, path: number, n: number, wide: number): number;
  walkProbe(seed: number, path: number, purpose: number, skip: number, n: number, drift: number, vol: number, lo: number, hi: number, wide: number): number;
  cascade(): number;
}

export interface TraceData {
  path: number;
  steps: Float64Array; // (steps + 1) records of T_COUNT
  events: Float64Array; // records of E_COUNT
  truncated: boolean;
}

export interface BookData {
  side: Int8Array;
  q: Float64Array;
  K: Float64Array;
  entry: Float64Array;
  margin: Float64Array;
}

/**
 * The core imports its memory (so the host sets its maximum), abort(), reached on traps, and
 * pathDone(n), called after each path of a chunk: the heartbeat of a long chunk.
 */
function imports(memory: WebAssembly.Memory, onPath: (pathsDone: number) => void): WebAssembly.Imports {
  return {
    env: {
      memory,
      abort(_msg: number, _file: number, line: number, column: number) {
        throw new Error(`wasm core aborted at ${line}:${column}`);
      },
    },
    engine: { pathDone: onPath },
  };
}

/** Default ceiling for instances made outside the pool (tests, tools): 1 GiB. */
const DEFAULT_MAX_PAGES = 16384;

/**
 * A new instance of the core whose memory may grow to at most maxPages pages of 64 KiB; onPath is
 * called after every path a chunk completes, from inside the chunk.
 */
export async function instantiateCore(module: WebAssembly.Module, maxPages = DEFAULT_MAX_PAGES, onPath: (pathsDone: number) => void = () => undefined): Promise<Kernel> {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: maxPages });
  const instance = await WebAssembly.instantiate(module, imports(memory, onPath));
  return new Kernel(instance.exports as unknown as CoreExports, memory, maxPages);
}

/** Float64 values of the region the chunks of a run share their fundamental paths through. */
export function sharedFloats(params: Float64Array, maxPaths: number): number {
  return A.sharedLength(params[A.P_STEPS], maxPaths);
}

export class Kernel {
  private steps = 0;
  private grid = 0;
  private shared = false;
  constructor(
    private readonly x: CoreExports,
    private readonly memory: WebAssembly.Memory,
    /** The most pages this instance's memory may grow to. */
    readonly maxPages: number,
  ) {}

  /**
   * Prepares a run of the given parameters for chunks of at most maxPaths paths. `shared`: its chunks
   * read their fundamental paths from those an earlier shared run left, when they are the same
   * (the cells of a sweep), else draw them for the next: the same bits either way.
   */
  setup(params: Float64Array, maxPaths: number, inputs: Float64Array = new Float64Array(0), shared = false): void {
    if (params.length !== A.P_COUNT) throw new Error(`expected ${A.P_COUNT} parameters, got ${params.length}`);
    this.shared = shared;
    const at = this.x.reserveInputs(inputs.length, shared ? sharedFloats(params, maxPaths) : 0); // may grow (and detach) the memory: views after it
    new Float64Array(this.memory.buffer, at, inputs.length).set(inputs);
    new Float64Array(this.memory.buffer, this.x.paramsAddress(), A.P_COUNT).set(params);
    this.x.setup(maxPaths);
    this.steps = params[A.P_STEPS];
    this.grid = params[A.P_GRID];
  }

  /** A view of the chunk result in wasm memory: valid until the next call into the kernel. */
  runChunkView(first: number, count: number): Float64Array {
    const ptr = this.shared ? this.x.runChunkShared(first, count) : this.x.runChunk(first, count);
    return new Float64Array(this.memory.buffer, ptr, this.x.resultLength(count));
  }

  /** How many shared chunks drew their fundamental paths rather than read them. */
  sharedDraws(): number {
    return this.x.sharedDrawCount();
  }

  /**
   * The chunk's header and per-path records alone (Accumulator.addRecords takes them), as its own buffer:
   * what a sweep's cell reads, without the bands' 400 KB of histograms to send and merge.
   */
  runChunkRecords(first: number, count: number): Float64Array {
    const view = this.runChunkView(first, count);
    const at = A.chunkLength(this.grid, 0), out = new Float64Array(A.HEADER + count * A.R_COUNT);
    out.set(view.subarray(0, A.HEADER));
    out.set(view.subarray(at, at + count * A.R_COUNT), A.HEADER);
    return out;
  }

  /** The chunk result as its own buffer, ready to be transferred to another thread. */
  runChunk(first: number, count: number): Float64Array {
    return this.runChunkView(first, count).slice();
  }

  /** The chunk result in its wire form (chunk-wire.ts; Accumulator.addPacked takes it), as its own buffer. */
  runChunkPacked(first: number, count: number): Float64Array {
    return packChunk(this.runChunkView(first, count), this.grid);
  }

  trace(path: number): TraceData {
    const ptr = this.x.tracePath(path);
    const buf = this.memory.buffer;
    const steps = new Float64Array(buf, ptr, (this.steps + 1) * A.T_COUNT).slice();
    const n = this.x.traceEventCount();
    const events = new Float64Array(buf, this.x.traceEvents(), n * A.E_COUNT).slice();
    return { path, steps, events, truncated: this.x.traceTruncated() !== 0 };
  }

  /** The liquidation map and cascade curve of the book (layout C_* in assembly/shared/abi.ts). */
  cascade(): Float64Array {
    const ptr = this.x.cascade(); // first: its first call allocates, which may grow (and detach) the memory
    return new Float64Array(this.memory.buffer, ptr, A.C_COUNT * A.CASCADE_POINTS).slice();
  }

  book(): BookData {
    const n = this.x.bookSize();
    const buf = this.memory.buffer;
    const f = (c: number) => new Float64Array(buf, this.x.bookColumn(c), n).slice();
    return { side: new Int8Array(buf, this.x.bookColumn(0), n).slice(), q: f(1), K: f(2), entry: f(3), margin: f(4) };
  }

  /** Draw n of the random stream (seed, path, purpose) as [low, high] 32-bit words. */
  rngBits(seed: number, path: number, purpose: number, n: number): [number, number] {
    const bits = BigInt.asUintN(64, this.x.rngBits(seed, path, purpose, n));
    return [Number(bits & 0xffffffffn), Number(bits >> 32n)];
  }

  /** Draws n normals of a path's fundamental stream (the benchmarks' floor), from 64-bit draws if `wide`; returns their sum. */
  drawNormals(seed: number, path: number, n: number, wide = false): number {
    return this.x.drawNormals(seed, path, n, wide ? 1 : 0);
  }

  /**
   * A random walk of n steps (at most 1024) from 0 within [lo, hi] on stream (seed, path, purpose)
   * after `skip` normals, as the core walks a path's fundamental (Draws.walk): where it stopped, its
   * state there, the next two normals of the walk and its values at steps 1..n. For tests.
   */
  walk(seed: number, path: number, purpose: number, skip: number, n: number, drift: number, vol: number, lo: number, hi: number, wide = false) {
    const at = this.x.walkProbe(seed, path, purpose, skip, n, drift, vol, lo, hi, wide ? 1 : 0);
    const o = new Float64Array(this.memory.buffer, at, 6 + Math.min(n, 1024)).slice();
    return { stop: o[0], x: o[1], max: o[2], dd: o[3], next: [o[4], o[5]], values: o.subarray(6) };
  }

  /** Runs a real wasm fault (0: unreachable, 1: out of memory), for fault-injection tests. */
  fault(kind: 'trap' | 'oom'): void {
    this.x.debugTrap(kind === 'trap' ? 0 : 1);
  }

  /** Bytes of linear memory in use (for the memory ceiling and the benchmarks). */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }
}
