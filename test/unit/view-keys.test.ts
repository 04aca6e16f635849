// The app's own keys in a link (a teacher's hide= and lock=, a lesson and its step, the optimiser's
// opt=, a sweep result file): no text, however hostile, makes their readers throw, and each
// problem comes back as a message naming its field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOptimise } from '../../src/designer/optimise-spec';
import { readSweepDocument } from '../../src/designer/sweep-result';
import { readLesson } from '../../src/lessons/lesson';
import { openLink } from '../../src/presets';
import { VIEW_KEYS } from '../../src/ui/view';
import { readVisibility } from '../../src/ui/visibility';

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom('mmr', 'group:market', 'chart:price', 'card:x', 'view:designer', ',', ':', ';', '%', '=', '&', '\u0000', '..', 'NaN', '1e999', '-1'), { maxLength: 60 }).map((a) => a.join('')),
);

describe("the app's keys in a link", () => {
  it('never throw on hostile text, and name the field of every problem', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, b, c) => {
        const v = readVisibility(a, b);
        for (const e of v.errors) expect(['hide', 'lock']).toContain(e.field);
        const o = decodeOptimise(c);
        expect(o.spec !== undefined || o.errors.every((e) => e.field === 'opt')).toBe(true);
        const d = openLink(`#v=2&hide=${encodeURIComponent(a)}&opt=${encodeURIComponent(c)}&lesson=${encodeURIComponent(b)}&step=${encodeURIComponent(a)}`, VIEW_KEYS);
        expect(d.scenario.mmr).toBeGreaterThan(0);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('hostile lesson and sweep files are refused, never thrown on', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => {
        expect(readLesson(doc).lesson).toBeUndefined();
        expect('error' in readSweepDocument(doc)).toBe(true);
        expect(readLesson({ format: 'cascade-lab-lesson', version: 1, id: 'x', title: 't', summary: 's', steps: [doc] }).errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 8 },
    );
  });
});
