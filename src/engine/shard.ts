// A shard is part of a run written to a file: the chunks i, i+n, i+2n, ... of a scenario. Shards
// from any machines merge into exactly the result of one run, because they carry what the
// accumulator merges (histogram counts, each chunk's band sums, per-path records) as raw float64
// bytes. This is how a big run is spread over many machines with any batch scheduler.
//
// Merging trusts nothing: every shard is checked whole (its format, that its scenario and its link
// agree, every array's length, every value finite, a checksum over the payload, that each chunk
// belongs to the shard it claims) and a bad one is refused with a message naming the file and field.
import { createHash } from 'node:crypto';
import * as A from '../../assembly/shared/abi';
import { decodeLink, encodeLink } from '../link';
import type { Scenario } from '../scenario';
import { resolve, type Clamp } from '../resolve';
import { validateScenario, type FieldError } from '../validate';
import { Accumulator } from './accumulator';
import { chunkRange, planRun, type RunPlan } from './plan';

export const SHARD_FORMAT = 'cascade-lab-shard';
/** 3: links v=2 (2026-12-07; a shard's link and scenario must agree, and older shards' do not). */
export const SHARD_VERSION = 3;

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  version: number;
  link: string;
  scenario: Scenario;
  /** The messages about the scenario's fields, kept so a merged result equals a direct run. */
  warnings: FieldError[];
  shard: { index: number; count: number };
  chunks: number[];
  /** Base64 of float64 arrays (little-endian). */
  histogram: string;
  bandSums: string[];
  records: string[];
  /** SHA-256 (hex) of the link, the chunks and every array, in that order. */
  checksum: string;
}

/** A shard to merge and the name to call it by in messages (its file). */
export interface NamedShard {
  file: string;
  doc: unknown;
}

export class ShardError extends Error {
  constructor(file: string, field: string, message: string) {
    super(`${file}: ${field ? `${field}: ` : ''}${message}`);
    this.name = 'ShardError';
  }
}

export function toShard(s: Scenario, warnings: FieldError[], acc: Accumulator, shard: { index: number; count: number }): ShardFile {
  const chunks: number[] = [];
  for (let c = 0; c < acc.plan.chunks; c++) if (acc.done[c]) chunks.push(c);
  const link = encodeLink(s);
  const histogram = toBase64(acc.hist);
  const bandSums = chunks.map((c) => toBase64(acc.chunkBandSums(c)!));
  const records = chunks.map((c) => {
    const { first, count } = chunkRange(acc.plan, acc.paths, c);
    return toBase64(acc.records.subarray(first * A.R_COUNT, (first + count) * A.R_COUNT));
  });
  return {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    link,
    scenario: s,
    warnings,
    shard,
    chunks,
    histogram,
    bandSums,
    records,
    checksum: checksum(link, chunks, histogram, bandSums, records),
  };
}

/** Merges shards of one scenario into an accumulator; throws a ShardError naming the shard on any fault. */
export function mergeShards(named: NamedShard[]): { scenario: Scenario; acc: Accumulator; errors: FieldError[]; clamps: Clamp[]; run: Scenario } {
  if (named.length === 0) throw new Error('no shards to merge');
  const shards = named.map(({ file, doc }) => ({ file, shard: checkShard(file, doc) }));
  const first = shards[0];
  const scenario = first.shard.scenario;
  const { scenario: run, clamps } = resolve(scenario);
  const plan = planRun(run);
  const acc = new Accumulator(plan, run.paths);
  const seen = new Map<number, string>();
  for (const { file, shard: sh } of shards) {
    if (sh.link !== first.shard.link) throw new ShardError(file, 'link', `a shard of another scenario than ${first.file}`);
    if (sh.shard.count !== first.shard.shard.count) throw new ShardError(file, 'shard', `one of ${sh.shard.count} shards, but ${first.file} is one of ${first.shard.shard.count}`);
    const before = seen.get(sh.shard.index);
    if (before !== undefined) throw new ShardError(file, 'shard', `shard ${sh.shard.index}/${sh.shard.count} is given twice (also ${before})`);
    seen.set(sh.shard.index, file);
    const payload = decodePayload(file, sh, plan, run.paths);
    for (let i = 0; i < payload.hist.length; i++) acc.hist[i] += payload.hist[i];
    sh.chunks.forEach((c, k) => acc.restore(c, payload.bandSums[k], payload.records[k]));
  }
  if (!acc.complete) {
    const missing = [...acc.done].flatMap((d, c) => (d ? [] : [c]));
    const shardsMissing = [...new Set(missing.map((c) => c % first.shard.shard.count))];
    throw new Error(`chunks missing after the merge: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} (shards ${shardsMissing.slice(0, 10).map((i) => `${i}/${first.shard.shard.count}`).join(', ')} not given)`);
  }
  return { scenario, acc, errors: first.shard.warnings, clamps, run };
}

/** The shard's structure, its scenario against its link, and its checksum. */
export function checkShard(file: string, doc: unknown): ShardFile {
  const s = doc as Record<string, unknown>;
  if (typeof s !== 'object' || s === null || Array.isArray(s) || s.format !== SHARD_FORMAT) throw new ShardError(file, '', 'not a Cascade Lab shard file');
  if (s.version !== SHARD_VERSION) throw new ShardError(file, 'version', `shard format version ${String(s.version).slice(0, 20)} is not supported (expected ${SHARD_VERSION}): run the shard again`);
  if (typeof s.link !== 'string') throw new ShardError(file, 'link', 'missing');
  const sh = s.shard as Record<string, unknown> | undefined;
  if (!sh || !isCount(sh.count, 1) || !isCount(sh.index, 0) || (sh.index as number) >= (sh.count as number)) throw new ShardError(file, 'shard', 'expected { index, count } with 0 <= index < count');
  for (const key of ['bandSums', 'records', 'chunks'] as const) if (!Array.isArray(s[key])) throw new ShardError(file, key, 'expected an array');
  if (typeof s.histogram !== 'string') throw new ShardError(file, 'histogram', 'expected base64 text');
  if (typeof s.checksum !== 'string') throw new ShardError(file, 'checksum', 'missing');
  if (!Array.isArray(s.warnings) || !s.warnings.every((w) => typeof w?.field === 'string' && typeof w?.message === 'string')) throw new ShardError(file, 'warnings', 'expected a list of { field, message }');
  // The scenario and the link must say the same: the link is what the checksum covers.
  const fromLink = decodeLink(s.link);
  const stated = validateScenario(s.scenario);
  if (fromLink.errors.length || stated.errors.length) throw new ShardError(file, fromLink.errors.length ? 'link' : 'scenario', (fromLink.errors[0] ?? stated.errors[0]).message);
  if (encodeLink(stated.scenario) !== s.link || JSON.stringify(stated.scenario) !== JSON.stringify(s.scenario)) {
    throw new ShardError(file, 'scenario', 'does not match the shard\'s link (edited?)');
  }
  const chunks = s.chunks as unknown[], bandSums = s.bandSums as unknown[], records = s.records as unknown[];
  if (!chunks.every((c) => isCount(c, 0))) throw new ShardError(file, 'chunks', 'expected whole chunk numbers');
  if (bandSums.length !== chunks.length || records.length !== chunks.length) throw new ShardError(file, 'bandSums', `${bandSums.length} band sums and ${records.length} records for ${chunks.length} chunks`);
  if (!bandSums.every((b) => typeof b === 'string') || !records.every((r) => typeof r === 'string')) throw new ShardError(file, 'records', 'expected base64 text');
  const sum = checksum(s.link, chunks as number[], s.histogram, bandSums as string[], records as string[]);
  if (sum !== s.checksum) throw new ShardError(file, 'checksum', 'does not match the payload: the file was changed or damaged');
  return { ...(s as unknown as ShardFile), scenario: stated.scenario };
}

/** The payload's arrays, each of exactly the length the scenario implies and every value finite. */
function decodePayload(file: string, sh: ShardFile, plan: RunPlan, paths: number) {
  const G = plan.grid + 1;
  const hist = fromBase64(file, 'histogram', sh.histogram, A.Q_COUNT * G * A.BINS);
  if (!hist.every((x) => Number.isInteger(x) && x >= 0)) throw new ShardError(file, 'histogram', 'holds a value that is not a count');
  const seen = new Set<number>();
  const bandSums: Float64Array[] = [], records: Float64Array[] = [];
  sh.chunks.forEach((c, k) => {
    if (c >= plan.chunks) throw new ShardError(file, 'chunks', `names chunk ${c}, which this scenario does not have (it has ${plan.chunks})`);
    if (c % sh.shard.count !== sh.shard.index) throw new ShardError(file, 'chunks', `chunk ${c} does not belong to shard ${sh.shard.index}/${sh.shard.count}`);
    if (seen.has(c)) throw new ShardError(file, 'chunks', `chunk ${c} is given twice`);
    seen.add(c);
    bandSums.push(fromBase64(file, `bandSums[${k}]`, sh.bandSums[k], A.Q_COUNT * G));
    records.push(fromBase64(file, `records[${k}]`, sh.records[k], chunkRange(plan, paths, c).count * A.R_COUNT));
  });
  return { hist, bandSums, records };
}

export const isCount = (x: unknown, min: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= 1e9;

function checksum(link: string, chunks: number[], histogram: string, bandSums: string[], records: string[]): string {
  const h = createHash('sha256');
  for (const part of [link, chunks.join(','), histogram, ...bandSums, ...records]) h.update(part).update('\n');
  return h.digest('hex');
}

export function toBase64(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function fromBase64(file: string, field: string, text: string, length: number): Float64Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new ShardError(file, field, 'is not valid base64');
  const b = Buffer.from(text, 'base64');
  if (b.byteLength !== length * 8) throw new ShardError(file, field, `holds ${b.byteLength / 8} values where ${length} are expected`);
  const out = new Float64Array(length);
  new Uint8Array(out.buffer).set(b);
  if (!out.every(Number.isFinite)) throw new ShardError(file, field, 'holds a value that is not a finite number');
  return out;
}
