// Headless runs of the same wasm core on worker threads:
//   npm run sim -- --scenario FILE.json | --link 'URL or #hash' [--workers N] [--out FILE]
//                  [--shard i/n] [--quiet]
//   npm run sim -- merge a.json b.json ... [--out FILE]
// --traces adds the step-by-step record of the worst and median paths, --trace N that of path N.
// The result (or shard) is JSON; its format is documented in the README. Timings go to stderr so
// that the same scenario always writes the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scenario: { type: 'string' },
      link: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      traces: { type: 'boolean', default: false },
      trace: { type: 'string', multiple: true },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positionals[0] === 'merge') {
    const files = positionals.slice(1);
    if (files.length === 0) throw new UsageError('merge needs shard files');
    const { scenario, acc } = mergeShards(files.map(readJson));
    write(values.out, resultDocument(scenario, [], summarize(acc, scenario.S0, scenario.dt)));
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const { scenario, errors } = readScenario(values.scenario, values.link);
  for (const e of errors) process.stderr.write(`warning: ${e.field || 'scenario'}: ${e.message}\n`);
  const workers = values.workers === undefined ? nodeWorkerCount() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new UsageError('--workers must be a whole number from 1 to 256');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);

  const pool = new Pool(nodeWorkerFactory, workers);
  const bar = values.quiet ? undefined : progressBar();
  const t0 = performance.now();
  try {
    const { acc, summary } = await pool.run(scenario, { shard, onProgress: bar });
    const seconds = (performance.now() - t0) / 1000;
    bar?.(scenario.paths, scenario.paths, true);
    const plan = planRun(scenario);
    process.stderr.write(`${acc.pathsDone} paths x ${plan.steps} steps on ${workers} worker(s) in ${seconds.toFixed(2)} s\n`);
    if (shard) {
      write(values.out, toShard(scenario, acc, shard));
      return 0;
    }
    // Replay traces: the worst and median paths (--traces) and any path asked for (--trace N).
    const wanted: Record<string, number> = values.traces ? { worst: summary.worstPath, median: summary.medianPath } : {};
    for (const t of values.trace ?? []) {
      const p = Number(t);
      if (!Number.isInteger(p) || p < 0 || p >= scenario.paths) throw new UsageError(`--trace takes a path index from 0 to ${scenario.paths - 1}`);
      wanted[`path ${p}`] = p;
    }
    const traces: Record<string, Replay> = {};
    for (const [name, p] of Object.entries(wanted)) traces[name] = decodeTrace(await pool.trace(scenario, p), scenario.dt);
    write(values.out, { ...resultDocument(scenario, errors, summary), ...(Object.keys(traces).length ? { traces } : {}) });
    return 0;
  } finally {
    pool.dispose();
  }
}

function readScenario(file: string | undefined, link: string | undefined): { scenario: Scenario; errors: FieldError[] } {
  if ((file === undefined) === (link === undefined)) throw new UsageError('give exactly one of --scenario and --link');
  if (link !== undefined) {
    const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
    return decodeLink(hash);
  }
  const doc = readJson(file!) as Record<string, unknown>;
  // A result file carries its scenario; a scenario file is the object itself.
  return validateScenario(doc && typeof doc === 'object' && 'scenario' in doc ? doc.scenario : doc);
}

function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) throw new UsageError('--shard is i/n with 0 <= i < n, e.g. --shard 0/4');
  return { index, count };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function write(out: string | undefined, doc: unknown): void {
  const text = JSON.stringify(doc, null, 1) + '\n';
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n${USAGE}\n`);
    else if (err instanceof RunFailed) process.stderr.write(`error: ${err.message}\n`);
    else process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
