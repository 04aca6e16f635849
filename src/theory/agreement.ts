// How far a simulated probability curve is from its closed form, in standard errors. Under the
// closed form p, the share of n paths has standard error sqrt(p (1 - p) / n); a share moves in steps
// of 1/n, so half a step is allowed on top (where p is near 0 or 1 the error alone is tiny).
export interface Agreement {
  /** The largest gap in standard errors (over the points compared), and where. */
  worstZ: number;
  at: number;
  gap: number;
  se: number;
}

export function agreement(simulated: readonly number[], theory: readonly number[], n: number): Agreement {
  let worst: Agreement = { worstZ: 0, at: 0, gap: 0, se: 0 };
  theory.forEach((p, i) => {
    const se = Math.sqrt((p * (1 - p)) / n);
    const gap = simulated[i] - p;
    const z = Math.max(0, Math.abs(gap) - 0.5 / n) / Math.max(se, 1e-12);
    if (z > worst.worstZ || (worst.worstZ === 0 && i === 0)) worst = { worstZ: z, at: i, gap, se };
  });
  return worst;
}
