// What every CLI command shares: usage errors, checked arguments, input files read with plain
// messages, output written whole or not at all, a progress bar, and cleanup when stopped.
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { nodeWorkerCount } from '../engine/node-workers';
import type { Pool } from '../engine/pool';

/** A mistake in the command line or its files: exit code 2 with the usage text. */
export class UsageError extends Error {}

/** At most this many worker threads per core: more only costs memory and time. */
const WORKERS_PER_CORE = 4;

/** What is left to clean up if the process is stopped: the pools' threads, a temporary output file. */
export const cleanup = { pools: [] as Pool[], output: undefined as Output | undefined };
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    cleanup.output?.discard();
    for (const p of cleanup.pools) p.dispose();
    process.stderr.write(`\nstopped (${signal}); nothing was written\n`);
    process.exit(code);
  });
}

export function parseWorkers(text: string | undefined): number {
  const cores = nodeWorkerCount();
  if (text === undefined) return cores;
  const max = WORKERS_PER_CORE * cores;
  if (!/^\d{1,6}$/.test(text)) throw new UsageError(`--workers takes a whole number of worker threads, e.g. --workers ${cores}; not "${text.slice(0, 20)}"`);
  const n = Number(text);
  if (n < 1 || n > max) throw new UsageError(`--workers must be from 1 to ${max} (${WORKERS_PER_CORE} per core on this machine of ${cores})`);
  return n;
}

/**
 * Where the result goes: standard output, or a file written whole or not at all. The file's
 * temporary twin is opened at once, so an unwritable --out is reported before any simulation; the
 * result is written to it and renamed over the target, so a failure never leaves half a file.
 */
export class Output {
  private readonly tmp: string | undefined;
  private done = false;

  constructor(private readonly path: string | undefined) {
    if (path === undefined) return;
    if (path === '') throw new UsageError('--out needs a file name');
    this.tmp = `${path}.${process.pid}.tmp`;
    try {
      closeSync(openSync(this.tmp, 'wx'));
    } catch (e) {
      throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
    }
    cleanup.output = this;
  }

  write(doc: unknown): void {
    const text = JSON.stringify(doc, null, 1) + '\n';
    if (!this.path || !this.tmp) {
      process.stdout.write(text);
      return;
    }
    writeFileSync(this.tmp, text);
    renameSync(this.tmp, this.path);
    this.done = true;
  }

  /** Removes the temporary file unless it became the output. */
  discard(): void {
    if (this.tmp && !this.done) rmSync(this.tmp, { force: true });
  }
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const describe = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'an array' : `a ${typeof x}`);

export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) throw new UsageError('--shard is i/n with 0 <= i < n, e.g. --shard 0/4');
  return { index, count };
}

/** Files larger than this are not scenarios or shards of any sensible run. */
const MAX_INPUT_BYTES = 256 * 2 ** 20;

/** Reads a JSON file written as UTF-8 (with or without a byte-order mark); says plainly what else it is. */
export function readJson(file: string): unknown {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`${file} is ${Math.round(size / 2 ** 20)} MiB, larger than any scenario or shard (${MAX_INPUT_BYTES / 2 ** 20} MiB at most)`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UsageError(`${file} is UTF-16 text: save it as UTF-8`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} is not UTF-8 text (binary data?)`);
  }
  if (text.includes('\u0000')) throw new UsageError(`${file} is not text: it holds NUL bytes (binary data, or UTF-16 without a byte-order mark?)`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A progress bar on stderr when it is a terminal; nothing otherwise. */
export function progressBar(): ((done: number, total: number, final?: boolean) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const t0 = performance.now();
  let last = 0;
  return (done, total, final = false) => {
    const now = performance.now();
    if (!final && now - last < 100) return;
    last = now;
    const width = 30, filled = Math.round((width * done) / total);
    const line = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${((100 * done) / total).toFixed(0).padStart(3)}%  ${done}/${total} paths  ${((now - t0) / 1000).toFixed(1)} s`;
    process.stderr.write(`\r${line}${final ? '\n' : ''}`);
  };
}

/**
 * True when --out already holds the shard about to be run, checked whole: it is then not run again
 * (an interrupted batch resumes). A file that is not that shard is reported and replaced.
 */
export function alreadyWritten(out: string | undefined, isThisShard: (file: string, doc: unknown) => boolean): boolean {
  if (out === undefined || !existsSync(out)) return false;
  try {
    if (isThisShard(out, readJson(out))) {
      process.stderr.write(`${out} already holds this shard (checked); not run again\n`);
      return true;
    }
    process.stderr.write(`note: ${out} holds another shard; it will be replaced\n`);
  } catch (e) {
    process.stderr.write(`note: ${out} is not a good shard (${(e as Error).message}); it will be replaced\n`);
  }
  return false;
}
