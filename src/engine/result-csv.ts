// The time series of a result as CSV: one row per grid time, curves and every band.
import { BAND_LEVELS, type Bands, type Summary } from './summary';

export function resultCsv(s: Summary): string {
  const bandCols = (name: string) => [...BAND_LEVELS.map((l) => `${name}_p${Math.round(l * 100)}`), `${name}_mean`];
  const header = [
    'time_s', 'share_liquidated', 'share_insolvent', 'share_fund_paid',
    ...bandCols('market_price'), ...bandCols('fundamental_price'), ...bandCols('insurance_fund'), ...bandCols('liquidated_notional'),
  ];
  const bandVals = (b: Bands, g: number) => [...b.levels.map((l) => l[g]), b.mean[g]];
  const rows = s.time.map((t, g) => [
    t, s.liquidationCurve[g], s.solvencyCurve[g], s.fundTouchedCurve[g],
    ...bandVals(s.bands.market, g), ...bandVals(s.bands.fundamental, g), ...bandVals(s.bands.fund, g), ...bandVals(s.bands.liquidated, g),
  ]);
  return [header.join(','), ...rows.map((r) => r.map((v) => (Number.isFinite(v) ? String(v) : '')).join(','))].join('\n') + '\n';
}
