// Randomness is keyed by (seed, path): a path's result does not depend on which chunk, worker or
// process simulated it, nor on the paths simulated before it in the same instance.
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { records, runWasm } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

describe('determinism', () => {
  it('gives the same record for a path whichever chunk it is in', async () => {
    const s = scenario({ paths: 12, shockDepth: 0.3, mechanism: 'partial', positions: 300 });
    const whole = records(s, await runWasm(s, 0, 12));
    const parts = [...records(s, await runWasm(s, 0, 5)), ...records(s, await runWasm(s, 5, 4)), ...records(s, await runWasm(s, 9, 3))];
    expect(parts.map((r) => Array.from(r))).toEqual(whole.map((r) => Array.from(r)));
  });

  it('gives the same result when the same instance runs other paths first', async () => {
    const s = scenario({ paths: 6, shockDepth: 0.3, mechanism: 'dutch', positions: 200 });
    const { kernel } = await import('../helpers/core');
    const { encodeParams } = await import('../../src/engine/params');
    const k = await kernel();
    k.setup(encodeParams(s), 6);
    const fresh = k.runChunk(3, 3);
    k.runChunk(0, 6);
    expect(k.runChunk(3, 3)).toEqual(fresh);
  });

  it('changes with the seed', async () => {
    const a = records(scenario({ paths: 4, seed: 1 }), await runWasm(scenario({ paths: 4, seed: 1 })));
    const b = records(scenario({ paths: 4, seed: 2 }), await runWasm(scenario({ paths: 4, seed: 2 })));
    expect(a[0][A.R_DD_FUNDAMENTAL]).not.toBe(b[0][A.R_DD_FUNDAMENTAL]);
  });
});
