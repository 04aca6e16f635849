// Imported price series kept in this browser (IndexedDB, its own database), by fingerprint: a link
// or a saved scenario that names one (`series=<fingerprint>`) finds it again on this machine. A record
// is checked as it is read (its fingerprint is recomputed); one that fails is ignored and reported.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { fingerprintOf, type PriceSeries } from './series';

interface Schema extends DBSchema {
  series: { key: string; value: PriceSeries };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

function open(): Promise<IDBPDatabase<Schema>> {
  return (db ??= openDB<Schema>('cascade-lab-imports', 1, {
    upgrade(d) {
      d.createObjectStore('series', { keyPath: 'fingerprint' });
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
