// The imported book of the page: read from a file, kept in this browser by fingerprint, handed to
// the worker pool, and named in the link (`book=`). A link that names a book this browser does not
// have says so, and the generated book runs.
import { findBook, keepBook } from '../imports/local-store';
import { parseBook, type ImportedBook } from '../imports/book';
import type { RowError } from '../imports/series';
import type { Pool } from '../engine/pool';

export class BookState {
  loaded = $state.raw<ImportedBook | undefined>(undefined);
  /** What was wrong with the last file offered, row by row; nothing was changed. */
  errors = $state.raw<RowError[]>([]);
  fileName = $state('');

  constructor(private readonly pool: () => Pool) {}

  /** Reads a file; true when it was taken. */
  async read(text: string, name: string): Promise<boolean> {
    this.fileName = name;
    const r = await parseBook(text, name);
    if (!r.book) {
      this.errors = r.errors;
      return false;
    }
    this.use(r.book);
    keepBook(r.book).catch(() => undefined); // without storage the book still works on this page
    return true;
  }

  use(b: ImportedBook | undefined): void {
    this.loaded = b;
    this.errors = [];
    this.pool().imports.book = b;
  }

  /** Finds a book a link names in this browser's store; false when it is not there. */
  async restore(fingerprint: string): Promise<boolean> {
    if (this.loaded?.fingerprint === fingerprint) return true;
    const b = await findBook(fingerprint).catch(() => undefined);
    if (b) this.use(b);
    return !!b;
  }
}
