// fast-check generators of scenarios, derived from the Scenario table: every lever, mechanism and
// option varies; the small ones stay cheap enough to run the core twice (wasm and JS) on many.
import fc from 'fast-check';
import { FIELDS, FIELD_KEYS, defaultScenario, type Field, type FieldKey, type Scenario } from '../../src/scenario';
import { validateScenario } from '../../src/validate';

/**
 * A value of a field anywhere within its bounds: its default, an edge, or any value between
 * (log-uniform for levers that span orders of magnitude). Derived from the table, so a new lever is
 * generated without touching this file.
 */
export function arbitraryOf(f: Field): fc.Arbitrary<number | boolean | string> {
  if (f.kind === 'bool') return fc.boolean();
  if (f.kind === 'choice') return fc.constantFrom(...f.options);
  const { min, max } = f;
  const logUniform = () => fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map((x) => Math.min(max, Math.max(min, Math.exp(x))));
  const between = f.kind === 'int'
    ? f.log ? logUniform().map(Math.round) : fc.integer({ min, max })
    : f.log ? logUniform() : fc.double({ min, max, noNaN: true });
  return fc.oneof({ arbitrary: fc.constant(f.default), weight: 2 }, { arbitrary: fc.constantFrom(min, max), weight: 1 }, { arbitrary: between, weight: 4 });
}

function scenarios(overrides: Partial<Record<FieldKey, fc.Arbitrary<unknown>>>): fc.Arbitrary<Scenario> {
  const fields = Object.fromEntries(FIELD_KEYS.map((k) => [k, overrides[k] ?? arbitraryOf(FIELDS[k])]));
  return fc.record(fields).map((r) => validateScenario({ ...defaultScenario(), ...r }).scenario);
}

/** Any scenario the model accepts: every field anywhere within its bounds (not all cheap to run). */
export const anyScenario: fc.Arbitrary<Scenario> = scenarios({});

/**
 * Any scenario the model accepts, with every field anywhere within its bounds except the ones that
 * set the cost of a run: a few paths, positions and hundreds of steps, so both runs of the core
 * (wasm and JS) can be compared on many of them.
 */
export const smallScenario: fc.Arbitrary<Scenario> = smallScenarioWith({});

/** Like smallScenario, with some fields drawn from the given generators instead. */
export function smallScenarioWith(overrides: Partial<Record<FieldKey, fc.Arbitrary<unknown>>>): fc.Arbitrary<Scenario> {
  return scenarios({
    paths: fc.integer({ min: 2, max: 12 }),
    positions: fc.integer({ min: 1, max: 300 }),
    horizon: fc.constantFrom(3600, 7200, 21600),
    dt: fc.constantFrom(15, 30, 60),
    // A scripted shock inside the horizon, often: where cascades happen.
    shockStart: fc.constantFrom(0, 600, 1800),
    ...overrides,
  });
}

/** The default scenario with changes, validated. */
export function scenario(changes: Partial<Scenario> = {}): Scenario {
  const v = validateScenario({ ...defaultScenario(), ...changes });
  if (v.errors.length) throw new Error(`invalid test scenario: ${JSON.stringify(v.errors)}`);
  return v.scenario;
}
