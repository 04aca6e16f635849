// The lessons shipped with the app: plain JSON files beside this one (docs/lessons.md), each
// checked by readLesson when first opened, like a link (the tests check them all). Checking all of
// them as the page loaded took 27-61 ms of the first visit's longest task (each step's link is a
// scenario to validate), so the menu reads only their ids and titles. A broken file refuses to open
// and says why in the console, and in the tests.
import { readLesson, type Lesson } from './lesson';
import calmVsCascade from './calm-vs-cascade.json';
import oracleLatency from './oracle-latency.json';
import fundRunsDry from './fund-runs-dry.json';
import mechanismsCompared from './mechanisms-compared.json';
import contagion from './contagion.json';

export const LESSON_FILES: Record<string, unknown> = {
  'calm-vs-cascade.json': calmVsCascade,
  'oracle-latency.json': oracleLatency,
  'fund-runs-dry.json': fundRunsDry,
  'mechanisms-compared.json': mechanismsCompared,
  'contagion.json': contagion,
};

/** Each lesson's id and title, in order, for the menu: read from the files as they are. */
export const LESSON_MENU: { id: string; title: string }[] = Object.values(LESSON_FILES).flatMap((doc) => {
  const { id, title } = (doc ?? {}) as { id?: unknown; title?: unknown };
  return typeof id === 'string' && typeof title === 'string' ? [{ id, title }] : [];
});

const checked = new Map<string, Lesson | undefined>();

/** The lesson of that id, checked the first time it is asked for; undefined if there is none or it is broken. */
export function lessonById(id: string): Lesson | undefined {
  if (!checked.has(id)) {
    const file = Object.keys(LESSON_FILES).find((f) => (LESSON_FILES[f] as { id?: unknown } | null)?.id === id);
    const read = file === undefined ? undefined : readLesson(LESSON_FILES[file]);
    if (file !== undefined && !read?.lesson) console.error(`lesson ${file}: ${read?.errors.join('; ')}`);
    checked.set(id, read?.lesson);
  }
  return checked.get(id);
}

/** Every lesson that reads without errors, checked now (the tests). */
export function allLessons(): Lesson[] {
  return LESSON_MENU.flatMap(({ id }) => lessonById(id) ?? []);
}
