// Where a run's summaries are computed: a desk that merges a job's chunk results as the pool takes
// them in and summarises them on request. In the browser it lives in a worker of its own
// (summary-worker.ts), so the page never spends a summary's time (about 6 ms for 4,000 paths, 180 ms
// for 200,000) between two frames; the CLI and the tests hold one in-process (summaries.ts).
import * as Comlink from 'comlink';
import { Accumulator } from './accumulator';
import type { RunPlan } from './plan';
import { summarize, type Summary } from './summary';

/** What a desk needs to merge and summarise one scenario of a job. */
export interface DeskJob {
  plan: RunPlan;
  paths: number;
  S0: number;
  dt: number;
  /** Chunks come as their header and records alone (RunOptions.recordsOnly). */
  recordsOnly: boolean;
}

export class SummaryDesk {
  private readonly jobs = new Map<number, { job: DeskJob; acc: Accumulator }>();

  /** Opens job `id` (a number the caller picks, unique among open jobs). */
  open(id: number, job: DeskJob): void {
    this.jobs.set(id, { job, acc: new Accumulator(job.plan, job.paths) });
  }

  /**
   * Merges chunk c of job id. With `alone`, also returns the summary of this chunk by itself (a run's
   * prefix, shown first whichever chunk came in before it).
   */
  add(id: number, c: number, result: Float64Array, alone = false): Summary | undefined {
    const { job, acc } = this.open_(id);
    const into = (a: Accumulator) => (job.recordsOnly ? a.addRecords(c, result) : a.add(c, result));
    into(acc);
    if (!alone) return undefined;
    const first = new Accumulator(job.plan, job.paths);
    into(first);
    return summarize(first, job.S0, job.dt);
  }

  /** The summary of job id's chunks merged so far. */
  summary(id: number): Summary {
    const { job, acc } = this.open_(id);
    return summarize(acc, job.S0, job.dt);
  }

  /** Forgets job id (done, or cancelled); unknown ids are ignored. */
  close(id: number): void {
    this.jobs.delete(id);
  }

  /** Jobs open: none once every run has ended (a test of the pool's bookkeeping). */
  openJobs(): number {
    return this.jobs.size;
  }

  private open_(id: number) {
    const j = this.jobs.get(id);
    if (!j) throw new Error(`summary job ${id} is not open`);
    return j;
  }
}

/**
 * A desk as the pool speaks to it: in-process or over Comlink (each answer a promise then). Calls are
 * answered in the order they were made, which the pool relies on.
 */
export type DeskPort = { [K in keyof SummaryDesk]: (...a: Parameters<SummaryDesk[K]>) => ReturnType<SummaryDesk[K]> | Promise<ReturnType<SummaryDesk[K]>> };

/** Hands a chunk's buffer to the desk instead of copying it, when the desk is in another thread. */
export function handOver(result: Float64Array): Float64Array {
  return Comlink.transfer(result, [result.buffer]);
}
