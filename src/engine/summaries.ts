// Where the pool sends chunk results to be summarised (summary-desk.ts): a desk in this thread (the
// CLI, the tests) or in a worker of its own (the browser page, browser-workers.ts), which may die
// like any worker; the pool then fails the runs it held and makes a new one for the next run.
import { SummaryDesk, type DeskPort } from './summary-desk';

export interface SummaryHandle {
  port: DeskPort;
  /** Settles when the desk's worker crashes or exits, with the reason (never, in this thread). */
  died: Promise<Error>;
  terminate(): void;
}

export type SummaryFactory = () => SummaryHandle;

export const localSummaries: SummaryFactory = () => ({ port: new SummaryDesk(), died: new Promise<Error>(() => undefined), terminate: () => undefined });
