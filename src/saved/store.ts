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

/** The most saved scenarios the browser keeps: saving or importing beyond it is refused with a message. */
export const MAX_SAVED = 1000;

export interface Listing {
  scenarios: StoredScenario[];
  /** Why each record set aside on this read could not be used. */
  setAside: string[];
  /** Records beyond MAX_SAVED (made before the cap, or by another program), not listed. */
  notShown: number;
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

  /**
   * The usable saved scenarios, oldest first, at most MAX_SAVED of them (read in one transaction of three requests, not
   * one per record); unusable records among them are moved to quarantine.
   */
  async list(): Promise<Listing> {
    const read = this.db.transaction('scenarios');
    const [keys, values, total] = await Promise.all([
      read.store.getAllKeys(undefined, MAX_SAVED),
      read.store.getAll(undefined, MAX_SAVED),
      read.store.count(),
      read.done,
    ]);
    const scenarios: StoredScenario[] = [];
    const bad: { key: number; record: unknown; why: string }[] = [];
    values.forEach((record, i) => {
      const r = checkSaved(record);
      if (r.ok) scenarios.push({ ...r.saved, id: keys[i] });
      else bad.push({ key: keys[i], record, why: r.why });
    });
    if (bad.length) {
      const tx = this.db.transaction(['scenarios', 'quarantine'], 'readwrite');
      const at = new Date().toISOString();
      await Promise.all([
        ...bad.flatMap((b) => [tx.objectStore('quarantine').add({ record: b.record, why: b.why, at }), tx.objectStore('scenarios').delete(b.key)]),
        tx.done,
      ]);
    }
    return { scenarios, setAside: bad.map((b) => b.why), notShown: Math.max(0, total - values.length) };
  }

  async add(s: SavedScenario): Promise<number> {
    await this.roomFor(1);
    return this.db.add('scenarios', { ...s, name: cleanName(s.name) } as StoredScenario);
  }

  /** Adds several in one transaction: all are stored or none. */
  async addAll(list: readonly SavedScenario[]): Promise<void> {
    await this.roomFor(list.length);
    const tx = this.db.transaction('scenarios', 'readwrite');
    await Promise.all([...list.map((s) => tx.store.add({ ...s, name: cleanName(s.name) } as StoredScenario)), tx.done]);
  }

  /** Throws a readable error when n more would go beyond MAX_SAVED. */
  private async roomFor(n: number): Promise<void> {
    const have = await this.db.count('scenarios');
    if (have + n > MAX_SAVED) {
      throw new Error(`this browser keeps at most ${MAX_SAVED} saved scenarios and has ${have}: delete some (export them first to keep them)`);
    }
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
