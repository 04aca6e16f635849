// The liquidation map and the cascade curve of the book at t = 0, from the book and the impact
// model alone (no randomness): after an instantaneous move of the price by x, every position whose
// liquidation price is crossed is closed at once, its flow moves the price through the impact
// curve, which may cross more positions, until none is left to cross. The final move against x
// shows the tipping point where a small shock runs away.
import * as A from './shared/abi';
import { Book } from './book';
import { Impact } from './impact';
import { ModelParams } from './params';


/**
 * Fills out (C_COUNT x CASCADE_POINTS) for the book under the scenario's impact model. Along a
 * ladder liquidation prices only get further away and each forced trade only pushes the price
 * further, so the first position not crossed ends the cascade, and the positions crossed by the
 * move alone are a prefix of those crossed in the end.
 */
export function cascadeCurve(m: ModelParams, book: Book, out: StaticArray<f64>): void {
  const impact = new Impact();
  impact.configure(m, 1);
  const P = A.CASCADE_POINTS;
  for (let k = 0; k < P; k++) {
    const x = <f64>k / 100;
    for (let side = 0; side < 2; side++) {
      const long = side == 0;
      const order = long ? book.longLadder : book.shortLadder;
      const s: f64 = long ? 1 : -1;
      const Pref = m.S0 * (1 - s * x); // the price right after the move
      const margin = long ? 1 - m.mmr : 1 + m.mmr;
      let moved: f64 = 0, cascaded: f64 = 0, U: f64 = 0, price = Pref;
      for (let j = 0; j < order.length; j++) {
        const i = unchecked(order[j]);
        const liq = unchecked(book.K[i]) / margin; // the position's liquidation price
        if (long ? liq < price : liq > price) break;
        const q = unchecked(book.q[i]);
        if (long ? liq >= Pref : liq <= Pref) moved += q * liq;
        cascaded += q * liq;
        U -= s * q * m.S0;
        const g = impact.g(U);
        if (Math.abs(g) >= A.PRICE_BAND) {
          price = Pref * NativeMath.exp(g > 0 ? A.PRICE_BAND : -A.PRICE_BAND); // the book is exhausted
          break;
        }
        price = Pref * NativeMath.exp(g);
      }
      const base = (long ? A.C_DOWN_STATIC : A.C_UP_STATIC) * P;
      unchecked((out[base + k] = moved));
      unchecked((out[base + P + k] = cascaded));
      unchecked((out[base + 2 * P + k] = long ? 1 - price / m.S0 : price / m.S0 - 1));
    }
  }
}
