// The saved-scenarios list as the interface sees it. Storage problems become messages; the list
// simply stays empty when the browser offers no IndexedDB.
import { exportFile, importFile, savedScenario } from '../../saved/scenario-file';
import { ScenarioStore, type StoredScenario } from '../../saved/store';
import type { Scenario } from '../../scenario';

export class SavedScenarios {
  list = $state.raw<StoredScenario[]>([]);
  status = $state<'loading' | 'ready' | 'unavailable'>('loading');
  /** Problems to show: records set aside, a failed import, storage that cannot be opened. */
  problems = $state.raw<string[]>([]);
  /** What the last action did, for a screen reader and the eye. */
  message = $state('');
  private store: ScenarioStore | null = null;

  async init(): Promise<void> {
    try {
      this.store = await ScenarioStore.open();
      await this.refresh();
      this.status = 'ready';
    } catch (e) {
      this.status = 'unavailable';
      this.problems = [`Saved scenarios are unavailable in this browser (${reason(e)}); everything else works.`];
    }
  }

  private async refresh(): Promise<void> {
    if (!this.store) return;
    const { scenarios, setAside } = await this.store.list();
    this.list = scenarios;
    if (setAside.length) {
      this.problems = [
        `${setAside.length === 1 ? 'One saved scenario was' : `${setAside.length} saved scenarios were`} unreadable and set aside (kept in the browser's quarantine store):`,
        ...setAside,
      ];
    }
  }

  private async act(what: () => Promise<unknown>, done: string): Promise<boolean> {
    if (!this.store) return false;
    try {
      await what();
      await this.refresh();
      this.message = done;
      return true;
    } catch (e) {
      this.problems = [`Could not save to the browser's storage (${reason(e)}).`];
      return false;
    }
  }

  save(name: string, s: Scenario): Promise<boolean> {
    const rec = savedScenario(name, s);
    return this.act(() => this.store!.add(rec), `Saved "${rec.name}".`);
  }

  rename(id: number, name: string): Promise<boolean> {
    return this.act(() => this.store!.rename(id, name), 'Renamed.');
  }

  remove(id: number): Promise<boolean> {
    const name = this.list.find((s) => s.id === id)?.name ?? '';
    return this.act(() => this.store!.remove(id), `Deleted "${name}".`);
  }

  exportText(): string {
    return exportFile(this.list);
  }

  /** Imports a file's text: all of it, or nothing with the reasons. */
  async import(text: string): Promise<boolean> {
    const r = importFile(text);
    if (!r.ok) {
      this.problems = ['Nothing was imported:', ...r.errors.slice(0, 6), ...(r.errors.length > 6 ? [`and ${r.errors.length - 6} more`] : [])];
      return false;
    }
    this.problems = [];
    const n = r.scenarios.length;
    return this.act(() => this.store!.addAll(r.scenarios), `Imported ${n} scenario${n === 1 ? '' : 's'}.`);
  }

  dismiss(): void {
    this.problems = [];
  }
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message.slice(0, 120) : String(e).slice(0, 120);
}
