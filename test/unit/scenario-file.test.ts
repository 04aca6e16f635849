// Saved-scenario files: export then import gives back the same scenarios; hostile files never
// throw and import nothing, with reasons; stored records are checked like links.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLink } from '../../src/link';
import { FILE_FORMAT, checkSaved, cleanName, exportFile, importFile, savedScenario } from '../../src/saved/scenario-file';
import { defaultScenario } from '../../src/scenario';
import { smallScenario } from '../helpers/scenarios';

describe('scenario files', () => {
  it('export then import restores every scenario exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 30 }), smallScenario), { maxLength: 6 }), (list) => {
        const saved = list.map(([name, s]) => savedScenario(name, s, '2026-01-02T03:04:05.000Z'));
        const r = importFile(exportFile(saved));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.scenarios).toEqual(saved);
        r.scenarios.forEach((s, i) => expect(decodeLink(s.link).scenario).toEqual(list[i][1]));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on hostile files; a bad file imports nothing and says why', () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.object());
    const entry = fc.record({ name: fc.oneof(fc.string(), value), fields: fc.oneof(fc.dictionary(fc.constantFrom('mmr', 'paths', 'sigma', 'mechanism', 'nope', '__proto__'), value), value), savedAt: value }, { requiredKeys: [] });
    const file = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ format: fc.constantFrom(FILE_FORMAT, 'x'), version: fc.constantFrom(1, 2, '1'), scenarios: fc.oneof(fc.array(entry, { maxLength: 4 }), value) }).map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(file, (text) => {
        const r = importFile(text);
        if (r.ok) {
          for (const s of r.scenarios) expect(decodeLink(s.link).errors).toEqual([]);
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(typeof e).toBe('string');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects the whole file when one entry is out of bounds, naming the entry and the field', () => {
    const good = { name: 'ok', savedAt: '2026-01-01T00:00:00Z', fields: { mmr: '0.03' } };
    const bad = { name: 'hostile', fields: { paths: '1e12' } };
    const r = importFile(JSON.stringify({ format: FILE_FORMAT, version: 1, scenarios: [good, bad] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^scenario 2: "hostile": paths/);
    expect(importFile('{"format":"cascade-lab.scenarios","version":7,"scenarios":[]}')).toEqual({ ok: false, errors: ['the file has version 7; this app reads versions 1 and 2'] });
    expect(importFile('not json').ok).toBe(false);
  });

  it('reads a file of version 1 as links v=1 (64-bit draws) and of version 2 as links v=2', () => {
    const entry = { name: 'a', savedAt: '2026-01-01T00:00:00Z', fields: { mmr: '0.04' } };
    const v1 = importFile(JSON.stringify({ format: FILE_FORMAT, version: 1, scenarios: [entry] }));
    const v2 = importFile(JSON.stringify({ format: FILE_FORMAT, version: 2, scenarios: [entry] }));
    expect(v1.ok && v1.scenarios[0].link).toBe('#v=2&mmr=0.04&normalBits=64');
    expect(v2.ok && v2.scenarios[0].link).toBe('#v=2&mmr=0.04');
    // What is exported now reads back the same.
    const again = importFile(exportFile([savedScenario('b', { ...defaultScenario(), mmr: 0.05 })]));
    expect(again.ok && again.scenarios[0].link).toBe('#v=2&mmr=0.05');
  });

  it('checks stored records like links, and keeps names to one line of text', () => {
    expect(checkSaved({ name: 'a', link: '#v=2&mmr=0.04' }).ok).toBe(true);
    expect(checkSaved({ name: 'a', link: '#v=2&mmr=banana' })).toEqual({ ok: false, why: '"a": mmr not a number; using the default 3%' });
    expect(checkSaved({ link: '#v=2' }).ok).toBe(false);
    expect(checkSaved(null).ok).toBe(false);
    expect(cleanName('  <img src=x onerror=alert(1)>\n\u0007 ')).toBe('<img src=x onerror=alert(1)>');
    expect(cleanName('')).toBe('Untitled scenario');
    expect(savedScenario('x', defaultScenario()).link).toBe('#v=2');
  });
});

describe('saved scenarios with imports', () => {
  it('keep the fingerprints of the imported series and book, and refuse one that is not a fingerprint', async () => {
    const { checkSaved, savedScenario } = await import('../../src/saved/scenario-file');
    const { defaultScenario: d } = await import('../../src/scenario');
    const s = { ...d(), bookSource: 'imported' as const };
    const rec = savedScenario('mine', s, '2026-01-02T03:04:05.000Z', { book: '0123456789abcdef' });
    expect(rec.link).toBe('#v=2&bookSource=imported&book=0123456789abcdef');
    const back = checkSaved(rec);
    expect(back.ok && back.saved.link).toBe(rec.link);
    expect(checkSaved({ ...rec, link: '#v=2&book=nope' })).toEqual({ ok: false, why: '"mine": book is not a fingerprint (16 hex digits)' });
  });
});
