// Saved scenarios in the browser's IndexedDB (through idb). Every record is checked as it is read;
// one that fails is moved to a quarantine store (kept, not deleted, so nothing is lost) and
// reported. A database that cannot be opened at all is reported too; the app works without it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { checkSaved, cleanName, type SavedScenario } from './scenario-file';

export const DB_NAME = 'cascade-lab';
const DB_VERSION = 1;

export interface StoredScenario extends SavedScenario {
  id: number;
}

interface Schema extends DBSchema {
  scenarios: { key: number; value: SavedScenario | StoredScenario };
  quarantine: { key: number; value: { record: unknown; why: string; at: string } };
}

export interface Listing {
  scenarios: StoredScenario[];
  /** Why each record set aside on this read could not be used. */
  setAside: string[];
}

export class ScenarioStore {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(): Promise<ScenarioStore> {
    const db = await openDB<Schema>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('scenarios', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('quarantine', { autoIncrement: true });
      },
    });
    return new ScenarioStore(db);
  }

  /** Every usable saved scenario, oldest first; unusable records are moved to quarantine. */
  async list(): Promise<Listing> {
    const tx = this.db.transaction(['scenarios', 'quarantine'], 'readwrite');
    const scenarios: StoredScenario[] = [];
    const setAside: string[] = [];
    for (let cursor = await tx.objectStore('scenarios').openCursor(); cursor; cursor = await cursor.continue()) {
      const r = checkSaved(cursor.value);
      if (r.ok) {
        scenarios.push({ ...r.saved, id: cursor.key });
      } else {
        setAside.push(r.why);
        await tx.objectStore('quarantine').add({ record: cursor.value, why: r.why, at: new Date().toISOString() });
        await cursor.delete();
      }
    }
    await tx.done;
    return { scenarios, setAside };
  }

  async add(s: SavedScenario): Promise<number> {
    return this.db.add('scenarios', { ...s, name: cleanName(s.name) } as StoredScenario);
  }

  /** Adds several in one transaction: all are stored or none. */
  async addAll(list: readonly SavedScenario[]): Promise<void> {
    const tx = this.db.transaction('scenarios', 'readwrite');
    await Promise.all([...list.map((s) => tx.store.add({ ...s, name: cleanName(s.name) } as StoredScenario)), tx.done]);
  }

  async rename(id: number, name: string): Promise<void> {
    const tx = this.db.transaction('scenarios', 'readwrite');
    const r = await tx.store.get(id);
    if (r) await tx.store.put({ ...r, name: cleanName(name) });
    await tx.done;
  }

  async remove(id: number): Promise<void> {
    await this.db.delete('scenarios', id);
  }

  async quarantined(): Promise<number> {
    return this.db.count('quarantine');
  }
}
