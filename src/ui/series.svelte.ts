// The imported price series of the page: read from a file (or the shipped sample), kept in this
// browser by fingerprint, handed to the worker pool, and named in the link (`series=`). A link that
// names a series this browser does not have says so, and the simulated path runs.
import { findSeries, keepSeries } from '../imports/local-store';
import { parseSeries, type PriceSeries, type RowError } from '../imports/series';
import type { Pool } from '../engine/pool';

export class SeriesState {
  loaded = $state.raw<PriceSeries | undefined>(undefined);
  /** What was wrong with the last file offered, line by line; nothing was changed. */
  errors = $state.raw<RowError[]>([]);
  fileName = $state('');

  constructor(private readonly pool: () => Pool) {}

  /** Reads a file; true when it was taken. */
  async read(text: string, name: string): Promise<boolean> {
    this.fileName = name;
    const r = await parseSeries(text, name);
    if (!r.series) {
      this.errors = r.errors;
      return false;
    }
    this.use(r.series);
    keepSeries(r.series).catch(() => undefined); // without storage the series still works on this page
    return true;
  }

  use(s: PriceSeries | undefined): void {
    this.loaded = s;
    this.errors = [];
    this.pool().imports.series = s;
  }

  /** Finds a series a link names in this browser's store; false when it is not there. */
  async restore(fingerprint: string): Promise<boolean> {
    if (this.loaded?.fingerprint === fingerprint) return true;
    const s = await findSeries(fingerprint).catch(() => undefined);
    if (s) this.use(s);
    return !!s;
  }
}
