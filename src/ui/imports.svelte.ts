// A file the page imports (a price series or a book of positions): read and checked, kept in this
// browser by fingerprint, handed to the worker pool, and named in the link (`series=`, `book=`). A
// link naming one this browser does not have can only say so (app-state.svelte.ts).
import { findBook, findSeries, keepBook, keepSeries } from '../imports/local-store';
import { parseBook, type ImportedBook } from '../imports/book';
import { parseSeries, type PriceSeries, type RowError } from '../imports/series';
import type { Pool } from '../engine/pool';

interface Io<T> {
  parse(text: string, name: string): Promise<{ value?: T; errors: RowError[] }>;
  keep(value: T): Promise<void>;
  find(fingerprint: string): Promise<T | undefined>;
  /** Gives the pool the value, or none. */
  hand(value: T | undefined): void;
}

export class ImportState<T extends { fingerprint: string }> {
  loaded = $state.raw<T | undefined>(undefined);
  /** What was wrong with the last file offered, line by line; nothing was changed. */
  errors = $state.raw<RowError[]>([]);
  fileName = $state('');

  constructor(private readonly io: Io<T>) {}

  /** Reads a file; true when it was taken. */
  async read(text: string, name: string): Promise<boolean> {
    this.fileName = name;
    const r = await this.io.parse(text, name);
    if (!r.value) {
      this.errors = r.errors;
      return false;
    }
    this.use(r.value);
    this.io.keep(r.value).catch(() => undefined); // without storage the file still works on this page
    return true;
  }

  use(value: T | undefined): void {
    this.loaded = value;
    this.errors = [];
    this.io.hand(value);
  }

  /** Finds the file a link names in this browser's store; false when it is not there. */
  async restore(fingerprint: string): Promise<boolean> {
    if (this.loaded?.fingerprint === fingerprint) return true;
    const value = await this.io.find(fingerprint).catch(() => undefined);
    if (value) this.use(value);
    return !!value;
  }
}

export function seriesState(pool: () => Pool): ImportState<PriceSeries> {
  return new ImportState<PriceSeries>({
    parse: async (text, name) => ((r) => ({ value: r.series, errors: r.errors }))(await parseSeries(text, name)),
    keep: keepSeries,
    find: findSeries,
    hand: (s) => (pool().imports.series = s),
  });
}

export function bookState(pool: () => Pool): ImportState<ImportedBook> {
  return new ImportState<ImportedBook>({
    parse: async (text, name) => ((r) => ({ value: r.book, errors: r.errors }))(await parseBook(text, name)),
    keep: keepBook,
    find: findBook,
    hand: (b) => (pool().imports.book = b),
  });
}
