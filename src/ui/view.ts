// The view half of the link: which tab is open, the replay's path and moment, the sweep, the preset
// the scenario started from. Every change of it goes through these functions, so the rules (opening
// the replay names a path, a tab change drops the other tabs' keys, a cell opened from a sweep leaves
// the designer) live in one place. Values are strings, as in the link.

/** Keys of the view state a link may carry. */
export const VIEW_KEYS = ['preset', 'rules', 'series', 'book', 'view', 'replay', 'at', 'sweep', 'opt', 'sens', 'hide', 'lock', 'lesson', 'step'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];
export type View = Partial<Record<ViewKey, string>>;

export const TABS = ['sandbox', 'replay', 'designer'] as const;
export type Tab = (typeof TABS)[number];

export function tabOf(v: View): Tab {
  return v.view === 'replay' || v.view === 'designer' ? v.view : 'sandbox';
}

/** Opens a tab; the replay opens on the worst path unless the link names one. */
export function withTab(v: View, t: Tab): View {
  const { view: _, replay: __, at: ___, ...rest } = v;
  if (t === 'replay') return { ...rest, view: 'replay', replay: v.replay ?? 'worst' };
  if (t === 'designer') return { ...rest, view: 'designer' };
  return rest;
}

/** The replay's path (worst, median or an index) and moment in seconds. */
export function withReplayMoment(v: View, replay: string, at: string): View {
  return v.replay === replay && v.at === at ? v : { ...v, replay, at };
}

/** The sweep the designer shows (its link text). */
export function withSweep(v: View, sweep: string): View {
  return v.sweep === sweep ? v : { ...v, sweep };
}

/** The optimiser's spec (its link text), set when a search starts. */
export function withOptimise(v: View, opt: string): View {
  return v.opt === opt ? v : { ...v, opt };
}

/** The sandbox, with no sweep: where a scenario opened from a sweep cell is shown. */
export function leavingSweep(v: View): View {
  const { sweep: _, view: __, ...rest } = v;
  return rest;
}

/** Without the preset name (the link then lists every change). */
export function withoutPreset(v: View): View {
  const { preset: _, ...rest } = v;
  return rest;
}

/** Without the protocol's rules name (the link then lists the values they set). */
export function withoutRules(v: View): View {
  const { rules: _, ...rest } = v;
  return rest;
}
