// What a teacher's link hides and locks: `hide=mmr,group:Oracle,chart:price,card:amplification,view:designer`
// and `lock=penalty,oracleLatency`. Both are view keys of the link (versioned with it), read as
// strictly as the rest: an unknown name is reported by field and ignored, never a crash. A student
// still sees that something is hidden (the panel says how many levers, and the rest is listed).
import { FIELD_KEYS, GROUPS, field, type FieldKey } from '../scenario';
import type { FieldError } from '../validate';

/** The sandbox's charts and headline cards by name, and the views a link may hide. */
export const CHARTS = ['theory', 'solvency', 'bad-debt', 'price', 'liquidated', 'fund', 'metrics', 'liquidation-map', 'mechanisms', 'adl', 'margins', 'assets'] as const;
export const CARDS = ['insolvency', 'bad-debt', 'amplification', 'trader-cost'] as const;
export const VIEWS = ['replay', 'designer'] as const;

/** A group's name in a link: lower case, spaces as dashes (`group:insurance-fund`). */
export const groupSlug = (g: string) => g.toLowerCase().replace(/\s+/g, '-');

/** Every name `hide=` accepts. */
export function hideable(): string[] {
  return [
    ...FIELD_KEYS,
    ...GROUPS.map((g) => `group:${groupSlug(g)}`),
    ...CHARTS.map((c) => `chart:${c}`),
    ...CARDS.map((c) => `card:${c}`),
    ...VIEWS.map((v) => `view:${v}`),
  ];
}

export interface Visibility {
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<FieldKey>;
  errors: FieldError[];
}

const MAX_NAMES = 200;

function names(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, MAX_NAMES);
}

/** Reads the link's `hide` and `lock` texts; unknown names are reported and ignored. */
export function readVisibility(hide: string | undefined, lock: string | undefined): Visibility {
  const errors: FieldError[] = [];
  const known = new Set(hideable());
  const hidden = new Set<string>();
  const bad = (key: string, list: string[], what: string) =>
    list.length && errors.push({ field: key, message: `not ${what}: ${list.slice(0, 5).map((n) => `"${n.slice(0, 30)}"`).join(', ')}${list.length > 5 ? ', ...' : ''}; ignored` });
  const unknownHide: string[] = [];
  for (const n of names(hide)) (known.has(n) ? hidden.add(n) : unknownHide.push(n));
  bad('hide', unknownHide, 'something a link can hide (a lever, group:, chart:, card: or view:)');
  const locked = new Set<FieldKey>();
  const unknownLock: string[] = [];
  for (const n of names(lock)) ((FIELD_KEYS as readonly string[]).includes(n) ? locked.add(n as FieldKey) : unknownLock.push(n));
  bad('lock', unknownLock, 'a lever');
  return { hidden, locked, errors };
}

/** Writes a set of names back as link text, in a stable order (that of hideable()). */
export function writeNames(set: ReadonlySet<string>): string {
  const order = hideable();
  return [...set].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(',');
}

/** True when a lever is hidden, by itself or with its group. */
export function leverHidden(v: Visibility, key: FieldKey): boolean {
  return v.hidden.has(key) || v.hidden.has(`group:${groupSlug(field(key).group)}`);
}
