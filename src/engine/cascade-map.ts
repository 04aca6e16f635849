// The liquidation map and cascade curve in named arrays (from the C_* layout of the core's output).
import * as A from '../../assembly/shared/abi';

export interface CascadeSide {
  /** Notional whose liquidation price the move alone crosses. */
  moved: number[];
  /** Notional (at liquidation prices) liquidated once the cascade the move starts has settled. */
  cascaded: number[];
  /** The final move (a fraction of the start price) once the cascade has settled. */
  final: number[];
}

export interface CascadeMap {
  /** Moves of the price, as fractions: 0, 0.01, ..., 0.6. */
  moves: number[];
  down: CascadeSide; // falls: longs
  up: CascadeSide; // rises: shorts
}

export function decodeCascade(c: Float64Array): CascadeMap {
  const P = A.CASCADE_POINTS;
  const row = (r: number) => Array.from(c.subarray(r * P, (r + 1) * P));
  return {
    moves: Array.from({ length: P }, (_, k) => k / 100),
    down: { moved: row(A.C_DOWN_STATIC), cascaded: row(A.C_DOWN_CASCADE), final: row(A.C_DOWN_FINAL) },
    up: { moved: row(A.C_UP_STATIC), cascaded: row(A.C_UP_CASCADE), final: row(A.C_UP_FINAL) },
  };
}

/** The smallest move from which the cascade at least doubles it (the tipping point), or null. */
export function tippingPoint(side: CascadeSide, moves: number[]): number | null {
  for (let k = 1; k < moves.length; k++) if (side.final[k] >= 2 * moves[k]) return moves[k];
  return null;
}
