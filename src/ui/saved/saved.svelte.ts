// The saved-scenarios list as the interface sees it. Storage problems become messages; the list
// simply stays empty when the browser offers no IndexedDB.
import { MAX_FILE_BYTES, exportFile, importFile, savedScenario, type ImportKeys } from '../../saved/scenario-file';
import { ScenarioStore, type StoredScenario } from '../../saved/store';
import type { Scenario } from '../../scenario';
import { count } from '../format';

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
    const { scenarios, setAside, notShown } = await this.store.list();
    this.list = scenarios;
    const problems: string[] = [];
    if (notShown) problems.push(`${count(notShown)} more saved scenarios are stored than the ${scenarios.length + setAside.length} listed; delete some to see the rest.`);
    if (setAside.length) {
      problems.push(
        `${setAside.length === 1 ? 'One saved scenario was' : `${setAside.length} saved scenarios were`} unreadable and set aside (kept in the browser's quarantine store):`,
        ...setAside.slice(0, 6),
        ...(setAside.length > 6 ? [`and ${setAside.length - 6} more`] : []),
      );
    }
    if (problems.length) this.problems = problems;
  }

  private async act(what: () => Promise<unknown>, done: string): Promise<boolean> {
    if (!this.store) return false;
    try {
      await what();
      await this.refresh();
      this.message = done;
      return true;
    } catch (e) {
      this.problems = [`Could not save: ${reason(e)}.`];
      return false;
    }
  }

  /** `imports`: the fingerprints of the imported series and book the scenario runs with. */
  save(name: string, s: Scenario, imports: ImportKeys = {}): Promise<boolean> {
    const rec = savedScenario(name, s, undefined, imports);
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

  /** Imports a file: all of it, or nothing with the reasons (a file too large is not even read). */
  async import(file: { size: number; text(): Promise<string> }): Promise<boolean> {
    const r = file.size > MAX_FILE_BYTES
      ? { ok: false as const, errors: [`the file is ${(file.size / 1e6).toFixed(1)} MB; an import may be at most ${MAX_FILE_BYTES / 1e6} MB`] }
      : importFile(await file.text());
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
