// Closed forms the simulation must reproduce in degenerate cases.

/** Standard normal CDF, via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function Phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/**
 * Probability that geometric Brownian motion from S0 (drift mu, volatility sigma, per year) falls to
 * the barrier B < S0 within T years: the reflection principle with drift nu = mu - sigma^2/2.
 */
export function barrierHit(S0: number, B: number, mu: number, sigma: number, T: number): number {
  const b = Math.log(B / S0);
  const nu = mu - 0.5 * sigma * sigma;
  const s = sigma * Math.sqrt(T);
  return Phi((b - nu * T) / s) + Math.exp((2 * nu * b) / (sigma * sigma)) * Phi((b + nu * T) / s);
}

/** Broadie, Glasserman and Kou (1997): beta = -zeta(1/2) / sqrt(2 pi). */
export const BGK_BETA = 0.5825971579390106;

/** The same probability when the price is only watched every dt years: the barrier shifts away. */
export function barrierHitDiscrete(S0: number, B: number, mu: number, sigma: number, T: number, dt: number): number {
  return barrierHit(S0, B * Math.exp(-BGK_BETA * sigma * Math.sqrt(dt)), mu, sigma, T);
}
