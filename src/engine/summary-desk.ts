// Where a run's summaries are computed: a desk that merges a job's chunk results as the pool takes
// them in and summarises them on request. In the browser it lives in a worker of its own
// (summary-worker.ts), so the page never spends a summary's time (about 6 ms for 4,000 paths, 45 ms
// for 50,000, measured in Node) between two frames; the CLI and the tests hold one in-process (summaries.ts).
import * as Comlink from 'comlink';
import { Accumulator } from './accumulator';
import type { RunPlan } from './plan';
import { summarize, type Summary } from './summary';
import { release } from './release';

/** What a desk needs to merge and summarise one scenario of a job. */
export interface DeskJob {
  plan: RunPlan;
  paths: number;
  S0: number;
  dt: number;
  /** Chunks come as their header and records alone (RunOptions.recordsOnly). */
  recordsOnly: boolean;
  /**
   * The accumulator the caller merges the job's chunks into itself, given only to a desk in the
   * caller's thread (summaries.ts): the desk summarises it and merges nothing, where merging each
   * chunk a second time into one of its own took the CLI's thread 24 against 16-18 ms a default
   * run of two workers, and 1.4 MB more.
   */
  shared?: Accumulator;
}

/** A chunk result (in its wire form, chunk-wire.ts) for job id; with `alone`, its summary by itself is wanted too (a run's prefix). */
export interface DeskChunk {
  id: number;
  c: number;
  result: Float64Array;
  alone?: boolean;
}

/**
 * The calls take many jobs' chunks and summaries at once: a sweep's batch of twenty cells is one
 * message each way, not twenty (thousands of messages in a 10x10 sweep cost it several percent).
 */
export class SummaryDesk {
  private readonly jobs = new Map<number, { job: DeskJob; acc: Accumulator }>();

  /** Opens jobs (each id a number the caller picks, unique among open jobs). */
  open(jobs: readonly (readonly [number, DeskJob])[]): void {
    for (const [id, job] of jobs) this.jobs.set(id, { job, acc: job.shared ?? new Accumulator(job.plan, job.paths) });
  }

  /**
   * Merges chunks into their jobs; answers, for each, the summary of the chunk alone when asked (else
   * undefined). The desk owns the chunks' buffers, as when they are transferred to it: once merged
   * (a shared job's by the caller, before), each is released (release.ts) and left empty.
   */
  add(chunks: readonly DeskChunk[]): (Summary | undefined)[] {
    const out = chunks.map(({ id, c, result, alone }) => {
      const { job, acc } = this.job(id);
      const into = (a: Accumulator) => (job.recordsOnly ? a.addRecords(c, result) : a.addPacked(c, result));
      if (!job.shared) into(acc);
      if (!alone) return undefined;
      const first = new Accumulator(job.plan, job.paths);
      into(first);
      return summarize(first, job.S0, job.dt);
    });
    release(chunks.map((k) => k.result.buffer as ArrayBuffer));
    return out;
  }

  /** The summaries of jobs' chunks merged so far; with `close`, the jobs are then forgotten. */
  summaries(ids: readonly number[], close = false): Summary[] {
    const out = ids.map((id) => {
      const { job, acc } = this.job(id);
      return summarize(acc, job.S0, job.dt);
    });
    if (close) this.close(ids);
    return out;
  }

  /** Forgets jobs (done, or cancelled); unknown ids are ignored. */
  close(ids: readonly number[]): void {
    for (const id of ids) this.jobs.delete(id);
  }

  /** Jobs open: none once every run has ended (a test of the pool's bookkeeping). */
  openJobs(): number {
    return this.jobs.size;
  }

  private job(id: number) {
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

/** Hands chunks' buffers to the desk instead of copying them, when the desk is in another thread. */
export function handOver(chunks: DeskChunk[]): DeskChunk[] {
  return Comlink.transfer(chunks, chunks.map((k) => k.result.buffer));
}
