// Jumps arrive as a Poisson process, drawn as exponential gaps between arrivals: over a day at one
// jump a day, the number of jumps on a path is Poisson with mean 1. With no diffusion, jumps of
// exactly -1% and the drift set to cancel Merton's compensator, the fundamental only ever steps down
// by 1% per jump, so its maximum drawdown counts the path's jumps.
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { records, runWasm } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

describe('jumps', () => {
  it('come as a Poisson process: the count per path has the right mean, variance and zero share', async () => {
    const size = -0.01, perDay = 1;
    const kappa = Math.exp(size) - 1;
    const s = scenario({
      positions: 1, sigma: 0, jumpsOn: true, jumpsPerDay: perDay, jumpMean: size, jumpStd: 0,
      mu: perDay * 365 * kappa, // cancels the compensator: no drift between jumps
      horizon: 86400, dt: 60, paths: 20_000, depth1pct: 1e11, shockDepth: 0,
    });
    const counts = records(s, await runWasm(s)).map((r) => Math.round(r[A.R_DD_FUNDAMENTAL] / -size));
    const n = counts.length, mean = counts.reduce((a, b) => a + b, 0) / n;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    const zeros = counts.filter((c) => c === 0).length / n;
    // Poisson(1): mean 1 (SE 1/sqrt(n)), variance 1 (SE about sqrt(3/n)), P(0) = 1/e.
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(3 / n));
    expect(Math.abs(zeros - Math.exp(-1))).toBeLessThan(4 * Math.sqrt((Math.exp(-1) * (1 - Math.exp(-1))) / n));
    console.log(`jumps per path over ${n} paths: mean ${mean.toFixed(4)}, variance ${variance.toFixed(4)}, share with none ${zeros.toFixed(4)} (Poisson: 1, 1, ${Math.exp(-1).toFixed(4)})`);
  });
});
