// The correlation of several assets' fundamentals (docs/model.md §11): the matrix from the Scenario's
// pairwise levers, and its Cholesky factor L (C = L Lᵀ), so that z = L eps turns independent normals
// into correlated ones. Also run on the host to tell the user when the matrix is not positive definite.
import * as A from './shared/abi';

/** Slot of the correlation of assets i < j (0-based): rho12, rho13, rho23, rho14, ... (column by column). */
export function rhoSlot(i: i32, j: i32): i32 {
  return A.P_RHO12 + (j * (j - 1)) / 2 + i;
}

/** The n x n correlation matrix (row-major) the parameters give. */
export function correlationMatrix(p: StaticArray<f64>, n: i32): StaticArray<f64> {
  const c = new StaticArray<f64>(n * n);
  for (let i = 0; i < n; i++) {
    unchecked((c[i * n + i] = 1));
    for (let j = i + 1; j < n; j++) {
      const r = p[rhoSlot(i, j)];
      unchecked((c[i * n + j] = r));
      unchecked((c[j * n + i] = r));
    }
  }
  return c;
}

/** Below this, a pivot is zero: the matrix is semi-definite there (assets that move as one). */
const TINY: f64 = 1e-12;

/**
 * A lower-triangular factor L of correlation matrix c (n x n, row-major) with c = L Lᵀ, by Cholesky's
 * method, or an empty array when c is not a correlation matrix (not positive semi-definite). A zero
 * pivot (correlation 1 between assets, or a combination of them) gives a zero column: those assets
 * share normals exactly. Row 0 is (1, 0, ..): the first asset's normals are its own draws, as in the
 * one-asset model.
 */
export function choleskyOf(c: StaticArray<f64>, n: i32): StaticArray<f64> {
  const L = new StaticArray<f64>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = unchecked(c[i * n + j]);
      for (let k = 0; k < j; k++) s -= unchecked(L[i * n + k]) * unchecked(L[j * n + k]);
      if (i == j) {
        if (s < -TINY) return new StaticArray<f64>(0);
        unchecked((L[i * n + i] = s > TINY ? Math.sqrt(s) : 0));
      } else if (unchecked(L[j * n + j]) > 0) unchecked((L[i * n + j] = s / unchecked(L[j * n + j])));
      else if (Math.abs(s) > 1e-9) return new StaticArray<f64>(0); // a zero pivot needs a zero remainder
    }
  }
  return L;
}

/** The factor the engine uses: of the parameters' matrix (resolve.ts makes it valid; independent assets if an invalid one comes anyway). */
export function cholesky(p: StaticArray<f64>, n: i32): StaticArray<f64> {
  const L = choleskyOf(correlationMatrix(p, n), n);
  if (L.length > 0) return L;
  const I = new StaticArray<f64>(n * n);
  for (let i = 0; i < n; i++) unchecked((I[i * n + i] = 1));
  return I;
}
