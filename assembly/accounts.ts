// The accounts of several assets (docs/model.md §11), generated once per run from the seed: each
// trader holds a position in every asset, all on one side, sized by the asset's open interest, at
// one leverage. Under cross margin an account is its positions against one margin balance; under
// isolated margin each position is an account of its own. Only (q, E, collateral) drive the dynamics.
import * as A from './shared/abi';
import { Draws } from './normal';
import { ModelParams } from './params';

export class Accounts {
  /** Accounts, and legs (positions): account j holds legs [start[j], start[j + 1]). */
  n: i32;
  legs: i32;
  start: StaticArray<i32>;
  asset: StaticArray<i32>; // the leg's asset
  q0: StaticArray<f64>; // signed size at entry (asset units; shorts negative)
  entry: StaticArray<f64>;
  coll0: StaticArray<f64>; // the account's margin balance at entry

  constructor(n: i32, legs: i32) {
    this.n = n;
    this.legs = legs;
    this.start = new StaticArray<i32>(n + 1);
    this.asset = new StaticArray<i32>(legs);
    this.q0 = new StaticArray<f64>(legs);
    this.entry = new StaticArray<f64>(legs);
    this.coll0 = new StaticArray<f64>(n);
  }
}

/**
 * Accounts for `ms` (one ModelParams per asset; the book levers are the first asset's): trader j is
 * long with probability longShare, has size weight w_j (lognormal, sizeDispersion) and leverage L_j
 * (lognormal around leverageMean, within [1, 1/imr]); its position in asset a has notional
 * OI_a w_j / sum(w) at an entry price S0_a exp(entrySpread z), and margin notional / L_j.
 */
export function generateAccounts(ms: ModelParams[], cross: bool): Accounts {
  const m = ms[0], na = ms.length, traders = m.positions;
  const rng = new Draws();
  rng.reset(m.seed, 0, A.STREAM_ACCOUNTS, m.wide);
  const side = new StaticArray<f64>(traders), w = new StaticArray<f64>(traders), lev = new StaticArray<f64>(traders);
  const z = new StaticArray<f64>(traders * na);
  const ss = m.sizeDispersion, sl = m.leverageDispersion;
  let W: f64 = 0;
  for (let j = 0; j < traders; j++) {
    unchecked((side[j] = rng.uniform() < m.longShare ? 1 : -1));
    unchecked((w[j] = NativeMath.exp(ss * rng.normal() - 0.5 * ss * ss)));
    const L = m.leverageMean * NativeMath.exp(sl * rng.normal() - 0.5 * sl * sl);
    unchecked((lev[j] = Math.min(Math.max(L, 1), 1 / m.imr)));
    W += unchecked(w[j]);
  }
  // Entry prices asset after asset: an asset's positions do not depend on how many assets follow.
  for (let a = 0; a < na; a++) for (let j = 0; j < traders; j++) unchecked((z[j * na + a] = rng.normal()));
  const n = cross ? traders : traders * na;
  const acc = new Accounts(n, traders * na);
  let leg = 0, k = 0;
  for (let j = 0; j < traders; j++) {
    let coll: f64 = 0;
    for (let a = 0; a < na; a++) {
      const ma = unchecked(ms[a]);
      const notional = (ma.openInterest * unchecked(w[j])) / W;
      const E = ma.S0 * NativeMath.exp(m.entrySpread * unchecked(z[j * na + a]));
      if (!cross) {
        unchecked((acc.start[k] = leg));
        unchecked((acc.coll0[k++] = notional / unchecked(lev[j])));
      } else if (a == 0) unchecked((acc.start[k] = leg));
      coll += notional / unchecked(lev[j]);
      unchecked((acc.asset[leg] = a));
      unchecked((acc.q0[leg] = (unchecked(side[j]) * notional) / E));
      unchecked((acc.entry[leg] = E));
      leg++;
    }
    if (cross) unchecked((acc.coll0[k++] = coll));
  }
  unchecked((acc.start[n] = leg));
  return acc;
}
