// The app's state: the scenario being edited, the messages about its fields, and the link. The
// scenario flows one way: edits and links -> scenario -> runner -> charts.
import { decodeLink, encodeLink } from '../link';
import { defaultScenario, type FieldKey, type Scenario } from '../scenario';
import { parseField, repairDependencies, type FieldError } from '../validate';
import { Runner } from './runner.svelte';

/** Keys of the app's own view state that a link may carry. */
export const VIEW_KEYS = ['replay', 'at', 'view'] as const;

export class AppState {
  scenario = $state<Scenario>(defaultScenario());
  /** Messages about fields: from the link that opened the app, or from the last edit. */
  errors = $state<FieldError[]>([]);
  view = $state<Record<string, string>>({});
  readonly runner: Runner;

  constructor(runner = new Runner()) {
    this.runner = runner;
  }

  /** Reads the scenario from a link (the location hash) and runs it. */
  openLink(hash: string): void {
    const d = decodeLink(hash, VIEW_KEYS);
    this.scenario = d.scenario;
    this.errors = d.errors;
    this.view = d.view;
    this.runner.run(this.scenario);
  }

  /** Sets one field from raw input (a number, boolean or option), validated like a link. */
  set(key: FieldKey, raw: unknown): void {
    const { value, error } = parseField(key, raw);
    const next = { ...this.scenario, [key]: value } as Scenario;
    const errors: FieldError[] = error ? [{ field: key, message: error }] : [];
    repairDependencies(next, errors);
    this.errors = [...this.errors.filter((e) => e.field !== key && !errors.some((n) => n.field === e.field)), ...errors];
    this.scenario = next;
    this.runner.run(next);
  }

  reset(key: FieldKey): void {
    this.set(key, defaultScenario()[key]);
  }

  /** Replaces the whole scenario (a preset, a saved scenario, a click on a sweep cell). */
  load(s: Scenario, view: Record<string, string> = {}): void {
    this.scenario = s;
    this.errors = [];
    this.view = view;
    this.runner.run(s);
  }

  get link(): string {
    return encodeLink(this.scenario, this.view);
  }

  errorFor(key: string): string | undefined {
    return this.errors.find((e) => e.field === key)?.message;
  }
}
