// What a worker offers the pool, over Comlink: set up a scenario, run chunks, trace a path. The same
// object serves browser Web Workers and Node worker threads; only how the wasm arrives differs.
import * as Comlink from 'comlink';
import { instantiateCore, type BookData, type Kernel, type TraceData } from './kernel';

export interface WorkerApi {
  /**
   * Prepares the wasm core for a parameter vector; cheap when nothing changed. The core's memory may
   * grow to at most maxPages pages (the ceiling the scenario was judged to need, see memory.ts).
   */
  setup(params: Float64Array, maxPaths: number, maxPages: number, inputs?: Float64Array, inputsKey?: string, shared?: boolean): Promise<void>;
  /** Runs a chunk; its result (in its wire form, chunk-wire.ts) is transferred, not copied. */
  runChunk(first: number, count: number): Promise<Float64Array>;
  /**
   * Sets up and runs each cell's chunk in turn, in one message each way (a sweep's cells: one
   * round trip for the group, the worker never idle between them); buffers transferred.
   */
  runCells(cells: readonly CellChunk[]): Promise<Float64Array[]>;
  trace(path: number): Promise<TraceData>;
  book(): Promise<BookData>;
  /** The liquidation map and cascade curve of the book (layout C_* in assembly/shared/abi.ts). */
  cascade(): Promise<Float64Array>;
  memoryBytes(): Promise<number>;
  /**
   * Fault injection for tests: 'trap' executes a wasm unreachable, 'oom' exhausts wasm memory,
   * 'silent' stops the worker answering without an error (self.close() in a browser).
   */
  fault(kind: 'trap' | 'oom' | 'silent'): Promise<void>;
}

/** One chunk of one scenario of a batch: setup()'s arguments, then runChunk()'s. */
export interface CellChunk {
  params: Float64Array;
  maxPaths: number;
  maxPages: number;
  /** The same array in every cell of a batch is cloned once (structured clone keeps identity). */
  inputs: Float64Array;
  inputsKey: string;
  shared: boolean;
  first: number;
  count: number;
  /** Only the header and per-path records are wanted (Kernel.runChunkRecords). */
  recordsOnly?: boolean;
}

/** At most this often, a busy worker says it is alive (heartbeat.ts). */
const HEARTBEAT_MS = 250;

/** What the worker's host (a Web Worker or a Node thread) provides beyond the wasm. */
export interface WorkerHost {
  /** Tells the pool the worker is alive (sent, throttled, after each path of a chunk). */
  beat(): void;
  /** Stops answering without a word, as a worker that calls self.close() does (fault injection). */
  goSilent(): void;
}

/**
 * The worker's side of the pool's interface. The heartbeat lets the pool tell a busy worker from one
 * that has silently gone away.
 */
export function createWorkerApi(loadModule: () => Promise<WebAssembly.Module>, host: WorkerHost): WorkerApi {
  const beat = () => host.beat();
  let last = 0;
  const onPath = () => {
    const now = performance.now();
    if (now - last >= HEARTBEAT_MS) {
      last = now;
      beat();
    }
  };
  let module: Promise<WebAssembly.Module> | undefined;
  let kernel: Promise<Kernel> | undefined;
  let key = '';
  const core = () => {
    if (!kernel) throw new Error('setup() must come first');
    return kernel;
  };
  const setup: WorkerApi['setup'] = async (params, maxPaths, maxPages, inputs = new Float64Array(0), inputsKey = '', shared = false) => {
    module ??= loadModule();
    const current = kernel && (await kernel);
    if (!current || current.maxPages !== maxPages) {
      // A new instance with a new memory: the old one is released with its instance.
      key = '';
      kernel = module.then((m) => instantiateCore(m, maxPages, onPath));
    }
    const k = await kernel!;
    const next = `${Array.from(params).join(',')}/${maxPaths}/${inputsKey}:${inputs.length}/${shared}`;
    if (next === key) return;
    key = '';
    k.setup(params, maxPaths, inputs, shared);
    key = next;
  };
  return {
    setup,
    async runChunk(first, count) {
      const out = (await core()).runChunkPacked(first, count);
      return Comlink.transfer(out, [out.buffer]);
    },
    async runCells(cells) {
      const outs: Float64Array[] = [];
      for (const c of cells) {
        await setup(c.params, c.maxPaths, c.maxPages, c.inputs, c.inputsKey, c.shared);
        const k = await core();
        outs.push(c.recordsOnly ? k.runChunkRecords(c.first, c.count) : k.runChunkPacked(c.first, c.count));
      }
      return Comlink.transfer(outs, outs.map((o) => o.buffer));
    },
    async trace(path) {
      const t = (await core()).trace(path);
      return Comlink.transfer(t, [t.steps.buffer, t.events.buffer]);
    },
    async book() {
      return (await core()).book();
    },
    async cascade() {
      const c = (await core()).cascade();
      return Comlink.transfer(c, [c.buffer]);
    },
    async memoryBytes() {
      return (await core()).memoryBytes();
    },
    async fault(kind) {
      if (kind === 'silent') return host.goSilent();
      key = ''; // a trapped instance's state is undefined: set it up again before the next run
      (await core()).fault(kind);
    },
  };
}
