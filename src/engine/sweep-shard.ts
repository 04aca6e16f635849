// A shard of a sweep: some (cell, chunk) units of it, written to a file (sweep-plan.ts says which).
// Each unit carries the per-path columns the sweep's metrics read, as raw float64 bytes, so shards
// from any machines merge into exactly the result of one run. Like run shards (shard.ts), merging
// trusts nothing: every file is checked whole and a bad one is refused naming the file and field.
import { createHash } from 'node:crypto';
import { byCell, shardUnits, sweepCells, sweepUnits, type Shard, type SweepCell, type SweepUnit } from '../designer/sweep-plan';
import { SWEEP_COLUMNS, cellResult, chunkRows, sweepDocument, sweepLink, sweepOfLink, type SweepDocument } from '../designer/sweep-result';
import type { SweepSpec } from '../designer/sweep-spec';
import type { Scenario } from '../scenario';
import type { FieldError } from '../validate';
import { ShardError, fromBase64, isCount, toBase64, type NamedShard } from './shard';

export const SWEEP_SHARD_FORMAT = 'cascade-lab-sweep-shard';
/** 2: links v=2 (2026-12-07), as SHARD_VERSION 3. */
export const SWEEP_SHARD_VERSION = 2;
const W = SWEEP_COLUMNS.length;

export interface SweepShardFile {
  format: typeof SWEEP_SHARD_FORMAT;
  version: number;
  link: string;
  scenario: Scenario;
  warnings: FieldError[];
  shard: Shard;
  units: SweepUnit[];
  /** Per unit: base64 of its paths' kept columns (float64, little-endian). */
  data: string[];
  /** SHA-256 (hex) of the link, the shard, the units and the data, in that order. */
  checksum: string;
}

export function toSweepShard(base: Scenario, warnings: FieldError[], spec: SweepSpec, shard: Shard, units: SweepUnit[], data: Float64Array[]): SweepShardFile {
  const link = sweepLink(base, spec);
  const text = data.map(toBase64);
  return {
    format: SWEEP_SHARD_FORMAT,
    version: SWEEP_SHARD_VERSION,
    link,
    scenario: base,
    warnings,
    shard,
    units,
    data: text,
    checksum: checksum(link, shard, units, text),
  };
}

export function isSweepShard(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === SWEEP_SHARD_FORMAT;
}

/**
 * Checks one sweep shard against the sweep its link names; returns its parsed parts. Used by merge
 * and by a rerun that finds the shard already written (it is then skipped).
 */
export function checkSweepShard(file: string, doc: unknown): { base: Scenario; spec: SweepSpec; cells: SweepCell[]; shard: SweepShardFile; columns: Float64Array[] } {
  const s = doc as Record<string, unknown>;
  if (!isSweepShard(s)) throw new ShardError(file, '', 'not a Cascade Lab sweep shard');
  if (s.version !== SWEEP_SHARD_VERSION) throw new ShardError(file, 'version', `${String(s.version).slice(0, 20)} is not supported (expected ${SWEEP_SHARD_VERSION}): run the shard again`);
  if (typeof s.link !== 'string') throw new ShardError(file, 'link', 'missing');
  const opened = sweepOfLink(s.link);
  if (!opened.spec || opened.errors.length) throw new ShardError(file, 'link', opened.errors[0]?.message ?? 'names no sweep');
  if (JSON.stringify(s.scenario) !== JSON.stringify(opened.scenario)) throw new ShardError(file, 'scenario', "does not match the shard's link (edited?)");
  if (!Array.isArray(s.warnings) || !s.warnings.every((w) => typeof w?.field === 'string' && typeof w?.message === 'string')) throw new ShardError(file, 'warnings', 'expected a list of { field, message }');
  const sh = s.shard as Record<string, unknown> | undefined;
  if (!sh || !isCount(sh.count, 1) || !isCount(sh.index, 0) || (sh.index as number) >= (sh.count as number)) throw new ShardError(file, 'shard', 'expected { index, count } with 0 <= index < count');
  const shard = { index: sh.index as number, count: sh.count as number };
  if (!Array.isArray(s.units) || !Array.isArray(s.data) || s.units.length !== s.data.length) throw new ShardError(file, 'units', 'expected as many units as data');
  if (!s.units.every((u) => isCount(u?.cell, 0) && isCount(u?.chunk, 0) && Object.keys(u).length === 2)) throw new ShardError(file, 'units', 'expected { cell, chunk } pairs of whole numbers');
  if (!s.data.every((t) => typeof t === 'string')) throw new ShardError(file, 'data', 'expected base64 text');
  if (typeof s.checksum !== 'string' || checksum(s.link, shard, s.units as SweepUnit[], s.data as string[]) !== s.checksum) {
    throw new ShardError(file, 'checksum', 'does not match the payload: the file was changed or damaged');
  }
  const spec = opened.spec, cells = sweepCells(opened.scenario, spec);
  // Exactly the units of this shard, in order, each of the length its cell's chunk implies.
  const expected = shardUnits(sweepUnits(cells), shard);
  const units = s.units as SweepUnit[];
  if (units.length !== expected.length || units.some((u, k) => u.cell !== expected[k].cell || u.chunk !== expected[k].chunk)) {
    throw new ShardError(file, 'units', `are not the units of shard ${shard.index}/${shard.count} of this sweep (${expected.length} expected, ${units.length} given)`);
  }
  const data = s.data as string[];
  const columns = units.map((u, k) => fromBase64(file, `data[${k}]`, data[k], chunkRows(cells[u.cell], u.chunk) * W));
  return { base: opened.scenario, spec, cells, shard: s as unknown as SweepShardFile, columns };
}

/**
 * Merges the shards of one sweep into its result document, equal byte for byte to a direct run's.
 * Shards are taken one at a time (a generator may read each file only when asked), and only their
 * decoded columns are kept, so a merge holds about the sweep's raw columns in memory, not its files.
 */
export function mergeSweepShards(named: Iterable<NamedShard>): SweepDocument {
  let first: { file: string; link: string; count: number; base: Scenario; spec: SweepSpec; cells: SweepCell[]; warnings: FieldError[] } | undefined;
  let cellColumns: (Float64Array | undefined)[][] = [];
  const seen = new Map<number, string>();
  for (const { file, doc } of named) {
    const sh = checkSweepShard(file, doc);
    const { link, shard: { index, count } } = sh.shard;
    if (!first) {
      first = { file, link, count, base: sh.base, spec: sh.spec, cells: sh.cells, warnings: sh.shard.warnings };
      cellColumns = sh.cells.map((c) => new Array(c.plan.chunks).fill(undefined));
    }
    if (link !== first.link) throw new ShardError(file, 'link', `a shard of another sweep than ${first.file}`);
    if (count !== first.count) throw new ShardError(file, 'shard', `one of ${count} shards, but ${first.file} is one of ${first.count}`);
    const before = seen.get(index);
    if (before !== undefined) throw new ShardError(file, 'shard', `shard ${index}/${count} is given twice (also ${before})`);
    seen.set(index, file);
    sh.shard.units.forEach((u, k) => (cellColumns[u.cell][u.chunk] = sh.columns[k]));
  }
  if (!first) throw new Error('no shards to merge');
  const n = first.count;
  const missing = [...Array(n).keys()].filter((i) => !seen.has(i));
  if (missing.length) throw new Error(`shards missing: ${missing.slice(0, 10).map((i) => `${i}/${n}`).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  const results = first.cells.map((cell) => cellResult(cell, concat(cellColumns[cell.index] as Float64Array[])));
  return sweepDocument(first.base, first.warnings, first.spec, results);
}

/** The units one shard runs, grouped by cell (all units when shard is undefined). */
export function unitsToRun(cells: SweepCell[], shard: Shard | undefined): { cell: number; chunks: number[] }[] {
  const all = sweepUnits(cells);
  return byCell(shard ? shardUnits(all, shard) : all);
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function checksum(link: string, shard: Shard, units: SweepUnit[], data: string[]): string {
  const h = createHash('sha256');
  for (const part of [link, `${shard.index}/${shard.count}`, units.map((u) => `${u.cell}:${u.chunk}`).join(','), ...data]) h.update(part).update('\n');
  return h.digest('hex');
}
