// No lever ever changes behind the user's back: rules between levers act on the scenario that runs,
// are reported as clamps with the value set and the value used, and vanish with their cause.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellScenario } from '../../src/designer/sweep-spec';
import { decodeLink, encodeLink } from '../../src/link';
import { resolve } from '../../src/resolve';
import { defaultScenario } from '../../src/scenario';
import { anyScenario, scenario } from '../helpers/scenarios';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import { runWasm } from '../helpers/core';

describe('rules between levers', () => {
  it('never change a lever: the link keeps what was set, and coming back gives a clean link', () => {
    const high = decodeLink('#v=2&mmr=0.2');
    expect(high.errors).toEqual([]);
    expect(high.scenario.imr).toBe(defaultScenario().imr);
    expect(encodeLink(high.scenario)).toBe('#v=2&mmr=0.2');
    // Back to 3%: nothing else was touched, so the link is the default's.
    expect(encodeLink({ ...high.scenario, mmr: 0.03 })).toBe('#v=2');
  });

  it('report what the run used, and say nothing once the cause is gone', () => {
    const s = scenario({ mmr: 0.2 });
    const { scenario: run, clamps } = resolve(s);
    expect(clamps).toEqual([expect.objectContaining({ field: 'imr', set: 0.05, used: 0.3 })]);
    expect(clamps[0].message).toMatch(/must exceed the maintenance margin \(20%\).*3\.333× leverage/);
    expect(run.imr).toBe(0.3);
    expect(s.imr).toBe(0.05); // the scenario given is untouched
    expect(resolve({ ...s, mmr: 0.03 }).clamps).toEqual([]);
    expect(resolve({ ...defaultScenario(), paths: 200_000, horizon: 2_592_000, dt: 60 }).clamps.map((c) => c.field)).toEqual(['paths']);
  });

  it('leave a resolved scenario as it is, and any scenario resolves to one the engine accepts', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const { scenario: r } = resolve(s);
        expect(resolve(r)).toEqual({ scenario: r, clamps: [] });
        for (const c of resolve(s).clamps) expect(s[c.field]).toBe(c.set);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it('hand the engine the values used, never the ones a rule overrode', async () => {
    const s = scenario({ mmr: 0.08, imr: 0.05, paths: 30, horizon: 7200, shockDepth: 0.2 });
    const p = encodeParams(s);
    expect(p[A.P_IMR]).toBe(0.12); // 1.5 × mmr, not the 5% set
    expect(p[A.P_MMR]).toBe(0.08);
    // And the run itself differs from one that took the set value at its word.
    const asSet = await runWasm(s);
    expect(asSet).toEqual(await runWasm({ ...s, imr: 0.12 }));
    expect(asSet).not.toEqual(await runWasm({ ...s, mmr: 0.04 }));
  });

  it('keep a sweep cell to the axes: no cell changes a lever the sweep does not move', () => {
    const base = scenario({ imr: 0.05 });
    const spec = { metric: 'pInsolvent' as const, x: { field: 'mmr' as const, from: 0.01, to: 0.1, points: 10 } };
    for (let i = 0; i < 10; i++) {
      const { scenario: cell } = cellScenario(base, spec, i);
      expect(cell.imr).toBe(0.05);
      expect(resolve(cell).clamps.length > 0).toBe(cell.mmr >= 0.05);
    }
  });
});
