// The link is the scenario: it round-trips exactly, reads only what it should, and no link, however
// hostile, makes the decoder throw or yields a scenario outside the model's bounds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, LINK_VERSION } from '../../src/link';
import { FIELD_KEYS, FIELDS, defaultScenario, field, isActive, stepsOf, type FieldKey, type Scenario } from '../../src/scenario';
import { MAX_STEPS, MAX_WORK, resolve } from '../../src/resolve';
import { validateScenario } from '../../src/validate';

/** Any value a field may hold, including its bounds. */
function fieldValue(key: FieldKey): fc.Arbitrary<unknown> {
  const f = field(key);
  if (f.kind === 'bool') return fc.boolean();
  if (f.kind === 'choice') return fc.constantFrom(...f.options);
  if (f.kind === 'int') return fc.integer({ min: f.min, max: Math.min(f.max, 2 ** 31) });
  return fc.oneof(fc.constantFrom(f.min, f.max, f.default), fc.double({ min: f.min, max: f.max, noNaN: true, noDefaultInfinity: true }));
}

const anyScenario: fc.Arbitrary<Scenario> = fc
  .record(Object.fromEntries(FIELD_KEYS.map((k) => [k, fieldValue(k)])) as Record<FieldKey, fc.Arbitrary<unknown>>)
  .map((r) => validateScenario(r).scenario);

/** Independent statement of what a usable scenario is: the problems found, none if usable. */
function problems(s: Scenario): string[] {
  const out: string[] = [];
  if (Object.keys(s).length !== FIELD_KEYS.length) out.push('wrong set of fields');
  for (const key of FIELD_KEYS) {
    const f = FIELDS[key];
    const v = s[key];
    if (f.kind === 'bool') {
      if (typeof v !== 'boolean') out.push(`${key} is not a boolean`);
    } else if (f.kind === 'choice') {
      if (!(f.options as readonly unknown[]).includes(v)) out.push(`${key} is not an option`);
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < f.min || v > f.max || (f.kind === 'int' && !Number.isInteger(v))) {
      out.push(`${key} = ${String(v)} is out of bounds`);
    }
  }
  // What runs obeys the rules between fields (resolve.ts), whatever the link said.
  const r = resolve(s).scenario;
  if (!(r.imr > r.mmr)) out.push('imr <= mmr');
  if (!(r.dt <= r.horizon)) out.push('dt > horizon');
  if (!(stepsOf(r) <= MAX_STEPS)) out.push('too many steps');
  if (!(r.paths * stepsOf(r) <= MAX_WORK)) out.push('too much work');
  if (isActive(r, 'auctionEnd') && !(r.auctionEnd < r.auctionStart)) out.push('auction ends above its start');
  return out;
}

function expectUsable(s: Scenario): void {
  expect(problems(s)).toEqual([]);
}

/** Link-shaped text: real keys and junk keys, with values from sane to hostile. */
const hostileValue = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-1e-400', '0x10', '1_000', ' 5', '', '1e', '.', '%', '%E0%A4%A', 'true', 'on', 'linear', 'dutch', '<script>alert(1)</script>', '../../etc/passwd', '\u0000', '🙂'),
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 12, unit: 'binary' }).map(encodeURIComponent),
);
const hostileKey = fc.oneof(fc.constantFrom(...FIELD_KEYS, 'auctionSteps', 'v', '__proto__', 'constructor', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 12 }));
const hostileLink = fc.oneof(
  fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 30 }).map((kv) => '#' + kv.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 5000, unit: 'binary' }),
);

describe('link codec', () => {
  it('writes only the version for the default scenario', () => {
    expect(encodeLink(defaultScenario())).toBe(`#v=${LINK_VERSION}`);
  });

  it('reads a link of version 1 with the 64-bit draws it was made with, unless it names its draws', () => {
    const old = decodeLink('#v=1&mmr=0.05');
    expect(old.errors).toEqual([]);
    expect(old.scenario).toEqual({ ...defaultScenario(), mmr: 0.05, normalBits: '64' });
    // Written again, it says so: the same numbers follow it.
    expect(encodeLink(old.scenario)).toBe(`#v=${LINK_VERSION}&mmr=0.05&normalBits=64`);
    expect(decodeLink('#v=1&normalBits=32').scenario.normalBits).toBe('32');
    expect(decodeLink('#normalBits=64&v=1').scenario.normalBits).toBe('64');
    expect(decodeLink(`#v=${LINK_VERSION}&mmr=0.05`).scenario.normalBits).toBe('32');
    expect(decodeLink('').scenario.normalBits).toBe('32');
  });

  it('writes readable name=value pairs for changed fields', () => {
    const s = { ...defaultScenario(), mmr: 0.05, penalty: 0.02, mechanism: 'dutch' as const, backstop: false };
    // In the order of the Scenario table.
    expect(encodeLink(s)).toBe('#v=2&mmr=0.05&mechanism=dutch&backstop=0&penalty=0.02');
  });

  it('round-trips every valid scenario exactly, with no messages', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const d = decodeLink(encodeLink(s));
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('reports a bad field, uses its default, and still applies the rest', () => {
    const d = decodeLink('#v=2&mmr=banana&penalty=0.02');
    expect(d.scenario.mmr).toBe(FIELDS.mmr.default);
    expect(d.scenario.penalty).toBe(0.02);
    expect(d.errors).toEqual([{ field: 'mmr', message: 'not a number; using the default 3%' }]);
  });

  it('clamps out-of-bounds numbers to the bounds, saying so', () => {
    const d = decodeLink('#v=2&sigma=99&positions=0');
    expect(d.scenario.sigma).toBe(FIELDS.sigma.max);
    expect(d.scenario.positions).toBe(FIELDS.positions.min);
    expect(d.errors.map((e) => e.field)).toEqual(['sigma', 'positions']);
  });

  it('reports unknown keys and newer versions without failing', () => {
    const d = decodeLink('#v=7&foo=1&mmr=0.04');
    expect(d.scenario.mmr).toBe(0.04);
    expect(d.errors.map((e) => e.field)).toEqual(['v', 'foo']);
    expect(d.errors[0].message).toMatch(/newer version/);
  });

  it('passes the app view keys through as text', () => {
    const d = decodeLink('#v=2&replay=worst&at=3600', ['replay', 'at']);
    expect(d.view).toEqual({ replay: 'worst', at: '3600' });
    expect(d.errors).toEqual([]);
  });

  it('never throws on 10,000 hostile links and always yields a usable scenario', () => {
    let count = 0;
    fc.assert(
      fc.property(hostileLink, (hash) => {
        count++;
        const d = decodeLink(hash, ['replay']);
        const bad = problems(d.scenario);
        for (const e of d.errors) {
          if (typeof e.field !== 'string' || e.field.length > 40 || typeof e.message !== 'string' || !e.message) bad.push('malformed message');
        }
        if (bad.length) expect.fail(`${JSON.stringify(hash)}: ${bad.join('; ')}`);
      }),
      { numRuns: 10_000, seed: 9 },
    );
    expect(count).toBe(10_000);
  });

  it('caps the work a link can ask for', () => {
    const d = decodeLink('#v=2&paths=200000&horizon=2592000&dt=1');
    expectUsable(d.scenario);
    // The link keeps the levers as given; the run uses fewer paths and longer steps, and says so.
    expect(d.errors).toEqual([]);
    expect(resolve(d.scenario).clamps.map((c) => c.field)).toEqual(['dt', 'paths']);
  });
});

describe('retired levers', () => {
  it("reads an old stairstep link's auctionSteps as Maker's stair length and cut, with a notice", () => {
    const d = decodeLink('#v=2&mechanism=dutch&auctionDecay=stairstep&auctionSteps=5');
    expect(d.scenario.auctionStepTime).toBe(120); // the 600 s tail in 5 stairs
    expect(d.scenario.auctionCut).toBeCloseTo(Math.pow(0.8 / 1.05, 1 / 5), 14); // ending at 0.8x as before
    expect(d.errors).toEqual([{ field: 'auctionSteps', message: expect.stringContaining('5 stairs read as auctionStepTime=120 s and auctionCut=') }]);
    // A lever the link also gives wins, wherever it stands; a file is read the same way.
    const e = decodeLink('#v=2&auctionCut=0.9&mechanism=dutch&auctionDecay=stairstep&auctionSteps=4&auctionDuration=1200');
    expect([e.scenario.auctionStepTime, e.scenario.auctionCut]).toEqual([300, 0.9]);
    const f = validateScenario({ mechanism: 'dutch', auctionDecay: 'stairstep', auctionSteps: 4, auctionDuration: 1200 });
    expect(f.scenario.auctionStepTime).toBe(300);
    expect(f.errors.map((x) => x.field)).toEqual(['auctionSteps']);
  });

  it('ignores it, saying so, where it meant nothing or is not a number', () => {
    for (const hash of ['#v=2&auctionSteps=5', '#v=2&mechanism=dutch&auctionDecay=stairstep&auctionSteps=many']) {
      const d = decodeLink(hash);
      expect([d.scenario.auctionStepTime, d.scenario.auctionCut]).toEqual([FIELDS.auctionStepTime.default, FIELDS.auctionCut.default]);
      expect(d.errors).toEqual([{ field: 'auctionSteps', message: expect.stringContaining('ignored') }]);
    }
  });
});
