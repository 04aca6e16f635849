// A shard is part of a run written to a file: the chunks i, i+n, i+2n, ... of a scenario. Shards
// from any machines merge into exactly the result of one run, because they carry what the
// accumulator merges (histogram counts, each chunk's band sums, per-path records) as raw float64
// bytes. This is how a big sweep is spread over many machines with any batch scheduler.
import { encodeLink } from '../link';
import type { Scenario } from '../scenario';
import { validateScenario } from '../validate';
import { Accumulator } from './accumulator';
import { chunkRange, planRun } from './plan';

export const SHARD_FORMAT = 'cascade-lab-shard';
export const SHARD_VERSION = 1;

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  version: number;
  link: string;
  scenario: Scenario;
  shard: { index: number; count: number };
  chunks: number[];
  /** Base64 of float64 arrays (little-endian). */
  histogram: string;
  bandSums: string[];
  records: string[];
}

export function toShard(s: Scenario, acc: Accumulator, shard: { index: number; count: number }): ShardFile {
  const chunks: number[] = [];
  for (let c = 0; c < acc.plan.chunks; c++) if (acc.done[c]) chunks.push(c);
  return {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    link: encodeLink(s),
    scenario: s,
    shard,
    chunks,
    histogram: toBase64(acc.hist),
    bandSums: chunks.map((c) => toBase64(acc.chunkBandSums(c)!)),
    records: chunks.map((c) => {
      const { first, count } = chunkRange(acc.plan, acc.paths, c);
      return toBase64(acc.records.subarray(first * recordWidth(acc), (first + count) * recordWidth(acc)));
    }),
  };
}

/** Merges shards of one scenario into an accumulator; throws a clear Error on any mismatch. */
export function mergeShards(files: unknown[]): { scenario: Scenario; acc: Accumulator } {
  if (files.length === 0) throw new Error('no shards to merge');
  const shards = files.map(checkShard);
  const link = shards[0].link;
  const { scenario } = validateScenario(shards[0].scenario);
  for (const sh of shards) if (sh.link !== link) throw new Error('the shards are of different scenarios');
  const plan = planRun(scenario);
  const acc = new Accumulator(plan, scenario.paths);
  for (const sh of shards) {
    const hist = fromBase64(sh.histogram);
    if (hist.length !== acc.hist.length) throw new Error('a shard has a histogram of the wrong size');
    for (let i = 0; i < hist.length; i++) acc.hist[i] += hist[i];
    sh.chunks.forEach((c, k) => {
      if (!Number.isInteger(c) || c < 0 || c >= plan.chunks) throw new Error(`a shard names chunk ${c}, which this scenario does not have`);
      acc.restore(c, fromBase64(sh.bandSums[k]), fromBase64(sh.records[k]));
    });
  }
  if (!acc.complete) {
    const missing = [...acc.done].flatMap((d, c) => (d ? [] : [c]));
    throw new Error(`chunks missing after the merge: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }
  return { scenario, acc };
}

function checkShard(f: unknown): ShardFile {
  const s = f as Partial<ShardFile>;
  if (!s || s.format !== SHARD_FORMAT) throw new Error('not a Cascade Lab shard file');
  if (s.version !== SHARD_VERSION) throw new Error(`shard format version ${String(s.version)} is not supported (expected ${SHARD_VERSION})`);
  if (!Array.isArray(s.chunks) || !Array.isArray(s.bandSums) || !Array.isArray(s.records) || typeof s.histogram !== 'string') {
    throw new Error('the shard file is incomplete');
  }
  return s as ShardFile;
}

function recordWidth(acc: Accumulator): number {
  return acc.records.length / acc.paths;
}

function toBase64(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function fromBase64(s: string): Float64Array {
  const b = Buffer.from(s, 'base64');
  if (b.byteLength % 8 !== 0) throw new Error('a shard array has a broken length');
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}
