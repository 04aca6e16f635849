// `npm run sim -- optimise`: the page's optimiser, headless, from a page link with `opt=`. Every
// evaluation is a full run of the scenario's paths on its seed, as in the page, so the search takes
// the same steps and finds the same design; progress goes to standard error.
import { measure, type Measured } from '../designer/metrics';
import { FRONTIER_POINTS, optimise } from '../designer/optimiser';
import { decodeOptimise, optimumDocument } from '../designer/optimise-spec';
import { nodeWorkerFactory } from '../engine/node-workers';
import { Pool } from '../engine/pool';
import { openLink } from '../presets';
import type { Scenario } from '../scenario';
import { VIEW_KEYS } from '../ui/view';
import { Output, UsageError, cleanup, parseWorkers } from './io';

export interface OptimiseOptions {
  link: string | undefined;
  workers: string | undefined;
  out: string | undefined;
  quiet: boolean;
}

export async function optimiseCommand(o: OptimiseOptions): Promise<number> {
  const example = "--link '#v=2&opt=traderCost;pInsolvent:0.01;30;mmr:0.01:0.1;penalty:0:0.05'";
  if (o.link === undefined || o.link.trim() === '') throw new UsageError(`optimise needs --link with opt=..., e.g. ${example}`);
  const hash = o.link.includes('#') ? o.link.slice(o.link.indexOf('#')) : o.link;
  const { scenario: base, errors, view } = openLink(hash, VIEW_KEYS);
  if (view.opt === undefined) throw new UsageError(`--link names no optimiser spec (opt=), e.g. ${example}`);
  const { spec, errors: specErrors } = decodeOptimise(view.opt);
  if (!spec) throw new UsageError(`--link: opt: ${specErrors.map((e) => e.message).join('; ')}`);
  for (const e of errors) process.stderr.write(`warning: ${e.field || 'link'}: ${e.message}\n`);
  const workers = parseWorkers(o.workers);
  const output = new Output(o.out);
  const pool = new Pool(nodeWorkerFactory, workers);
  cleanup.pools.push(pool);
  const t0 = performance.now();
  const total = spec.budget + FRONTIER_POINTS;
  try {
    const evaluate = async (s: Scenario): Promise<Measured> => measure((await pool.run(s)).summary);
    const evaluateMany = async (ss: Scenario[]): Promise<Measured[]> => {
      const out: Measured[] = new Array(ss.length);
      await pool.runMany(ss, (i, { summary }) => (out[i] = measure(summary)), undefined, { recordsOnly: true });
      return out;
    };
    const result = await optimise(base, spec, evaluate, (e, all) => {
      if (!o.quiet) process.stderr.write(`evaluation ${all.length} of at most ${total} (${e.phase}): ${spec.objective} ${+e.values[spec.objective].toPrecision(4)}${e.feasible ? '' : ', over the cap'}\n`);
    }, evaluateMany);
    process.stderr.write(`${result.evaluations.length} evaluations on ${workers} worker(s) in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
    output.write(optimumDocument(base, errors, spec, result));
    return 0;
  } finally {
    output.discard();
    pool.dispose();
  }
}
