// The app's state: the scenario being edited, the messages about its fields, and the link. The
// scenario flows one way: edits and links -> scenario -> runner -> charts.
import type { CascadeMap } from '../engine/cascade-map';
import type { Summary } from '../engine/summary';
import { decodeLink, encodeLink } from '../link';
import { lessonById } from '../lessons';
import type { Lesson } from '../lessons/lesson';
import { baseScenario, openLink, presetById, type Preset } from '../presets';
import { protocolById, type Protocol } from '../protocols';
import { FIELD_KEYS, defaultScenario, field, isActive, type FieldKey, type Scenario } from '../scenario';
import { resolve, type Clamp } from '../resolve';
import { parseField, withUnit, type FieldError } from '../validate';
import * as A from '../../assembly/shared/abi';
import { ADL_RULES, ADL_VARIANTS, LeverComparison, MARGIN_MODES, MARGIN_MODE_VARIANTS, MARGIN_RULES, MARGIN_VARIANTS, MECHANISMS, MECHANISM_VARIANTS } from './mechanisms.svelte';
import { ReplayState } from './replay/replay.svelte';
import { OptimiseRun } from './designer/optimise.svelte';
import { SweepRun } from './designer/sweep.svelte';
import { SensitivityRun } from './designer/sensitivity.svelte';
import { SENSITIVITY_METRICS } from '../designer/sensitivity';
import { Runner } from './runner.svelte';
import { bookState, seriesState, type ImportState } from './imports.svelte';
import type { ImportedBook } from '../imports/book';
import type { PriceSeries } from '../imports/series';
import { VIEW_KEYS, tabOf, withTab, withoutPreset, withoutRules, type Tab, type View } from './view';
import { readVisibility, writeNames, type Visibility } from './visibility';
import type { PathColumns } from './baseline-change';


export type Theme = 'auto' | 'light' | 'dark';

/** The files a scenario can import: the lever that uses each, and what runs without it. */
const IMPORTS = {
  series: { lever: 'pricePath', on: 'imported', what: 'price series', instead: 'the simulated path' },
  book: { lever: 'bookSource', on: 'imported', what: 'book of positions', instead: 'the generated book' },
} as const;
const THEME_KEY = 'cascade-lab.theme';

/** A pinned result that later runs are compared with. */
export interface Baseline {
  scenario: Scenario;
  summary: Summary;
  cascade: CascadeMap | null;
  /** Its paths' values, to pair a later run's with (baseline-change.ts). */
  columns: PathColumns | null;
}

export interface LeverChange {
  key: FieldKey;
  label: string;
  from: string;
  to: string;
}

export class AppState {
  scenario = $state<Scenario>(defaultScenario());
  /** Messages about fields: from the link that opened the app, or from the last edit. */
  errors = $state<FieldError[]>([]);
  /** The view half of the link (./view.ts changes it). */
  view = $state<View>({});
  /** The scenario resolved once per change, not once per lever that asks (resolve.ts). */
  private resolved = $derived(resolve(this.scenario));
  /** What the link hides and locks (a teacher's link: ./visibility.ts). */
  visibility: Visibility = $derived(readVisibility(this.view.hide, this.view.lock));
  /** The teacher's mode: choose what the students' link hides and locks. */
  editingVisibility = $state(false);
  /** Replaced whole, never changed in place (raw: see Runner.summary). */
  baseline = $state.raw<Baseline | null>(null);
  theme = $state<Theme>('auto');
  readonly runner: Runner;
  /** The imported price series and book (./imports.svelte.ts), named in the link. */
  readonly series: ImportState<PriceSeries>;
  readonly book: ImportState<ImportedBook>;
  private replayState: ReplayState | undefined;
  private mechanismState: LeverComparison<(typeof MECHANISMS)[number]> | undefined;
  private adlState: LeverComparison<(typeof ADL_RULES)[number]> | undefined;
  private marginState: LeverComparison<(typeof MARGIN_RULES)[number]> | undefined;
  private marginModeState: LeverComparison<(typeof MARGIN_MODES)[number]> | undefined;
  private sweepState: SweepRun | undefined;
  private optimiserState: OptimiseRun | undefined;
  private sensitivityState: SensitivityRun | undefined;

  get sensitivity(): SensitivityRun {
    return (this.sensitivityState ??= new SensitivityRun(this.runner.pool));
  }

  get optimiser(): OptimiseRun {
    return (this.optimiserState ??= new OptimiseRun(this.runner.pool));
  }

  get sweep(): SweepRun {
    return (this.sweepState ??= new SweepRun(this.runner.pool));
  }

  /** The replay, made when first shown (it reads the path and moment from the link then). */
  get replay(): ReplayState {
    return (this.replayState ??= new ReplayState(this));
  }

  get mechanisms(): LeverComparison<(typeof MECHANISMS)[number]> {
    return (this.mechanismState ??= new LeverComparison(this.runner.pool, 'the mechanism comparison', MECHANISM_VARIANTS));
  }

  get adlRules(): LeverComparison<(typeof ADL_RULES)[number]> {
    return (this.adlState ??= new LeverComparison(this.runner.pool, 'the ADL comparison', ADL_VARIANTS));
  }

  get marginRules(): LeverComparison<(typeof MARGIN_RULES)[number]> {
    return (this.marginState ??= new LeverComparison(this.runner.pool, 'the margin rule comparison', MARGIN_VARIANTS, [A.R_BAD_DEBT, A.R_MMR_MEAN]));
  }

  get marginModes(): LeverComparison<(typeof MARGIN_MODES)[number]> {
    return (this.marginModeState ??= new LeverComparison(this.runner.pool, 'the margin mode comparison', MARGIN_MODE_VARIANTS, [A.R_BAD_DEBT, A.R_LIQ_NOTIONAL]));
  }

  constructor(runner = new Runner()) {
    this.runner = runner;
    this.series = seriesState(() => this.runner.pool);
    this.book = bookState(() => this.runner.pool);
    this.theme = readTheme();
  }

  /** Pins the current complete result as the baseline for comparison. */
  pin(): void {
    const s = this.runner.summary;
    if (!s || s.partial) return;
    this.baseline = { scenario: { ...this.scenario }, summary: s, cascade: this.runner.cascade, columns: this.runner.columnsOf(s) };
    // A run's paths come a task after its result (runner.svelte.ts): a pin that quick takes them then.
    if (!this.baseline.columns) setTimeout(() => this.baseline?.summary === s && (this.baseline = { ...this.baseline, columns: this.runner.columnsOf(s) }));
  }

  unpin(): void {
    this.baseline = null;
  }

  /** The levers that differ between the baseline and the current scenario. */
  get changes(): LeverChange[] {
    const b = this.baseline?.scenario;
    if (!b) return [];
    return FIELD_KEYS.filter((k) => b[k] !== this.scenario[k] && (isActive(b, k) || isActive(this.scenario, k))).map((k) => ({
      key: k,
      label: field(k).label,
      from: show(k, b[k]),
      to: show(k, this.scenario[k]),
    }));
  }

  setTheme(t: Theme): void {
    this.theme = t;
    try {
      localStorage.setItem(THEME_KEY, t);
    } catch {
      // storage may be unavailable (private mode): the choice just does not persist
    }
  }

  /** Reads the scenario from a link (the location hash) and runs it. A named preset is the base. */
  openLink(hash: string): void {
    const d = this.withLesson(hash, openLink(hash, VIEW_KEYS));
    this.scenario = d.scenario;
    const sens = d.view.sens;
    const badSens = sens !== undefined && !(SENSITIVITY_METRICS as readonly string[]).includes(sens) ? [{ field: 'sens', message: `"${sens.slice(0, 30)}" is not a metric a sensitivity reports (${SENSITIVITY_METRICS.join(', ')}); not run` }] : [];
    this.errors = [...d.errors, ...readVisibility(d.view.hide, d.view.lock).errors, ...badSens];
    this.view = d.view;
    this.runner.run(this.scenario);
    this.restoreImports(d.view);
  }

  /** Opens a saved scenario (a link of its levers and the fingerprints of its imports). */
  openSaved(link: string): void {
    const d = decodeLink(link, ['series', 'book']);
    this.load(d.scenario, d.view);
    this.restoreImports(d.view);
  }

  /** Finds the series and book a link names in this browser's store, then runs again with them. */
  private restoreImports(v: View): void {
    for (const kind of ['series', 'book'] as const) {
      const fp = v[kind];
      if (fp === undefined || this[kind].loaded?.fingerprint === fp) continue;
      // The link's file may be in this browser's store: then run again with it.
      void this[kind].restore(fp).then((found) => {
        if (this.view[kind] !== fp) return;
        if (found) this.runner.run(this.scenario);
        else this.errors = [...this.errors, { field: kind, message: `this link runs an imported ${IMPORTS[kind].what} (fingerprint ${fp.slice(0, 16)}) that this browser does not have: import its file to reproduce the results; until then ${IMPORTS[kind].instead} runs` }];
      });
    }
  }

  /** Imports a price series or a book from a file, and runs with it (switching its lever to imported). */
  async importFile(kind: 'series' | 'book', text: string, name: string): Promise<void> {
    if (!(await this[kind].read(text, name))) return;
    this.view = { ...this.view, [kind]: this[kind].loaded!.fingerprint };
    this.errors = this.errors.filter((e) => e.field !== kind);
    const { lever, on } = IMPORTS[kind];
    if (this.scenario[lever] !== on && (kind === 'book' || this.scenario.pricePath === 'simulated')) this.scenario = { ...this.scenario, [lever]: on };
    this.runner.run(this.scenario);
  }

  /** Forgets the imported series or book: the simulated path, or the generated book, runs. */
  removeImport(kind: 'series' | 'book'): void {
    this[kind].use(undefined);
    const { [kind]: _, ...view } = this.view;
    this.view = view;
    this.runner.run(this.scenario);
  }

  /**
   * A link that names a lesson step (`lesson=ID&step=N`) starts from that step's scenario and view;
   * the link's own fields and keys then change them, as a preset's link does.
   */
  private withLesson(hash: string, d: ReturnType<typeof openLink>): ReturnType<typeof openLink> {
    const id = d.view.lesson;
    if (id === undefined) return d;
    const lesson = lessonById(id);
    if (!lesson) {
      const { lesson: _, step: __, ...view } = d.view;
      return { ...d, view, errors: [...d.errors, { field: 'lesson', message: `no lesson is called "${id.slice(0, 40)}"` }] };
    }
    const errors = [...d.errors];
    let k = Number(d.view.step ?? '0');
    if (!Number.isInteger(k) || k < 0 || k >= lesson.steps.length) {
      errors.push({ field: 'step', message: `the lesson has steps 1 to ${lesson.steps.length}; showing the first` });
      k = 0;
    }
    const step = openLink(lesson.steps[k].link, VIEW_KEYS);
    const own = decodeLink(hash, VIEW_KEYS, step.scenario);
    const { preset: _, ...stepView } = step.view;
    return { scenario: own.scenario, errors, view: { ...stepView, ...own.view, lesson: id, step: String(k) } };
  }

  /** The lesson the link names, and its step. */
  get lesson(): { lesson: Lesson; step: number } | undefined {
    const lesson = this.view.lesson === undefined ? undefined : lessonById(this.view.lesson);
    const step = Number(this.view.step ?? '0');
    return lesson && Number.isInteger(step) && step >= 0 && step < lesson.steps.length ? { lesson, step } : undefined;
  }

  /** Opens step k of a lesson (its scenario, what it hides and locks, its view). */
  openLesson(id: string, k: number): void {
    const lesson = lessonById(id);
    if (!lesson || k < 0 || k >= lesson.steps.length) return;
    this.loadInLesson(lesson.steps[k].link, id, k);
  }

  /** Loads a link inside the lesson's step k (a step, or the scenario that answers its question). */
  loadInLesson(link: string, id: string, k: number): void {
    const d = openLink(link, VIEW_KEYS);
    const { preset: _, ...view } = d.view;
    this.load(d.scenario, { ...view, lesson: id, step: String(k) });
  }

  /** Leaves the lesson: the scenario stays, and every lever and view comes back. */
  leaveLesson(): void {
    const { lesson: _, step: __, hide: ___, lock: ____, ...view } = this.view;
    this.view = view;
  }

  /** The preset the scenario started from, if any. */
  get preset(): Preset | undefined {
    return this.view.preset === undefined ? undefined : presetById(this.view.preset);
  }

  loadPreset(id: string): void {
    if (!presetById(id)) return;
    this.load(baseScenario(id, this.view.rules), { ...withoutPreset(this.view), preset: id });
  }

  /** The protocol whose rules the scenario runs under, if any. */
  get rules(): Protocol | undefined {
    return this.view.rules === undefined ? undefined : protocolById(this.view.rules);
  }

  /** Runs the preset (or the defaults) under a protocol's rules. */
  loadRules(id: string): void {
    if (!protocolById(id)) return;
    this.load(baseScenario(this.view.preset, id), { ...withoutRules(this.view), rules: id });
  }

  /** Keeps the scenario but no longer names the rules (the link then lists the values they set). */
  forgetRules(): void {
    this.view = withoutRules(this.view);
  }

  /** Keeps the scenario but no longer names the preset (the link then lists every change). */
  forgetPreset(): void {
    this.view = withoutPreset(this.view);
  }

  get tab(): Tab {
    const t = tabOf(this.view);
    return this.visibility.hidden.has(`view:${t}`) ? 'sandbox' : t;
  }

  isHidden(name: string): boolean {
    return this.visibility.hidden.has(name);
  }

  isLocked(key: FieldKey): boolean {
    return this.visibility.locked.has(key);
  }

  /** Hides or shows a lever, group, chart, card or view in the link (the teacher's mode). */
  toggleHidden(name: string): void {
    const next = new Set(this.visibility.hidden);
    if (!next.delete(name)) next.add(name);
    this.setVisibility('hide', writeNames(next));
  }

  /** Locks or unlocks a lever at its value in the link. */
  toggleLocked(key: FieldKey): void {
    const next = new Set<string>(this.visibility.locked);
    if (!next.delete(key)) next.add(key);
    this.setVisibility('lock', writeNames(next));
  }

  private setVisibility(k: 'hide' | 'lock', text: string): void {
    const { [k]: _, ...rest } = this.view;
    this.view = text ? { ...rest, [k]: text } : rest;
  }

  showTab(t: Tab): void {
    this.view = withTab(this.view, t);
  }

  /** Sets one field from raw input (a number, boolean or option), validated like a link. */
  set(key: FieldKey, raw: unknown): void {
    if (this.isLocked(key)) return this.reject(key, 'locked at this value by the link (lock=)');
    const { value, error } = parseField(key, raw);
    const next = { ...this.scenario, [key]: value } as Scenario;
    const errors: FieldError[] = error ? [{ field: key, message: error }] : [];
    this.errors = [...this.errors.filter((e) => e.field !== key), ...errors];
    this.scenario = next;
    this.runner.run(next);
  }

  /** Reports input that is not a value for a lever (it keeps its value), beside the lever. */
  reject(key: FieldKey, message: string): void {
    this.errors = [...this.errors.filter((e) => e.field !== key), { field: key, message }];
  }

  reset(key: FieldKey): void {
    this.set(key, defaultScenario()[key]);
  }

  /** Replaces the whole scenario (a preset, a saved scenario, a click on a sweep cell). */
  load(s: Scenario, view: View = {}): void {
    this.scenario = s;
    this.errors = [];
    this.view = view;
    this.runner.run(s);
  }

  /** The link of the scenario and view: encoded once a change (the address and every comparison read it). */
  readonly link: string = $derived.by(() => {
    // View keys in one order, whatever order they were set in: the same state is the same link.
    const view = Object.fromEntries(VIEW_KEYS.flatMap((k) => (this.view[k] === undefined ? [] : [[k, this.view[k]!]])));
    const l = this.lesson;
    if (l) return encodeLink(this.scenario, view, openLink(l.lesson.steps[l.step].link, VIEW_KEYS).scenario);
    return encodeLink(this.scenario, view, baseScenario(this.preset?.id, this.rules?.id));
  });

  errorFor(key: string): string | undefined {
    return this.errors.find((e) => e.field === key)?.message;
  }

  /** What the run uses instead of a lever's value because of another lever (resolve.ts); no lever changes. */
  get clamps(): Clamp[] {
    return this.resolved.clamps;
  }

  /** The scenario that runs: the levers as set, with the rules between them applied. */
  get run(): Scenario {
    return this.resolved.scenario;
  }

  clampFor(key: FieldKey): Clamp | undefined {
    return this.clamps.find((c) => c.field === key);
  }
}

function readTheme(): Theme {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'auto';
  } catch {
    return 'auto';
  }
}

/** A lever's value as the panel shows it. */
function show(key: FieldKey, v: unknown): string {
  const f = field(key);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v;
  return withUnit(f.kind === 'number' || f.kind === 'int' ? f.unit : '', v as number);
}
