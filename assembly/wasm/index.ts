// The wasm core's exported interface: the only file of the core that is wasm-only (with the SIMD
// refill of the random stream), the model itself is the portable code in assembly/, which also runs
// as JS (src/portable/core.ts). The host writes a Scenario's parameter vector (slots in
// shared/abi.ts) at paramsAddress(), calls setup(), then runChunk() for chunks of paths, and reads
// each result as a Float64Array view of this module's memory at the address returned: no copies.
import * as A from '../shared/abi';
import { cascadeCurve } from '../cascade';
import { Engine } from '../engine';
import { Draws } from '../normal';
import { STREAM_FUNDAMENTAL, chunkLength, sharedLength } from '../shared/abi';

/** Where the host writes the P_COUNT parameters; static, so setup() never moves it. */
const PARAMS: usize = memory.data(A.P_COUNT << 3, 8);

let engine: Engine | null = null;
/** The run's inputs (an imported price series), allocated by reserveInputs() before setup(). */
let inputs: StaticArray<f64> = new StaticArray<f64>(0);
/** A stream for rngBits and drawNormals; made again after every reset of the heap. */
let probe: Draws = new Draws();
const PROBE_BLOCK = 256;
let probeOut: StaticArray<f64> = new StaticArray<f64>(PROBE_BLOCK);
/** walkProbe's steps at most, and its output (six values, then the walk's), made on its first call: only tests call it. */
const WALK_MAX = 1024;
let walkOut: StaticArray<f64> = new StaticArray<f64>(0);
/**
 * Fundamental paths shared by the runs of a sweep's cells (Engine.runChunkShared). It is the first
 * allocation after every reset of the heap, so it lands where it was and keeps what it held; it is
 * valid while its size has not changed since it was filled.
 */
let shared: StaticArray<f64> = new StaticArray<f64>(0);
let sharedValid = false;
/** How many times runChunkShared drew the paths rather than reading them (for tests). */
let sharedDraws = 0;

/** Address of the parameter vector (P_COUNT float64 slots) the host fills before setup(). */
export function paramsAddress(): usize {
  return PARAMS;
}

/**
 * Starts a new run: releases everything of the last one and allocates `n` float64 inputs, whose
 * address it returns for the host to fill (the imported price series; n may be 0). Then setup().
 * `sharedFloats` > 0: the run's chunks will be run with runChunkShared, in a region of that size.
 */
export function reserveInputs(n: i32, sharedFloats: i32): usize {
  engine = null;
  __reset(); // the stub runtime's bump allocator starts over: nothing leaks across scenarios
  const before = shared.length;
  // Not zeroed (a StaticArray's constructor would): at the same address, it still holds its paths.
  shared = sharedFloats > 0 ? changetype<StaticArray<f64>>(__new(<usize>sharedFloats << 3, idof<StaticArray<f64>>())) : new StaticArray<f64>(0);
  if (sharedFloats != before) sharedValid = false;
  probe = new Draws();
  probeOut = new StaticArray<f64>(PROBE_BLOCK);
  walkOut = new StaticArray<f64>(0);
  inputs = new StaticArray<f64>(n);
  return changetype<usize>(inputs);
}

/**
 * Prepares a run from the parameters and the reserved inputs: generates the book, sorts the ladders
 * and allocates every buffer a chunk of up to `maxPaths` paths needs.
 */
export function setup(maxPaths: i32): void {
  engine = null;
  const params = new StaticArray<f64>(A.P_COUNT);
  for (let i = 0; i < A.P_COUNT; i++) unchecked((params[i] = load<f64>(PARAMS + (<usize>i << 3))));
  engine = new Engine(params, maxPaths, inputs);
}

/**
 * Simulates paths [first, first + count) and returns the address of the chunk result: a header,
 * band histograms and sums on the time grid, then one record per path (layout in shared/abi.ts).
 * The result stays valid until the next runChunk or setup.
 */
export function runChunk(first: i32, count: i32): usize {
  const e = engine!;
  e.runChunk(first, count);
  return changetype<usize>(e.out);
}

/**
 * runChunk, with the chunk's fundamental paths read from the shared region when an earlier run
 * (another cell of a sweep) drew them under the same fundamental key, else drawn into it: the
 * same bits either way. Needs reserveInputs(n, sharedFloats) with room for the chunk.
 */
export function runChunkShared(first: i32, count: i32): usize {
  const e = engine!;
  if (!e.shareable() || shared.length < sharedLength(e.m.steps, count)) e.runChunk(first, count);
  else {
    if (e.runChunkShared(first, count, shared, sharedValid)) sharedDraws++;
    sharedValid = true;
  }
  return changetype<usize>(e.out);
}

/** How many times runChunkShared drew the fundamental paths instead of reading them. */
export function sharedDrawCount(): i32 {
  return sharedDraws;
}

/** Number of float64 values in a chunk result of `count` paths. */
export function resultLength(count: i32): i32 {
  return engine!.resultLength(count);
}

/** Re-simulates one path with a full trace; returns the address of (steps + 1) T_COUNT records. */
export function tracePath(path: i32): usize {
  const e = engine!;
  e.tracePath(path);
  return changetype<usize>(e.traceSteps);
}

/** Address of the last trace's liquidation events (traceEventCount() records of E_COUNT). */
export function traceEvents(): usize {
  return changetype<usize>(engine!.ps.events);
}

export function traceEventCount(): i32 {
  return engine!.ps.eventCount;
}

/** 1 when the last trace had more than MAX_EVENTS events and the rest were dropped. */
export function traceTruncated(): i32 {
  return engine!.ps.eventsTruncated ? 1 : 0;
}

/**
 * The liquidation map and cascade curve of the book (C_COUNT arrays of CASCADE_POINTS, see
 * shared/abi.ts); returns their address.
 */
export function cascade(): usize {
  const e = engine!;
  if (e.cascadeOut.length == 0) e.cascadeOut = new StaticArray<f64>(A.C_COUNT * A.CASCADE_POINTS);
  cascadeCurve(e.m, e.book, e.cascadeOut);
  return changetype<usize>(e.cascadeOut);
}

/** Number of positions in the book. */
export function bookSize(): i32 {
  return engine!.book.n;
}

/** Address of a book column: 0 side (int8), 1 size, 2 bankruptcy price, 3 entry, 4 margin (float64). */
export function bookColumn(column: i32): usize {
  const b = engine!.book;
  if (column == 0) return changetype<usize>(b.side);
  if (column == 1) return changetype<usize>(b.q);
  if (column == 2) return changetype<usize>(b.K);
  if (column == 3) return changetype<usize>(b.entry);
  return changetype<usize>(b.margin);
}


/**
 * Draw n of the random stream (seed, path, purpose) as a 64-bit draw: x1 in the high and x0 in the
 * low 32 bits, Threefry-2x32-20 of counter (n, purpose). Documents the generator and lets tests
 * check it against published vectors.
 */
export function rngBits(seed: u32, path: u32, purpose: u32, n: u32): u64 {
  probe.reset(seed, path, purpose, true);
  probe.seek(n);
  probe.next();
  return (<u64>probe.x1 << 32) | <u64>probe.x0;
}

/**
 * Real faults for the pool's fault-injection tests: kind 0 executes `unreachable`; kind 1 allocates
 * until linear memory reaches its maximum, which traps in the allocator as a real run would.
 */
export function debugTrap(kind: i32): void {
  if (kind == 0) unreachable();
  for (;;) heap.alloc(64 << 20);
}

/**
 * Draws n normals from the fundamental stream of (seed, path), from 64-bit draws if `wide`, and
 * returns their sum: the random numbers a path of n steps needs, alone. The benchmarks' floor for
 * the whole simulation.
 */
export function drawNormals(seed: u32, path: u32, n: i32, wide: bool): f64 {
  probe.reset(seed, path, STREAM_FUNDAMENTAL, wide);
  // In bulk, as the core draws a path's normals (Fundamental.fill), 256 at a time. Summed in four
  // chains: one chain of additions runs at the adder's latency, about half a nanosecond a normal
  // here, which is not the normals' cost. JS sums them the same way (test/unit/rng.test.ts).
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  for (let i = 0; i < n; i += PROBE_BLOCK) {
    const k = min(PROBE_BLOCK, n - i);
    probe.normals(probeOut, 0, k);
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      s0 += unchecked(probeOut[j]);
      s1 += unchecked(probeOut[j + 1]);
      s2 += unchecked(probeOut[j + 2]);
      s3 += unchecked(probeOut[j + 3]);
    }
    for (; j < k; j++) s0 += unchecked(probeOut[j]);
  }
  return s0 + s1 + s2 + s3;
}

/**
 * A random walk of up to n (at most 1024) steps on stream (seed, path, purpose) after `skip`
 * normals, from 0 within [lo, hi], as the fundamental draws it (Draws.walk), for tests to hold it
 * to the JS run bit for bit. Returns the address of: the step it stopped at, its value, maximum and
 * drawdown, the next two normals of the walk (walkNormal), then its values at steps 1..n.
 */
export function walkProbe(seed: u32, path: u32, purpose: u32, skip: i32, n: i32, drift: f64, vol: f64, lo: f64, hi: f64, wide: bool): usize {
  n = min(n, WALK_MAX);
  if (walkOut.length == 0) walkOut = new StaticArray<f64>(WALK_MAX + 6);
  probe.reset(seed, path, purpose, wide);
  for (let i = 0; i < skip; i++) probe.normal();
  probe.walkX = probe.walkMax = probe.walkDd = 0;
  probe.holding = false;
  const out = walkOut;
  for (let i = 0; i < out.length; i++) unchecked((out[i] = 0));
  const stop = probe.walk(out, 5, 1, n, drift, vol, lo, hi);
  out[0] = <f64>stop;
  out[1] = probe.walkX;
  out[2] = probe.walkMax;
  out[3] = probe.walkDd;
  out[4] = probe.walkNormal();
  out[5] = probe.walkNormal();
  return changetype<usize>(out);
}
