// The lessons shipped with the app: plain JSON files beside this one (docs/lessons.md), each
// checked by readLesson when loaded, like a link. A broken file is left out and says why in the
// console and in the tests.
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

export const LESSONS: Lesson[] = Object.entries(LESSON_FILES).flatMap(([file, doc]) => {
  const { lesson, errors } = readLesson(doc);
  if (!lesson) console.error(`lesson ${file}: ${errors.join('; ')}`);
  return lesson ? [lesson] : [];
});

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
