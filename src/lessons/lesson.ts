// A lesson: a few steps, each a scenario (a link, which may hide and lock levers), a short text of
// what to look at, the chart or number to look at, and maybe a question whose answer the simulation
// then shows. Lessons are plain JSON files in src/lessons/ (docs/lessons.md has the format), read
// as strictly as links: a bad lesson is refused with the step and field at fault.
import { openLink } from '../presets';
import { CARDS, CHARTS, readVisibility } from '../ui/visibility';
import { VIEW_KEYS } from '../ui/view';

export const LESSON_FORMAT = 'cascade-lab-lesson';
export const LESSON_VERSION = 1;

export interface Question {
  prompt: string;
  options: string[];
  /** Index of the right option. */
  answer: number;
  /** Why, shown once the student has answered. */
  explain: string;
  /** The scenario that shows the answer (a link), loaded once the student has answered. */
  reveal?: string;
}

export interface LessonStep {
  title: string;
  text: string;
  /** The step's scenario and view: a link such as `#v=2&preset=slow-oracle&hide=group:market`. */
  link: string;
  /** What to look at: `chart:NAME` or `card:NAME` (visibility.ts names them). */
  look?: string;
  question?: Question;
}

export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: number;
  id: string;
  title: string;
  summary: string;
  steps: LessonStep[];
}

const MAX_STEPS = 20;
const lookable = () => [...CHARTS.map((c) => `chart:${c}`), ...CARDS.map((c) => `card:${c}`)];

/** Checks a lesson file; returns it, or every problem found, each naming its step and field. */
export function readLesson(doc: unknown): { lesson?: Lesson; errors: string[] } {
  const errors: string[] = [];
  const d = doc as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || d.format !== LESSON_FORMAT) return { errors: [`not a Cascade Lab lesson (format ${LESSON_FORMAT})`] };
  if (d.version !== LESSON_VERSION) errors.push(`version: expected ${LESSON_VERSION}`);
  if (typeof d.id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(d.id)) errors.push('id: lower-case letters, digits and dashes');
  const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
  if (!text(d.title, 80)) errors.push('title: 1 to 80 characters');
  if (!text(d.summary, 400)) errors.push('summary: 1 to 400 characters');
  if (!Array.isArray(d.steps) || d.steps.length < 1 || d.steps.length > MAX_STEPS) return { errors: [...errors, `steps: 1 to ${MAX_STEPS} steps`] };
  const link = (where: string, v: unknown) => {
    if (typeof v !== 'string' || !v.startsWith('#v=')) return errors.push(`${where}: a link starting with #v=`);
    const opened = openLink(v, VIEW_KEYS);
    const problems = [...opened.errors, ...readVisibility(opened.view.hide, opened.view.lock).errors];
    if (problems.length) errors.push(`${where}: ${problems[0].field || 'link'}: ${problems[0].message}`);
    if (opened.view.lesson !== undefined || opened.view.step !== undefined) errors.push(`${where}: a step's link may not name a lesson`);
  };
  d.steps.forEach((raw, k) => {
    const s = raw as Record<string, unknown>;
    const at = `steps[${k}]`;
    if (typeof s !== 'object' || s === null) return errors.push(`${at}: not a step`);
    if (!text(s.title, 80)) errors.push(`${at}.title: 1 to 80 characters`);
    if (!text(s.text, 1000)) errors.push(`${at}.text: 1 to 1000 characters`);
    link(`${at}.link`, s.link);
    if (s.look !== undefined && !lookable().includes(s.look as string)) errors.push(`${at}.look: one of ${lookable().join(', ')}`);
    if (s.question !== undefined) {
      const q = s.question as Record<string, unknown>;
      if (typeof q !== 'object' || q === null) return errors.push(`${at}.question: not a question`);
      if (!text(q.prompt, 300)) errors.push(`${at}.question.prompt: 1 to 300 characters`);
      if (!Array.isArray(q.options) || q.options.length < 2 || q.options.length > 6 || !q.options.every((o) => text(o, 120))) errors.push(`${at}.question.options: 2 to 6 options of up to 120 characters`);
      else if (!Number.isInteger(q.answer) || (q.answer as number) < 0 || (q.answer as number) >= q.options.length) errors.push(`${at}.question.answer: the index of an option`);
      if (!text(q.explain, 600)) errors.push(`${at}.question.explain: 1 to 600 characters`);
      if (q.reveal !== undefined) link(`${at}.question.reveal`, q.reveal);
    }
  });
  return errors.length ? { errors } : { lesson: d as unknown as Lesson, errors };
}
