// One scenario of a job on the pool (pool.ts): what a worker is set up with, which of its chunks run,
// and what they merge into.
import type { Clamp } from '../resolve';
import type { Scenario } from '../scenario';
import type { Accumulator } from './accumulator';
import type { CoreInputs } from './core-inputs';
import { memoryCeilingPages, memoryRefusal } from './memory';
import type { RunPlan } from './plan';
import { RunFailed } from './run-errors';

/** One scenario of a run: what a worker is set up with, its chunks, and what they merge into. */
export interface Task {
  s: Scenario;
  clamps: Clamp[];
  params: Float64Array;
  plan: RunPlan;
  inputs: Float64Array;
  key: string;
  pages: number;
  /** Names the worker set-up (memory, chunk size, inputs, parameters, sharing). */
  setup: string;
  /** One of several scenarios run as one job: its chunks share their fundamental paths (kernel.ts). */
  shared: boolean;
  chunks: number[];
  added: number;
  /** Made when the first chunk is in, dropped once the scenario is complete. */
  acc?: Accumulator;
}

/**
 * The task of scenario s: its parameters, plan, inputs and memory ceiling (refused up front when
 * too large), and its chunks: `picked` ones (a sweep shard's), those of a `shard`, or all.
 * `shared`: one of several scenarios run as one job.
 */
export function prepareTask(imports: CoreInputs, s: Scenario, clamps: Clamp[], shared: boolean, picked?: readonly number[], shard?: { index: number; count: number }): Task {
  const { run: sized, params, plan, inputs, key } = imports.prepare(s);
  const refusal = memoryRefusal(sized);
  if (refusal) throw new RunFailed(refusal, 'positions');
  const pages = memoryCeilingPages(sized);
  const chunks: number[] = [];
  if (picked) {
    for (const c of picked) if (Number.isInteger(c) && c >= 0 && c < plan.chunks && !chunks.includes(c)) chunks.push(c);
  } else for (let c = 0; c < plan.chunks; c++) if (!shard || c % shard.count === shard.index) chunks.push(c);
  const setup = `${pages}/${plan.chunkPaths}/${key}:${inputs.length}/${shared}/${params.join(',')}`;
  return { s, clamps, params, plan, inputs, key, pages, setup, shared, chunks, added: 0 };
}
