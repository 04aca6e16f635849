// Headless runs of the same wasm core on worker threads:
//   npm run sim -- --scenario FILE.json | --link 'URL or #hash' [--workers N] [--out FILE]
//                  [--shard i/n] [--quiet]
//   npm run sim -- merge a.json b.json ... [--out FILE]
// --traces adds the step-by-step record of the worst and median paths, --trace N that of path N.
// The result (or shard) is JSON; its format is documented in the README. Timings go to stderr so
// that the same scenario always writes the same bytes.
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LONG_RUN_SECONDS, aboutDuration, longRunNotice, remainingSeconds } from '../engine/estimate';
import { resolve } from '../resolve';
import { nodeWorkerCount, nodeWorkerFactory } from '../engine/node-workers';
import { planRun } from '../engine/plan';
import { Pool, RunFailed } from '../engine/pool';
import { mergeShards, toShard } from '../engine/shard';
import { summarize } from '../engine/summary';
import { decodeTrace, type Replay } from '../engine/trace';
import { decodeLink } from '../link';
import type { Scenario } from '../scenario';
import { validateScenario, type FieldError } from '../validate';
import { resultDocument } from '../engine/result-document';

const USAGE = `usage:
  npm run sim -- --scenario FILE.json | --link 'URL or #hash' [--workers N] [--out FILE] [--shard i/n]
                 [--traces] [--trace PATH] [--quiet]
  npm run sim -- merge SHARD.json ... [--out FILE]`;

class UsageError extends Error {}

/** At most this many worker threads per core: more only costs memory and time. */
const WORKERS_PER_CORE = 4;

/** What is left to clean up if the process is stopped: the pool's threads, a temporary output file. */
const cleanup = { pool: undefined as Pool | undefined, output: undefined as Output | undefined };
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    cleanup.output?.discard();
    cleanup.pool?.dispose();
    process.stderr.write(`\nstopped (${signal}); nothing was written\n`);
    process.exit(code);
  });
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const OPTIONS = {
  scenario: { type: 'string' },
  link: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  shard: { type: 'string' },
  traces: { type: 'boolean', default: false },
  trace: { type: 'string', multiple: true },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positionals[0] === 'merge') {
    const files = positionals.slice(1);
    if (files.length === 0) throw new UsageError('merge needs shard files');
    const output = new Output(values.out);
    try {
      const { scenario, acc, errors, run } = mergeShards(files.map((f) => ({ file: f, doc: readJson(f) })));
      output.write(resultDocument(scenario, errors, summarize(acc, run.S0, run.dt)));
      return 0;
    } finally {
      output.discard();
    }
  }
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const { scenario, errors } = readScenario(values.scenario, values.link);
  for (const e of errors) process.stderr.write(`warning: ${e.field || 'scenario'}: ${e.message}\n`);
  const workers = parseWorkers(values.workers);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  // Everything the user can get wrong is checked before the simulation starts.
  const { scenario: run, clamps } = resolve(scenario);
  for (const c of clamps) process.stderr.write(`note: ${c.field}: ${c.message}\n`);
  const wanted = shard ? {} : tracesWanted(values.traces, values.trace ?? [], run.paths);
  const output = new Output(values.out);
  const notice = longRunNotice(run, workers);
  if (notice) process.stderr.write(`note: ${notice}\n`);

  const pool = (cleanup.pool = new Pool(nodeWorkerFactory, workers));
  const bar = values.quiet ? undefined : progressBar();
  const t0 = performance.now();
  // Liquidations can cost more than the estimate from path-steps: the first paths tell.
  let noted = notice !== undefined;
  const onProgress = (done: number, total: number) => {
    bar?.(done, total);
    const left = remainingSeconds(performance.now() - t0, done, total);
    if (!noted && left !== undefined && left > LONG_RUN_SECONDS) {
      noted = true;
      process.stderr.write(`${bar ? '\n' : ''}note: a long run: ${aboutDuration(left)} left, measured on the first ${done} paths\n`);
    }
  };
  try {
    const { acc, summary } = await pool.run(scenario, { shard, onProgress });
    const seconds = (performance.now() - t0) / 1000;
    bar?.(run.paths, run.paths, true);
    const plan = planRun(run);
    process.stderr.write(`${acc.pathsDone} paths x ${plan.steps} steps on ${workers} worker(s) in ${seconds.toFixed(2)} s\n`);
    if (shard) {
      output.write(toShard(scenario, errors, acc, shard));
      return 0;
    }
    // Replay traces: the worst and median paths (--traces) and any path asked for (--trace N).
    if (values.traces) Object.assign(wanted, { worst: summary.worstPath, median: summary.medianPath });
    const traces: Record<string, Replay> = {};
    for (const [name, p] of Object.entries(wanted)) traces[name] = decodeTrace(await pool.trace(scenario, p), run.dt);
    output.write({ ...resultDocument(scenario, errors, summary), ...(Object.keys(traces).length ? { traces } : {}) });
    return 0;
  } finally {
    output.discard();
    pool.dispose();
  }
}

function parseWorkers(text: string | undefined): number {
  const cores = nodeWorkerCount();
  if (text === undefined) return cores;
  const max = WORKERS_PER_CORE * cores;
  if (!/^\d{1,6}$/.test(text)) throw new UsageError(`--workers takes a whole number of worker threads, e.g. --workers ${cores}; not "${text.slice(0, 20)}"`);
  const n = Number(text);
  if (n < 1 || n > max) throw new UsageError(`--workers must be from 1 to ${max} (${WORKERS_PER_CORE} per core on this machine of ${cores})`);
  return n;
}

/** The paths --trace N names, checked against the scenario's paths. */
function tracesWanted(traces: boolean, list: string[], paths: number): Record<string, number> {
  const wanted: Record<string, number> = {};
  for (const t of list) {
    if (!/^\d{1,7}$/.test(t) || Number(t) >= paths) throw new UsageError(`--trace takes a path index from 0 to ${paths - 1}; not "${t.slice(0, 20)}"`);
    wanted[`path ${Number(t)}`] = Number(t);
  }
  if (traces && paths < 1) throw new UsageError('--traces needs at least one path');
  return wanted;
}

/**
 * Where the result goes: standard output, or a file written whole or not at all. The file's
 * temporary twin is opened at once, so an unwritable --out is reported before any simulation; the
 * result is written to it and renamed over the target, so a failure never leaves half a file.
 */
class Output {
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

function readScenario(file: string | undefined, link: string | undefined): { scenario: Scenario; errors: FieldError[] } {
  if ((file === undefined) === (link === undefined)) throw new UsageError('give exactly one of --scenario and --link');
  if (link !== undefined) {
    if (link.trim() === '') throw new UsageError(`--link is empty: give a link or its #hash, e.g. --link '#v=1&mmr=0.05'`);
    const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
    return decodeLink(hash);
  }
  const doc = readJson(file!);
  // A result file carries its scenario; a scenario file is the object itself.
  const fields = isObject(doc) && 'scenario' in doc ? doc.scenario : doc;
  if (!isObject(fields)) throw new UsageError(`${file} is not a scenario: expected a JSON object of Scenario fields (e.g. {"mmr": 0.05}), found ${describe(fields)}`);
  return validateScenario(fields);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const describe = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'an array' : `a ${typeof x}`);

function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) throw new UsageError('--shard is i/n with 0 <= i < n, e.g. --shard 0/4');
  return { index, count };
}

/** Files larger than this are not scenarios or shards of any sensible run. */
const MAX_INPUT_BYTES = 256 * 2 ** 20;

/** Reads a JSON file written as UTF-8 (with or without a byte-order mark); says plainly what else it is. */
function readJson(file: string): unknown {
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
function progressBar(): ((done: number, total: number, final?: boolean) => void) | undefined {
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

// Exit only once standard output is flushed: a large result written to a pipe would be cut off.
const exitFlushed = (code: number) => process.stdout.write('', () => process.exit(code));
main(process.argv.slice(2)).then(
  (code) => exitFlushed(code),
  (err) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n${USAGE}\n`);
    else if (err instanceof RunFailed) process.stderr.write(`error: ${err.message}\n`);
    else process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
