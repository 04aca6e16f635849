// Shared helpers for the band charts: domains and hover rows.
import { BAND_LEVELS, type Bands } from '../../engine/summary';
import type { HoverRow } from './types';

/** [min of the 5% band, max of the 95% band] over every bands object given. */
export function bandDomain(all: (Bands | undefined)[], floor?: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const b of all) {
    if (!b) continue;
    for (const v of b.levels[0]) if (Number.isFinite(v)) lo = Math.min(lo, v);
    for (const v of b.levels[4]) if (Number.isFinite(v)) hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (floor !== undefined) lo = Math.min(floor, lo);
  const pad = (hi - lo) * 0.04 || Math.abs(hi) * 0.04 || 1;
  return [floor !== undefined && lo >= floor ? floor : lo - pad, hi + pad];
}

export function bandRows(b: Bands, i: number, label: string, color: string, fmt: (v: number) => string): HoverRow[] {
  return [
    { label: `${label} median`, value: fmt(b.levels[2][i]), color },
    { label: `${label} 25–75%`, value: `${fmt(b.levels[1][i])} – ${fmt(b.levels[3][i])}`, color },
    { label: `${label} 5–95%`, value: `${fmt(b.levels[0][i])} – ${fmt(b.levels[4][i])}`, color },
  ];
}

export const LEVEL_LABELS = BAND_LEVELS.map((l) => `${Math.round(l * 100)}%`);
