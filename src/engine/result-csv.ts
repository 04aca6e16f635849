// The time series of a result as CSV: one row per grid time, curves (each with its 95% Wilson
// interval: a share of the paths run) and every band.
import { BAND_LEVELS, type Bands, type Summary } from './summary';
import { wilson } from './uncertainty';

export function resultCsv(s: Summary): string {
  const bandCols = (name: string) => [...BAND_LEVELS.map((l) => `${name}_p${Math.round(l * 100)}`), `${name}_mean`];
  const curveCols = (name: string) => [name, `${name}_lo95`, `${name}_hi95`];
  const header = [
    'time_s', ...curveCols('share_liquidated'), ...curveCols('share_insolvent'), ...curveCols('share_fund_paid'),
    ...bandCols('market_price'), ...bandCols('fundamental_price'), ...bandCols('insurance_fund'), ...bandCols('liquidated_notional'),
  ];
  const bandVals = (b: Bands, g: number) => [...b.levels.map((l) => l[g]), b.mean[g]];
  const curveVals = (share: number) => {
    const { lo, hi } = wilson(Math.round(share * s.paths), s.paths);
    return [share, lo, hi];
  };
  const rows = s.time.map((t, g) => [
    t, ...curveVals(s.liquidationCurve[g]), ...curveVals(s.solvencyCurve[g]), ...curveVals(s.fundTouchedCurve[g]),
    ...bandVals(s.bands.market, g), ...bandVals(s.bands.fundamental, g), ...bandVals(s.bands.fund, g), ...bandVals(s.bands.liquidated, g),
  ]);
  return [header.join(','), ...rows.map((r) => r.map((v) => (Number.isFinite(v) ? String(v) : '')).join(','))].join('\n') + '\n';
}
