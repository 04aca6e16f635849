// Protocol rule sets (issue 16): every value they set has a source, a date and a confidence; they
// change only rules, so they compose with any preset's market and book; the link carries them and
// reads back the same scenario; and the rules make the difference they should on a real crash.
import { describe, expect, it } from 'vitest';
import { encodeLink } from '../../src/link';
import { baseScenario, openLink, presetById, presetScenario } from '../../src/presets';
import { PROTOCOLS } from '../../src/protocols';
import { resolve } from '../../src/resolve';
import { field, type FieldKey, type Scenario } from '../../src/scenario';
import { VIEW_KEYS } from '../../src/ui/view';
import { validateScenario } from '../../src/validate';
import { summaryOf } from '../helpers/core';

const RULE_GROUPS = ['Margin', 'Oracle', 'Mechanism', 'Liquidators', 'Insurance fund'];

describe('protocol rules', () => {
  it('set valid, consistent values, each with its source, date and confidence', () => {
    for (const p of PROTOCOLS) {
      expect(validateScenario({ ...p.book, ...p.rules }).errors, p.id).toEqual([]);
      expect(resolve(baseScenario(undefined, p.id)).clamps, p.id).toEqual([]);
      expect(p.look.length, p.id).toBeGreaterThan(100);
      expect(p.notModelled.length, p.id).toBeGreaterThan(0);
      for (const key of Object.keys({ ...p.rules, ...p.book }) as FieldKey[]) {
        const src = p.provenance[key];
        expect(src, `${p.id}: ${key}`).toBeDefined();
        expect(src!.source.length, `${p.id}: ${key}`).toBeGreaterThan(10);
        expect(src!.asOf, `${p.id}: ${key}`).toMatch(/\d{4}/);
        if (src!.url) expect(new URL(src!.url).protocol).toBe('https:');
      }
      // Rules are rules (the initial margin sits with the book but is the protocol's); the book is a book.
      for (const key of Object.keys(p.rules) as FieldKey[]) expect(key === 'imr' || RULE_GROUPS.includes(field(key).group), `${p.id}: ${key}`).toBe(true);
      for (const key of Object.keys(p.book) as FieldKey[]) {
        expect(field(key).group, `${p.id}: ${key}`).toBe('Book of positions');
        expect(p.provenance[key]!.confidence, `${p.id}: ${key} is an assumption`).toBe('unconfirmed');
      }
    }
    expect(new Set(PROTOCOLS.map((p) => p.id)).size).toBe(PROTOCOLS.length);
  });

  it("compose with a preset: the crash's market and book, the protocol's rules", () => {
    const d = openLink('#v=2&preset=october-10-2025&rules=maker-eth-a', VIEW_KEYS);
    const crash = presetScenario(presetById('october-10-2025')!);
    const maker = PROTOCOLS.find((p) => p.id === 'maker-eth-a')!;
    expect(d.errors).toEqual([]);
    expect(d.scenario).toEqual({ ...crash, ...maker.rules });
    expect(d.scenario.leverageMean).toBe(crash.leverageMean); // the preset's book, not the protocol's
    // Alone, the rules bring their users' book.
    expect(openLink('#v=2&rules=maker-eth-a', VIEW_KEYS).scenario.leverageMean).toBe(maker.book.leverageMean);
  });

  it('round-trip through the link, a lever changed since included', () => {
    for (const [preset, rules] of [[undefined, 'aave-v3-weth'], ['black-thursday', 'maker-eth-a'], ['october-10-2025', 'hyperliquid-btc-40x']] as const) {
      const s: Scenario = { ...baseScenario(preset, rules), mmr: 0.2 };
      const link = encodeLink(s, { ...(preset ? { preset } : {}), rules }, baseScenario(preset, rules));
      expect(link).toContain(`rules=${rules}`);
      expect(link).toContain('mmr=0.2');
      const d = openLink(link, VIEW_KEYS);
      expect(d.errors).toEqual([]);
      expect(d.scenario).toEqual(s);
    }
  });

  it('an unknown name is reported and the rest of the link still applies', () => {
    const d = openLink('#v=2&rules=nonesuch&mmr=0.04', VIEW_KEYS);
    expect(d.errors).toEqual([{ field: 'rules', message: expect.stringContaining('nonesuch') }]);
    expect(d.view.rules).toBeUndefined();
    expect(d.scenario.mmr).toBe(0.04);
  });

  it("Black Thursday under today's Clipper: slow stairs and a 45% cusp leave far less bad debt than a one-hour fall to 5%", async () => {
    const run = (link: string) => summaryOf({ ...openLink(link, VIEW_KEYS).scenario, paths: 300 });
    const then = await run('#v=2&preset=black-thursday');
    const clipper = await run('#v=2&preset=black-thursday&rules=maker-eth-a');
    expect(then.pInsolvent).toBeGreaterThan(0.5);
    expect(clipper.pInsolvent).toBeLessThan(0.05);
    expect(clipper.badDebt.mean).toBeLessThan(then.badDebt.mean / 100);
  }, 120_000);
});

describe('fingerprints of imported files in links', () => {
  it('are 16 hex digits; anything else is reported and dropped', () => {
    const ok = openLink('#v=2&series=0123456789abcdef&book=fedcba9876543210', VIEW_KEYS);
    expect(ok.errors).toEqual([]);
    expect([ok.view.series, ok.view.book]).toEqual(['0123456789abcdef', 'fedcba9876543210']);
    const bad = openLink('#v=2&book=%3Cscript%3E&series=12', VIEW_KEYS);
    expect(bad.errors.map((e) => e.field)).toEqual(['series', 'book']);
    expect(bad.view.book).toBeUndefined();
  });
});
