// Merges chunk results in chunk order. Histogram counts are integers (exact in any order) and are
// added as chunks arrive; per-path records go to their path's slot; the only order-sensitive floats,
// the band sums, are kept per chunk and added in chunk order. So any number of workers, finishing in
// any order, and any split into shards, gives bit-identical merged numbers.
import * as A from '../../assembly/shared/abi';
import type { RunPlan } from './plan';
import { addPackedCounts } from './chunk-wire';

export class Accumulator {
  readonly G: number; // grid points
  readonly hist: Float64Array; // Q_COUNT x G x BINS counts over all done chunks
  readonly records: Float64Array; // paths x R_COUNT, in path order
  private readonly bandSums: (Float64Array | undefined)[]; // per chunk, Q_COUNT x G
  private readonly assetSums: (Float64Array | undefined)[]; // per chunk, the asset section (abi.ts ASSET_*), when there are several assets
  readonly done: Uint8Array; // per chunk
  chunksDone = 0;
  pathsDone = 0;

  constructor(readonly plan: RunPlan, readonly paths: number) {
    this.G = plan.grid + 1;
    this.hist = new Float64Array(A.Q_COUNT * this.G * A.BINS);
    this.records = new Float64Array(paths * A.R_COUNT);
    this.bandSums = new Array(plan.chunks).fill(undefined);
    this.assetSums = new Array(plan.chunks).fill(undefined);
    this.done = new Uint8Array(plan.chunks);
  }

  /**
   * Adds chunk c given as its header and per-path records alone (Kernel.runChunkRecords): what a
   * sweep's cells read. Its bands count nothing, as a sweep document's cells (sweep-result.ts).
   */
  addRecords(c: number, chunk: Float64Array): void {
    const count = chunk[A.H_PATHS], first = chunk[A.H_FIRST_PATH];
    if (first !== c * this.plan.chunkPaths) throw new Error(`chunk ${c} starts at path ${first}`);
    if (chunk.length !== A.HEADER + count * A.R_COUNT) throw new Error(`chunk ${c}: ${chunk.length} values for ${count} paths' records`);
    this.restore(c, new Float64Array(A.Q_COUNT * this.G), chunk.subarray(A.HEADER));
  }

  /** Adds the result of chunk c (layout in assembly/shared/abi.ts). Adding a chunk twice is an error. */
  add(c: number, chunk: Float64Array): void {
    this.check(c, chunk);
    const nh = this.hist.length;
    for (let i = 0; i < nh; i++) this.hist[i] += chunk[A.HEADER + i];
    this.keep(c, chunk, A.HEADER + nh);
  }

  /** Adds the result of chunk c in its wire form (chunk-wire.ts), as a worker sends it. */
  addPacked(c: number, wire: Float64Array): void {
    this.check(c, wire);
    this.keep(c, wire, addPackedCounts(wire, this.hist, this.plan.grid));
  }

  private check(c: number, chunk: Float64Array): void {
    if (this.done[c]) throw new Error(`chunk ${c} added twice`);
    const first = chunk[A.H_FIRST_PATH];
    if (first !== c * this.plan.chunkPaths) throw new Error(`chunk ${c} starts at path ${first}`);
  }

  /** Keeps chunk c's band sums, records and asset section, which start at `sums`; counts it done. */
  private keep(c: number, chunk: Float64Array, sums: number): void {
    const count = chunk[A.H_PATHS], first = chunk[A.H_FIRST_PATH];
    this.bandSums[c] = chunk.slice(sums, sums + A.Q_COUNT * this.G);
    const end = sums + A.Q_COUNT * this.G + count * A.R_COUNT;
    this.records.set(chunk.subarray(sums + A.Q_COUNT * this.G, end), first * A.R_COUNT);
    if (this.plan.assets > 1) this.assetSums[c] = chunk.slice(end, end + A.assetFloats(this.plan.grid, this.plan.assets));
    this.done[c] = 1;
    this.chunksDone++;
    this.pathsDone += count;
  }

  /** Band sums over the done chunks, added in chunk order. */
  bandTotals(): Float64Array {
    const t = new Float64Array(A.Q_COUNT * this.G);
    for (const s of this.bandSums) {
      if (!s) continue;
      for (let i = 0; i < t.length; i++) t[i] += s[i];
    }
    return t;
  }

  /**
   * Several assets' sums over the done chunks (abi.ts ASSET_*), added in chunk order; undefined
   * with one asset, or when a chunk came without them (from a shard).
   */
  assetTotals(): Float64Array | undefined {
    if (this.plan.assets <= 1) return undefined;
    const t = new Float64Array(A.assetFloats(this.plan.grid, this.plan.assets));
    for (let c = 0; c < this.done.length; c++) {
      if (!this.done[c]) continue;
      const s = this.assetSums[c];
      if (!s) return undefined;
      for (let i = 0; i < t.length; i++) t[i] += s[i];
    }
    return t;
  }

  /** Indices of the paths simulated so far, in path order. */
  donePaths(): Int32Array {
    const span = (c: number) => [c * this.plan.chunkPaths, Math.min((c + 1) * this.plan.chunkPaths, this.paths)];
    let n = 0;
    for (let c = 0; c < this.done.length; c++) if (this.done[c]) n += span(c)[1] - span(c)[0];
    const out = new Int32Array(n);
    let k = 0;
    for (let c = 0; c < this.done.length; c++) {
      if (!this.done[c]) continue;
      const [first, end] = span(c);
      for (let p = first; p < end; p++) out[k++] = p;
    }
    return out;
  }

  get complete(): boolean {
    return this.chunksDone === this.plan.chunks;
  }

  /** The per-chunk band sums, for writing a shard. */
  chunkBandSums(c: number): Float64Array | undefined {
    return this.bandSums[c];
  }

  /** Restores a chunk from a shard: its band sums, records; histogram counts are added separately. */
  restore(c: number, bandSums: Float64Array, records: Float64Array): void {
    if (this.done[c]) throw new Error(`chunk ${c} given twice`);
    const first = c * this.plan.chunkPaths;
    this.bandSums[c] = bandSums;
    this.records.set(records, first * A.R_COUNT);
    this.done[c] = 1;
    this.chunksDone++;
    this.pathsDone += records.length / A.R_COUNT;
  }
}
