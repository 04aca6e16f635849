// Headless runs of the same wasm core on worker threads:
//   npm run sim -- --scenario FILE.json | --link 'URL or #hash' [--workers N] [--out FILE]
//                  [--shard i/n] [--series FILE.csv] [--book FILE] [--quiet]
//   npm run sim -- sweep --link '#v=2&...&sweep=...' [--workers N] [--shard i/n] [--out FILE]
//   npm run sim -- optimise --link '#v=2&...&opt=...' [--workers N] [--out FILE]
//   npm run sim -- merge a.json b.json ... [--out FILE]
// --traces adds the step-by-step record of the worst and median paths, --trace N that of path N;
// --sensitivity adds each lever's effect on the metrics, one step down and up (the Greeks).
// --series reads a price series (CSV of time, price) for pricePath=imported or imported+noise;
// --book a book of positions (CSV with a header, or JSON) for bookSource=imported.
// The result (or shard) is JSON; its format is documented in the README. Timings go to stderr so
// that the same scenario always writes the same bytes. A shard whose --out file already holds that
// shard (checked whole) is not run again, so an interrupted batch resumes where it stopped.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSeries, type PriceSeries, type RowError } from '../imports/series';
import { parseBook, type ImportedBook } from '../imports/book';
import { LONG_RUN_SECONDS, aboutDuration, longRunNotice, remainingSeconds } from '../engine/estimate';
import { resolve } from '../resolve';
import { nodeWorkerFactory } from '../engine/node-workers';
import { planRun } from '../engine/plan';
import { Pool, RunFailed } from '../engine/pool';
import { checkShard, mergeShards, toShard } from '../engine/shard';
import { isSweepShard, mergeSweepShards } from '../engine/sweep-shard';
import { summarize } from '../engine/summary';
import { decodeTrace, type Replay } from '../engine/trace';
import { encodeLink } from '../link';
import { openLink } from '../presets';
import type { Scenario } from '../scenario';
import { VIEW_KEYS } from '../ui/view';
import { validateScenario, type FieldError } from '../validate';
import { resultDocument } from '../engine/result-document';
import { Output, UsageError, alreadyWritten, cleanup, describe, isObject, parseShard, parseWorkers, progressBar, readJson } from './io';
import { optimiseCommand } from './optimise';
import { sensitivity, sensitivityLevers } from '../designer/sensitivity';
import { sweepCommand } from './sweep';

const USAGE = `usage:
  npm run sim -- --scenario FILE.json | --link 'URL or #hash' [--workers N] [--out FILE] [--shard i/n]
                 [--traces] [--trace PATH] [--sensitivity] [--series FILE.csv] [--book FILE] [--quiet]
  npm run sim -- sweep --link 'URL or #hash with sweep=...' [--workers N] [--out FILE] [--shard i/n] [--quiet]
  npm run sim -- optimise --link 'URL or #hash with opt=...' [--workers N] [--out FILE] [--quiet]
  npm run sim -- merge SHARD.json ... [--out FILE]`;

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
  sensitivity: { type: 'boolean', default: false },
  trace: { type: 'string', multiple: true },
  quiet: { type: 'boolean', default: false },
  series: { type: 'string' },
  book: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positionals[0] === 'merge') return merge(positionals.slice(1), values.out);
  if (positionals[0] === 'sweep') {
    if (positionals.length > 1) throw new UsageError(`unexpected argument: ${positionals[1]}`);
    if (values.scenario !== undefined || values.traces || values.trace) throw new UsageError('sweep takes --link (with sweep=...), --workers, --shard, --out and --quiet');
    return sweepCommand({ link: values.link, workers: values.workers, shard: values.shard, out: values.out, quiet: values.quiet });
  }
  if (positionals[0] === 'optimise' || positionals[0] === 'optimize') {
    if (positionals.length > 1) throw new UsageError(`unexpected argument: ${positionals[1]}`);
    if (values.scenario !== undefined || values.traces || values.trace || values.shard !== undefined) throw new UsageError('optimise takes --link (with opt=...), --workers, --out and --quiet');
    return optimiseCommand({ link: values.link, workers: values.workers, out: values.out, quiet: values.quiet });
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
  const series = values.series === undefined ? undefined : await readSeries(values.series);
  if (series && shard) throw new UsageError('--series is for whole runs: shards do not carry the series');
  if (series && run.pricePath === 'simulated') process.stderr.write('note: --series is not used: the scenario has pricePath=simulated (set pricePath=imported or imported+noise)\n');
  if (!series && run.pricePath !== 'simulated') process.stderr.write(`note: pricePath=${run.pricePath} but no --series: the simulated path runs\n`);
  const book = values.book === undefined ? undefined : await readBook(values.book);
  if (book && shard) throw new UsageError('--book is for whole runs: shards do not carry the book');
  if (book && run.bookSource !== 'imported') process.stderr.write('note: --book is not used: the scenario has bookSource=generated (set bookSource=imported)\n');
  if (!book && run.bookSource === 'imported') process.stderr.write('note: bookSource=imported but no --book: the book is generated from the levers\n');
  if (shard && values.sensitivity) throw new UsageError('--sensitivity runs the whole scenario many times: not with --shard');
  if (shard && alreadyWritten(values.out, (file, doc) => {
    const sh = checkShard(file, doc);
    return sh.link === encodeLink(scenario) && sh.shard.index === shard.index && sh.shard.count === shard.count;
  })) return 0;
  const output = new Output(values.out);
  const notice = longRunNotice(run, workers);
  if (notice) process.stderr.write(`note: ${notice}\n`);

  const pool = new Pool(nodeWorkerFactory, workers);
  cleanup.pools.push(pool);
  pool.imports.series = series;
  pool.imports.book = book;
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
    const extra: Record<string, unknown> = Object.keys(traces).length ? { traces } : {};
    if (series && run.pricePath !== 'simulated') extra.series = { name: series.name, fingerprint: series.fingerprint, rows: series.times.length };
    if (book && run.bookSource === 'imported') extra.book = { name: book.name, fingerprint: book.fingerprint, positions: book.positions.length };
    if (values.sensitivity) {
      const levers = sensitivityLevers(scenario);
      process.stderr.write(`sensitivity: ${levers.length} levers, 2 runs each\n`);
      extra.sensitivity = await sensitivity(scenario, async (s) => {
        const { summary: sm, acc: a } = await pool.run(s);
        return { summary: sm, records: a.records };
      }, levers, (r, done) => values.quiet || process.stderr.write(`  ${done}/${levers.length} ${r.field}\n`));
    }
    output.write({ ...resultDocument(scenario, errors, summary), ...extra });
    return 0;
  } finally {
    output.discard();
    pool.dispose();
  }
}


/** A price series file, or a usage error that names its bad lines. */
async function readSeries(file: string): Promise<PriceSeries> {
  const { series, errors } = await parseSeries(readText('--series', file), basename(file));
  if (series) return series;
  throw new UsageError(`--series: ${file} is not a price series (time, price per line):\n${rowErrors(file, errors, 'line')}`);
}

/** A book file, or a usage error that names its bad rows. */
async function readBook(file: string): Promise<ImportedBook> {
  const { book, errors } = await parseBook(readText('--book', file), basename(file));
  if (book) return book;
  throw new UsageError(`--book: ${file} is not a book of positions (side, size, entry, margin or leverage; or collateral, debt):\n${rowErrors(file, errors, 'row')}`);
}

function readText(option: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${option}: cannot read ${file}: ${(e as Error).message}`);
  }
}

function rowErrors(file: string, errors: readonly RowError[], what: string): string {
  const lines = errors.slice(0, 10).map((e) => `  ${file}${e.line ? ` ${what} ${e.line}` : ''}: ${e.message}`);
  if (errors.length > 10) lines.push(`  and ${errors.length - 10} more ${what}s`);
  return lines.join('\n');
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


/** Merges shards of one run, or of one sweep, into its result. */
function merge(files: string[], out: string | undefined): number {
  if (files.length === 0) throw new UsageError('merge needs shard files');
  const output = new Output(out);
  try {
    // Sweep shards are read one at a time as they are merged: together they may not fit in memory.
    if (isSweepShard(readJson(files[0]))) output.write(mergeSweepShards((function* () {
      for (const file of files) yield { file, doc: readJson(file) };
    })()));
    else {
      const { scenario, acc, errors, run } = mergeShards(files.map((f) => ({ file: f, doc: readJson(f) })));
      output.write(resultDocument(scenario, errors, summarize(acc, run.S0, run.dt)));
    }
    return 0;
  } finally {
    output.discard();
  }
}


function readScenario(file: string | undefined, link: string | undefined): { scenario: Scenario; errors: FieldError[] } {
  if ((file === undefined) === (link === undefined)) throw new UsageError('give exactly one of --scenario and --link');
  if (link !== undefined) {
    if (link.trim() === '') throw new UsageError(`--link is empty: give a link or its #hash, e.g. --link '#v=2&mmr=0.05'`);
    // A link copied from the page: its preset is the base, its view keys (tab, replay) are ignored.
    const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
    const { scenario, errors } = openLink(hash, VIEW_KEYS);
    return { scenario, errors };
  }
  const doc = readJson(file!);
  // A result file carries its scenario; a scenario file is the object itself.
  const fields = isObject(doc) && 'scenario' in doc ? doc.scenario : doc;
  if (!isObject(fields)) throw new UsageError(`${file} is not a scenario: expected a JSON object of Scenario fields (e.g. {"mmr": 0.05}), found ${describe(fields)}`);
  return validateScenario(fields);
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
