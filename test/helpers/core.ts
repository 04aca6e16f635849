// Test helpers: run a scenario on the wasm core (in this thread) and as JS. Tests load the debug
// build (build/cascade.debug.wasm: every array access bounds-checked, assertions on), so an
// out-of-range index traps instead of reading a neighbour; the release build differs only in that.
import { readFileSync } from 'node:fs';
import * as A from '../../assembly/shared/abi';
import { chunkLength } from '../../assembly/shared/abi';
import { encodeParams, seriesMode, type EngineOptions } from '../../src/engine/params';
import { seriesSpan } from '../../src/imports/series';
import { instantiateCore, type Kernel } from '../../src/engine/kernel';
import { Accumulator } from '../../src/engine/accumulator';
import { chunkRange, planRun } from '../../src/engine/plan';
import { summarize, type Summary } from '../../src/engine/summary';
import { JsKernel } from '../../src/portable/core';
import type { Scenario } from '../../src/scenario';

const modules: Partial<Record<'debug' | 'release', WebAssembly.Module>> = {};

/** The compiled core: the debug build unless asked for the release build. */
export function coreModule(build: 'debug' | 'release' = 'debug'): WebAssembly.Module {
  const file = build === 'debug' ? 'cascade.debug.wasm' : 'cascade.wasm';
  return (modules[build] ??= new WebAssembly.Module(readFileSync(new URL(`../../build/${file}`, import.meta.url))));
}

export async function kernel(): Promise<Kernel> {
  return instantiateCore(coreModule());
}

/** Runs paths [first, first + count) of a scenario on the wasm core; returns the raw chunk. */
export async function runWasm(s: Scenario, first = 0, count = s.paths, options: EngineOptions = {}): Promise<Float64Array> {
  const k = await kernel();
  k.setup(encodeParams(s, options), count, options.series);
  return k.runChunk(first, count);
}

/** The same source run as JS, set up for a scenario (the oracle for the wasm). */
export function jsKernel(s: Scenario, maxPaths = s.paths, options: EngineOptions = {}): JsKernel {
  const k = new JsKernel();
  k.setup(encodeParams(s, options), maxPaths, options.series);
  return k;
}

/** Runs paths [first, first + count) of a scenario as JS; returns the raw chunk. */
export function runJs(s: Scenario, first = 0, count = s.paths, options: EngineOptions = {}): Float64Array {
  return jsKernel(s, count, options).runChunk(first, count);
}

/** The per-path records of a chunk, one Float64Array of R_COUNT values per path. */
export function records(s: Scenario, chunk: Float64Array): Float64Array[] {
  const base = chunkLength(planRun(s).grid, 0);
  const n = chunk[A.H_PATHS];
  return Array.from({ length: n }, (_, k) => chunk.subarray(base + k * A.R_COUNT, base + (k + 1) * A.R_COUNT));
}

/** Runs a whole scenario in this thread, chunk by chunk as the pool would, and summarises it. */
export async function summaryOf(s: Scenario, options: EngineOptions = {}): Promise<Summary> {
  const plan = planRun(s, seriesMode(s, options.series) ? seriesSpan(options.series!) : 0);
  const k = await kernel();
  k.setup(encodeParams(s, options), plan.chunkPaths, options.series);
  const acc = new Accumulator(plan, s.paths);
  for (let c = 0; c < plan.chunks; c++) {
    const { first, count } = chunkRange(plan, s.paths, c);
    acc.add(c, k.runChunk(first, count));
  }
  return summarize(acc, s.S0, s.dt);
}

/**
 * `count` disjoint sets of `size` paths of s (set k: paths k·size to (k + 1)·size − 1), each in an
 * accumulator of its own, on the release core: independent samples of one scenario and its book, to
 * hold an error to the spread its estimate really has.
 */
export async function disjointSets(s: Scenario, count: number, size: number): Promise<Accumulator[]> {
  const k = await instantiateCore(coreModule('release'));
  const whole = { ...s, paths: count * size };
  const plan = { ...planRun(whole), chunkPaths: size, chunks: count };
  k.setup(encodeParams(whole), size);
  return Array.from({ length: count }, (_, c) => {
    const acc = new Accumulator(plan, whole.paths);
    acc.add(c, k.runChunk(c * size, size));
    return acc;
  });
}
