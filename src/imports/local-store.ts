// Imported price series and books kept in this browser (IndexedDB, its own database), by fingerprint:
// a link or a saved scenario that names one (`series=`, `book=`) finds it again on this machine. A
// record is checked as it is read (its fingerprint is recomputed); one that fails is ignored.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { fingerprintOfBook, type ImportedBook } from './book';
import { fingerprintOf, type PriceSeries } from './series';

interface Schema extends DBSchema {
  series: { key: string; value: PriceSeries };
  books: { key: string; value: ImportedBook };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

function open(): Promise<IDBPDatabase<Schema>> {
  return (db ??= openDB<Schema>('cascade-lab-imports', 2, {
    upgrade(d, from) {
      if (from < 1) d.createObjectStore('series', { keyPath: 'fingerprint' });
      if (from < 2) d.createObjectStore('books', { keyPath: 'fingerprint' });
    },
  }));
}

export async function keepSeries(s: PriceSeries): Promise<void> {
  await (await open()).put('series', s);
}

/** The series with this fingerprint, if this browser has it intact. */
export async function findSeries(fingerprint: string): Promise<PriceSeries | undefined> {
  const r = await (await open()).get('series', fingerprint);
  if (!r || !Array.isArray(r.times) || !Array.isArray(r.prices) || r.times.length !== r.prices.length || r.times.length < 2) return undefined;
  return (await fingerprintOf(r.times, r.prices)) === fingerprint ? r : undefined;
}

export async function keepBook(b: ImportedBook): Promise<void> {
  await (await open()).put('books', b);
}

/** The book with this fingerprint, if this browser has it intact. */
export async function findBook(fingerprint: string): Promise<ImportedBook | undefined> {
  const r = await (await open()).get('books', fingerprint);
  if (!r || !Array.isArray(r.positions) || r.positions.length === 0) return undefined;
  return (await fingerprintOfBook(r.positions)) === fingerprint ? r : undefined;
}
