// `npm run sim -- sweep`: a sweep from a page link, headless. Each cell runs exactly as the page runs
// it (same scenario, seed and chunks), so its numbers are the page's. With --shard i/n only the
// (cell, chunk) units u with u % n === i run, and the shard file merges with the others into the
// same result byte for byte (sweep-plan.ts, sweep-shard.ts). Cells run side by side, one worker
// each, so a shard with a chunk of every cell keeps every core busy.
import { nodeWorkerFactory } from '../engine/node-workers';
import { runSweepGroups } from '../engine/sweep-runner';
import { checkSweepShard, toSweepShard, unitsToRun } from '../engine/sweep-shard';
import { sweepCells, type Shard, type SweepCell } from '../designer/sweep-plan';
import { SWEEP_COLUMNS, cellResult, chunkRows, sweepDocument, sweepLink, sweepOfLink } from '../designer/sweep-result';
import { Output, UsageError, alreadyWritten, cleanup, parseShard, parseWorkers, progressBar } from './io';

export interface SweepOptions {
  link: string | undefined;
  workers: string | undefined;
  shard: string | undefined;
  out: string | undefined;
  quiet: boolean;
}

export async function sweepCommand(o: SweepOptions): Promise<number> {
  if (o.link === undefined || o.link.trim() === '') throw new UsageError("sweep needs --link with a sweep, e.g. --link '#v=2&sweep=pInsolvent;mmr:0.01:0.1:10'");
  const hash = o.link.includes('#') ? o.link.slice(o.link.indexOf('#')) : o.link;
  const { scenario: base, spec, errors } = sweepOfLink(hash);
  if (!spec) throw new UsageError(`--link: ${errors.find((e) => e.field === 'sweep')?.message ?? 'no sweep'}`);
  const warnings = errors; // about the link's fields and the sweep's ranges: kept in the result
  for (const e of warnings) process.stderr.write(`warning: ${e.field || 'link'}: ${e.message}\n`);
  const workers = parseWorkers(o.workers);
  const shard: Shard | undefined = o.shard === undefined ? undefined : parseShard(o.shard);
  const cells = sweepCells(base, spec);
  const clamped = cells.filter((c) => c.clamps.length).length;
  if (clamped) process.stderr.write(`note: in ${clamped} of ${cells.length} cells a rule between levers acts on the run (see each cell's clamps)\n`);
  if (shard && alreadyWritten(o.out, (file, doc) => {
    const sh = checkSweepShard(file, doc);
    return sh.shard.link === sweepLink(base, spec) && sh.shard.shard.index === shard.index && sh.shard.shard.count === shard.count;
  })) return 0;
  const output = new Output(o.out);
  const groups = unitsToRun(cells, shard);
  const total = groups.reduce((n, g) => n + g.chunks.length, 0);
  const bar = o.quiet ? undefined : progressBar();
  const t0 = performance.now();
  try {
    const columns = await runSweepGroups(nodeWorkerFactory, cells, groups, workers, (done) => bar?.(done, total), (pools) => cleanup.pools.push(...pools));
    bar?.(total, total, true);
    process.stderr.write(`${total} units of ${cells.length} cells on ${workers} worker(s) in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
    if (shard) {
      const units = groups.flatMap((g) => g.chunks.map((chunk) => ({ cell: g.cell, chunk })));
      output.write(toSweepShard(base, warnings, spec, shard, units, splitByChunk(cells, groups, columns)));
    } else {
      output.write(sweepDocument(base, warnings, spec, cells.map((c, k) => cellResult(c, columns[k]))));
    }
    return 0;
  } finally {
    output.discard();
  }
}

/** A group's columns cut into its chunks, for the shard file (one entry per unit). */
function splitByChunk(cells: SweepCell[], groups: { cell: number; chunks: number[] }[], columns: Float64Array[]): Float64Array[] {
  return groups.flatMap((g, k) => {
    let o = 0;
    return g.chunks.map((c) => {
      const n = chunkRows(cells[g.cell], c) * SWEEP_COLUMNS.length;
      const part = columns[k].subarray(o, o + n);
      o += n;
      return part;
    });
  });
}
