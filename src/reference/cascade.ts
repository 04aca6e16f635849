// Reference twin of assembly/cascade.ts: the liquidation map and the cascade curve of the book at
// t = 0 under the impact model (see that file for the reasoning).
import * as A from '../../assembly/shared/abi';
import type { Book } from './book';
import { Impact } from './impact';
import type { ModelParams } from './model-params';

/** The cascade stops where the book is exhausted: the price band of the simulation (ln 1000). */
const BAND = 6.907755278982137;

export function cascadeCurve(m: ModelParams, book: Book): Float64Array {
  const out = new Float64Array(A.C_COUNT * A.CASCADE_POINTS);
  const impact = new Impact();
  impact.configure(m, 1);
  const P = A.CASCADE_POINTS;
  for (let k = 0; k < P; k++) {
    const x = k / 100;
    for (let side = 0; side < 2; side++) {
      const long = side === 0;
      const order = long ? book.longLadder : book.shortLadder;
      const s = long ? 1 : -1;
      const Pref = m.S0 * (1 - s * x);
      const margin = long ? 1 - m.mmr : 1 + m.mmr;
      let moved = 0, cascaded = 0, U = 0, price = Pref;
      for (let j = 0; j < order.length; j++) {
        const i = order[j];
        const liq = book.K[i] / margin;
        if (long ? liq < price : liq > price) break;
        const q = book.q[i];
        if (long ? liq >= Pref : liq <= Pref) moved += q * liq;
        cascaded += q * liq;
        U -= s * q * m.S0;
        const g = impact.g(U);
        if (Math.abs(g) >= BAND) {
          price = Pref * Math.exp(g > 0 ? BAND : -BAND); // the book is exhausted
          break;
        }
        price = Pref * Math.exp(g);
      }
      const base = (long ? A.C_DOWN_STATIC : A.C_UP_STATIC) * P;
      out[base + k] = moved;
      out[base + P + k] = cascaded;
      out[base + 2 * P + k] = long ? 1 - price / m.S0 : price / m.S0 - 1;
    }
  }
  return out;
}
