// Test helpers: run a scenario on the wasm core (in this thread) and on its TypeScript twin.
import { readFileSync } from 'node:fs';
import * as A from '../../assembly/shared/abi';
import { encodeParams, type EngineOptions } from '../../src/engine/params';
import { instantiateCore, type Kernel } from '../../src/engine/kernel';
import { Accumulator } from '../../src/engine/accumulator';
import { chunkRange, planRun } from '../../src/engine/plan';
import { summarize, type Summary } from '../../src/engine/summary';
import { ReferenceEngine, chunkLength } from '../../src/reference/engine';
import type { Scenario } from '../../src/scenario';

let module: WebAssembly.Module | undefined;

export function coreModule(): WebAssembly.Module {
  module ??= new WebAssembly.Module(readFileSync(new URL('../../build/cascade.wasm', import.meta.url)));
  return module;
}

export async function kernel(): Promise<Kernel> {
  return instantiateCore(coreModule());
}

/** Runs paths [first, first + count) of a scenario on the wasm core; returns the raw chunk. */
export async function runWasm(s: Scenario, first = 0, count = s.paths, options: EngineOptions = {}): Promise<Float64Array> {
  const k = await kernel();
  k.setup(encodeParams(s, options), count);
  return k.runChunk(first, count);
}

export function runReference(s: Scenario, first = 0, count = s.paths, options: EngineOptions = {}): Float64Array {
  return new ReferenceEngine(encodeParams(s, options)).runChunk(first, count);
}

/** The per-path records of a chunk, one Float64Array of R_COUNT values per path. */
export function records(s: Scenario, chunk: Float64Array): Float64Array[] {
  const base = chunkLength(planRun(s).grid, 0);
  const n = chunk[A.H_PATHS];
  return Array.from({ length: n }, (_, k) => chunk.subarray(base + k * A.R_COUNT, base + (k + 1) * A.R_COUNT));
}

/** Runs a whole scenario in this thread, chunk by chunk as the pool would, and summarises it. */
export async function summaryOf(s: Scenario, options: EngineOptions = {}): Promise<Summary> {
  const plan = planRun(s);
  const k = await kernel();
  k.setup(encodeParams(s, options), plan.chunkPaths);
  const acc = new Accumulator(plan, s.paths);
  for (let c = 0; c < plan.chunks; c++) {
    const { first, count } = chunkRange(plan, s.paths, c);
    acc.add(c, k.runChunk(first, count));
  }
  return summarize(acc, s.S0, s.dt);
}
