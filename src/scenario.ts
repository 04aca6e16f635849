// The Scenario: every lever of the model, with its default, bounds, unit and a one-line explanation.
// This table is the single source of truth: the parameter panel, the link codec, the workers and the
// CLI are all driven by it. Values are stored in base units (fractions, seconds, USD); `unit: '%'`
// only changes how a fraction is displayed. docs/model.md gives every formula.

export type Group =
  | 'Market'
  | 'Book of positions'
  | 'Margin'
  | 'Oracle'
  | 'Mechanism'
  | 'Liquidators'
  | 'Insurance fund'
  | 'Assets'
  | 'Asset 2'
  | 'Asset 3'
  | 'Asset 4'
  | 'Asset 5'
  | 'Simulation';

export const GROUPS: readonly Group[] = [
  'Market', 'Book of positions', 'Margin', 'Oracle', 'Mechanism', 'Liquidators', 'Insurance fund',
  'Assets', 'Asset 2', 'Asset 3', 'Asset 4', 'Asset 5', 'Simulation',
];

/** A field is shown (and used) only when another field has one of these values. */
export interface Condition {
  /** A key of FIELDS: the type is the union of the fields that conditions name (see ON), and
   * isActive indexes a Scenario with it, so a condition on a field that does not exist fails to compile. */
  field: (typeof ON)[keyof typeof ON]['field'] | 'assets';
  /** The values under which the field is shown (a choice or a switch)... */
  is?: readonly (string | boolean)[];
  /** ... or the least value (a count: an asset's levers are shown when there are that many assets). */
  atLeast?: number;
}

interface Common {
  group: Group;
  label: string;
  /** One line: what the lever means. */
  help: string;
  when?: Condition;
}
export interface NumberField extends Common {
  kind: 'number' | 'int';
  default: number;
  min: number;
  max: number;
  unit: string;
  /** Sliders move in log space for levers that span orders of magnitude. */
  log?: boolean;
  /** The realistic range, which gets most of the slider's track (the bounds stay reachable). */
  typical?: readonly [number, number];
}
export interface BoolField extends Common {
  kind: 'bool';
  default: boolean;
}
export interface ChoiceField<T extends string = string> extends Common {
  kind: 'choice';
  default: T;
  options: readonly T[];
}
export type Field = NumberField | BoolField | ChoiceField;

const num = (f: Omit<NumberField, 'kind'>): NumberField => ({ kind: 'number', ...f });
const int = (f: Omit<NumberField, 'kind'>): NumberField => ({ kind: 'int', ...f });
const bool = (f: Omit<BoolField, 'kind'>): BoolField => ({ kind: 'bool', ...f });
const choice = <const T extends string>(f: Omit<ChoiceField<T>, 'kind'>): ChoiceField<T> => ({ kind: 'choice', ...f });

const DAY = 86400;
const M = 'Market', B = 'Book of positions', MG = 'Margin', O = 'Oracle', ME = 'Mechanism';
const LQ = 'Liquidators', IF = 'Insurance fund', SIM = 'Simulation';
const on = <const K extends string>(field: K, ...is: (string | boolean)[]) => ({ field, is });
const AS = 'Assets';
/** The conditions fields are shown under. */
const ON = {
  linear: on('impactModel', 'linear'),
  sqrt: on('impactModel', 'sqrt'),
  withdrawal: on('liquidityWithdrawal', true),
  dynamic: on('dynamicMargin', true),
  predictive: on('marginForecast', 'predictive'),
  jumps: on('jumpsOn', true),
  garch: on('volModel', 'garch'),
  partial: on('mechanism', 'partial'),
  optimal: on('partialSchedule', 'optimal'),
  dutch: on('mechanism', 'dutch'),
  amm: on('mechanism', 'amm'),
  compound: on('mechanism', 'compound'),
  stairs: on('auctionDecay', 'stairstep'),
  adlOn: on('adl', true),
  generated: on('bookSource', 'generated'),
  smooth: on('auctionDecay', 'linear', 'exponential'),
  cross: on('marginMode', 'cross'),
};
/** Levers of several assets, shown when there are at least n. */
const assetsAtLeast = (n: number): Condition => ({ field: 'assets', atLeast: n });
/** Asset k's own levers (k = 2..5; asset 1's are the Market, Book, Margin and Oracle levers above). */
const ASSET_LEVERS = ['Price', 'Sigma', 'JumpsPerDay', 'Depth', 'OpenInterest', 'Mmr', 'Latency', 'Deviation', 'Heartbeat'] as const;
type AssetLever<K extends number> = `a${K}${(typeof ASSET_LEVERS)[number]}`;
interface AssetDefaults { price: number; sigma: number; jumps: number; depth: number; oi: number; mmr: number; latency: number }
function assetFields<const K extends 2 | 3 | 4 | 5>(k: K, d: AssetDefaults): Record<AssetLever<K>, NumberField> {
  const group = `Asset ${k}` as Group, when = assetsAtLeast(k);
  return {
    [`a${k}Price`]: num({ group, when, label: 'Start price', default: d.price, min: 0.01, max: 1e7, unit: 'USD', log: true, help: `Price of asset ${k} at the start` }),
    [`a${k}Sigma`]: num({ group, when, label: 'Volatility', default: d.sigma, min: 0, max: 5, unit: '/√yr', help: `Annualised volatility of asset ${k}'s fundamental price` }),
    [`a${k}JumpsPerDay`]: num({ group, when, label: 'Jumps per day', default: d.jumps, min: 0, max: 100, unit: '/day', typical: [0, 20], help: `Average number of asset ${k}'s own jumps per day (their sizes as asset 1's; 0: none)` }),
    [`a${k}Depth`]: num({ group, when, label: 'Depth at 1%', default: d.depth, min: 1e3, max: 1e11, unit: 'USD', log: true, help: `Notional that moves asset ${k}'s market price by 1% (under the square-root law, its daily volume is asset 1's scaled by this depth over asset 1's)` }),
    [`a${k}OpenInterest`]: num({ group, when, label: 'Open interest', default: d.oi, min: 1e3, max: 1e12, unit: 'USD', log: true, help: `Total notional of the positions in asset ${k} at entry` }),
    [`a${k}Mmr`]: num({ group, when, label: 'Maintenance margin', default: d.mmr, min: 0.001, max: 0.5, unit: '%', typical: [0.005, 0.12], help: `Maintenance margin of asset ${k}'s positions, a share of their notional at the oracle price` }),
    [`a${k}Latency`]: num({ group, when, label: 'Oracle latency', default: d.latency, min: 0, max: 3600, unit: 's', typical: [0, 120], help: `Asset ${k}'s oracle reports its market price this long ago` }),
    [`a${k}Deviation`]: num({ group, when, label: 'Oracle deviation threshold', default: 0.005, min: 0, max: 0.5, unit: '%', typical: [0, 0.05], help: `Asset ${k}'s oracle publishes when its price moves by this much` }),
    [`a${k}Heartbeat`]: num({ group, when, label: 'Oracle heartbeat', default: 3600, min: 0, max: DAY, unit: 's', typical: [0, 7200], help: `Asset ${k}'s oracle publishes at least this often` }),
  } as Record<AssetLever<K>, NumberField>;
}
/** Correlation of the fundamentals of assets i and j (i < j), shown when there are j assets. */
const rho = (i: number, j: number): NumberField =>
  num({ group: AS, when: assetsAtLeast(j), label: `Correlation ${i}–${j}`, default: 0.6, min: -1, max: 1, unit: '', help: `Correlation of the fundamental returns of assets ${i} and ${j} (together they must form a valid correlation matrix)` });
const { linear, sqrt, withdrawal, dynamic, predictive, jumps, garch, partial, optimal, dutch, amm, stairs, smooth, adlOn, generated, compound, cross } = ON;

export const FIELDS = {
  // Market: the fundamental price and how the order book absorbs forced flow.
  S0: num({ group: M, label: 'Start price', default: 2000, min: 0.01, max: 1e7, unit: 'USD', log: true, help: 'Price of the volatile asset at the start' }),
  mu: num({ group: M, label: 'Drift', default: 0, min: -5, max: 5, unit: '/yr', help: 'Expected annual return of the fundamental price' }),
  sigma: num({ group: M, label: 'Volatility', default: 0.8, min: 0, max: 5, unit: '/√yr', help: 'Annualised volatility of the fundamental price' }),
  jumpsOn: bool({ group: M, label: 'Jumps', default: true, help: 'Add sudden Merton jumps to the fundamental price' }),
  jumpsPerDay: num({ group: M, label: 'Jumps per day', default: 1, min: 0, max: 100, unit: '/day', when: jumps, typical: [0, 20], help: 'Average number of jumps per day' }),
  jumpMean: num({ group: M, label: 'Mean jump', default: -0.05, min: -1, max: 1, unit: 'log', when: jumps, help: 'Average jump size, in log terms (-0.05 is about -5%)' }),
  jumpStd: num({ group: M, label: 'Jump dispersion', default: 0.04, min: 0, max: 1, unit: 'log', when: jumps, help: 'Standard deviation of jump sizes, in log terms' }),
  volModel: choice({ group: M, label: 'Volatility model', default: 'constant', options: ['constant', 'garch'] as const, help: 'constant: the volatility above throughout; garch: GARCH(1,1), calm and storm alternate around that same long-run volatility' }),
  volClusterHalfLife: num({ group: M, label: 'Storm half-life', default: 21600, min: 1, max: 30 * DAY, unit: 's', log: true, when: garch, typical: [600, 7 * DAY], help: 'How long a burst of volatility takes to fade halfway back to its long-run level' }),
  volOfVol: num({ group: M, label: 'Volatility of volatility', default: 1, min: 0, max: 10, unit: '×', when: garch, typical: [0, 3], help: 'How far the variance strays from its long-run level: its standard deviation as a multiple of that level' }),
  pricePath: choice({ group: M, label: 'Price path', default: 'simulated', options: ['simulated', 'imported', 'imported+noise'] as const, help: 'simulated: the model below; imported: every path follows an imported series; imported+noise: the series as the drift, with the simulated noise around it' }),
  shockDepth: num({ group: M, label: 'Scripted shock', default: 0, min: 0, max: 0.95, unit: '%', help: 'A scripted fall of the fundamental price (0: none)' }),
  shockStart: num({ group: M, label: 'Shock start', default: 3600, min: 0, max: 30 * DAY, unit: 's', typical: [0, 86400], help: 'When the scripted fall begins' }),
  shockDuration: num({ group: M, label: 'Shock duration', default: 600, min: 0, max: 30 * DAY, unit: 's', typical: [0, 7200], help: 'How long the scripted fall takes (0: instantaneous)' }),
  impactModel: choice({ group: M, label: 'Impact model', default: 'linear', options: ['linear', 'sqrt'] as const, help: 'How forced flow moves the price: linear in notional, or the square-root law' }),
  depth1pct: num({ group: M, label: 'Depth at 1%', default: 20e6, min: 1e3, max: 1e11, unit: 'USD', log: true, when: linear, help: 'Notional that moves the market price by 1%' }),
  impactY: num({ group: M, label: 'Impact coefficient Y', default: 0.7, min: 0, max: 5, unit: '', when: sqrt, help: 'Square-root law: impact = Y × daily volatility × √(notional / daily volume)' }),
  dailyVolume: num({ group: M, label: 'Daily volume', default: 5e9, min: 1e5, max: 1e12, unit: 'USD', log: true, when: sqrt, help: 'Notional traded per day, the scale of the square-root law' }),
  permanentImpact: num({ group: M, label: 'Permanent impact', default: 0.3, min: 0, max: 1, unit: '%', help: 'Share of each price move that stays; the rest fades' }),
  resilienceHalfLife: num({ group: M, label: 'Resilience half-life', default: 300, min: 0, max: DAY, unit: 's', typical: [0, 3600], help: 'Half-life of the transient part of price impact (0: gone next step)' }),
  liquidityWithdrawal: bool({ group: M, label: 'Liquidity withdrawal', default: false, help: 'Market makers pull quotes as volatility rises, shrinking depth' }),
  withdrawalExponent: num({ group: M, label: 'Withdrawal exponent', default: 1, min: 0, max: 5, unit: '', when: withdrawal, help: 'Depth scales as (reference vol / estimated vol) to this power' }),
  minDepthShare: num({ group: M, label: 'Minimum depth', default: 0.05, min: 0.001, max: 1, unit: '%', when: withdrawal, help: 'Depth never falls below this share of its calm level' }),

  // Book of positions: generated once per run from the seed (or imported), the same on every path.
  bookSource: choice({ group: B, label: 'Book', default: 'generated', options: ['generated', 'imported'] as const, help: 'generated: from the levers below; imported: positions read from a file' }),
  positions: int({ group: B, label: 'Positions', default: 1000, min: 1, max: 100000, when: generated, unit: '', log: true, help: 'Number of leveraged positions in the book' }),
  openInterest: num({ group: B, label: 'Open interest', default: 500e6, min: 1e3, max: 1e12, when: generated, unit: 'USD', log: true, help: 'Total notional of all positions at entry' }),
  longShare: num({ group: B, label: 'Long share', default: 0.6, min: 0, max: 1, when: generated, unit: '%', help: 'Share of positions that are long' }),
  leverageMean: num({ group: B, label: 'Mean leverage', default: 8, min: 1, max: 200, when: generated, unit: '×', log: true, help: 'Average leverage at entry (capped at 1 / initial margin)' }),
  leverageDispersion: num({ group: B, label: 'Leverage dispersion', default: 0.5, min: 0, max: 3, when: generated, unit: 'log', help: 'Spread of leverage across positions (log standard deviation)' }),
  sizeDispersion: num({ group: B, label: 'Size dispersion', default: 1, min: 0, max: 3, when: generated, unit: 'log', help: 'Spread of position sizes (log standard deviation): whales and minnows' }),
  entrySpread: num({ group: B, label: 'Entry spread', default: 0.05, min: 0, max: 1, when: generated, unit: 'log', help: 'Spread of entry prices around the start price (log standard deviation)' }),
  imr: num({ group: B, label: 'Initial margin', default: 0.05, min: 0.002, max: 1, unit: '%', typical: [0.01, 0.5], help: 'Margin needed to open a position; caps leverage at 1 / imr' }),

  // Margin
  mmr: num({ group: MG, label: 'Maintenance margin', default: 0.03, min: 0.001, max: 0.5, unit: '%', typical: [0.005, 0.12], help: 'Equity below this share of notional, at the oracle price, triggers liquidation' }),
  dynamicMargin: bool({ group: MG, label: 'Volatility-adjusted margin', default: false, help: 'Raise the maintenance margin when estimated volatility rises' }),
  sigmaRef: num({ group: MG, label: 'Reference volatility', default: 0.8, min: 0.01, max: 5, unit: '/√yr', help: 'Volatility at which margin and depth are at their calm levels' }),
  marginForecast: choice({ group: MG, label: 'Margin rule', default: 'reactive', options: ['reactive', 'predictive'] as const, when: dynamic, help: 'reactive: margin scales with the volatility estimated so far; predictive: margin covers a multiple of the volatility forecast over the liquidation horizon (with GARCH mean reversion when the market has it)' }),
  liquidationHorizon: num({ group: MG, label: 'Liquidation horizon', default: 3600, min: 1, max: 7 * DAY, unit: 's', log: true, when: predictive, typical: [60, 86400], help: 'How long the protocol may need to close a position: the horizon of the volatility forecast' }),
  safetyMultiple: num({ group: MG, label: 'Safety multiple', default: 3, min: 0.1, max: 20, unit: '×', when: predictive, typical: [1, 6], help: 'The margin covers a move of this many forecast standard deviations over the liquidation horizon' }),
  maxMultiplier: num({ group: MG, label: 'Maximum multiplier', default: 3, min: 1, max: 20, unit: '×', when: dynamic, help: 'Cap on how far volatility can raise the maintenance margin' }),
  volHalfLife: num({ group: MG, label: 'Volatility half-life', default: 3600, min: 1, max: 30 * DAY, unit: 's', typical: [60, 86400], help: 'Half-life of the EWMA estimate of the oracle price volatility' }),

  // Oracle
  oracleLatency: num({ group: O, label: 'Oracle latency', default: 10, min: 0, max: 3600, unit: 's', typical: [0, 120], help: 'The oracle reports the market price this long ago' }),
  oracleDeviation: num({ group: O, label: 'Deviation threshold', default: 0.005, min: 0, max: 0.5, unit: '%', typical: [0, 0.05], help: 'The oracle publishes when its price moves by this much' }),
  oracleHeartbeat: num({ group: O, label: 'Heartbeat', default: 3600, min: 0, max: DAY, unit: 's', typical: [0, 7200], help: 'The oracle publishes at least this often' }),

  // Mechanism
  mechanism: choice({ group: ME, label: 'Mechanism', default: 'full', options: ['full', 'partial', 'dutch', 'amm', 'aave', 'hyperliquid', 'compound'] as const, help: "How a liquidatable position is reduced (aave: Aave v3.3's liquidationCall, the penalty being its bonus; hyperliquid: 20% slices of large positions, the vault below 2/3 of maintenance; compound: Compound III absorbs, then sells the collateral at a discount)" }),
  closeFactor: num({ group: ME, label: 'Close factor', default: 0.25, min: 0.01, max: 1, unit: '%', when: partial, help: 'Smallest share of a position closed per liquidation' }),
  buffer: num({ group: ME, label: 'Buffer', default: 0.01, min: 0, max: 0.5, unit: '%', when: partial, typical: [0, 0.1], help: 'Close enough to restore maintenance margin plus this buffer' }),
  maxLiquidationPerStep: num({ group: ME, label: 'Rate limit', default: 20e6, min: 1e3, max: 1e12, unit: 'USD', log: true, when: partial, help: 'Most notional liquidated per step across the whole book' }),
  partialSchedule: choice({ group: ME, label: 'Schedule', default: 'rule', options: ['rule', 'optimal'] as const, when: partial, help: 'rule: close factor or buffer each time; optimal: sell along the Almgren–Chriss trajectory' }),
  scheduleWindow: num({ group: ME, label: 'Schedule window', default: 600, min: 1, max: DAY, unit: 's', log: true, when: optimal, help: 'Time over which a liquidated position is sold on the optimal schedule' }),
  riskAversion: num({ group: ME, label: 'Risk aversion', default: 1e-6, min: 1e-12, max: 1e-2, unit: '/USD', log: true, when: optimal, help: 'Almgren–Chriss lambda: higher sells sooner, trading impact for less price risk' }),
  auctionStart: num({ group: ME, label: 'Auction start', default: 1.05, min: 0.5, max: 3, unit: '× oracle', when: dutch, help: 'The auction price starts at this multiple of the oracle price' }),
  auctionEnd: num({ group: ME, label: 'Auction end', default: 0.8, min: 0.05, max: 2, unit: '× oracle', when: smooth, help: 'The auction price reaches this multiple of the oracle price at its tail' }),
  auctionDuration: num({ group: ME, label: 'Auction tail', default: 600, min: 1, max: DAY, unit: 's', when: dutch, help: "Unsold after longer than this, the auction restarts from the oracle price (Maker's tail)" }),
  auctionDecay: choice({ group: ME, label: 'Auction decay', default: 'exponential', options: ['linear', 'exponential', 'stairstep'] as const, when: dutch, help: 'Shape of the price decay during an auction' }),
  auctionStepTime: num({ group: ME, label: 'Stair length', default: 120, min: 1, max: DAY, unit: 's', log: true, when: stairs, help: "The price is cut once every this many seconds (Maker's step)" }),
  auctionCut: num({ group: ME, label: 'Cut per stair', default: 0.95, min: 0.01, max: 1, unit: '×', when: stairs, typical: [0.5, 1], help: "Each stair multiplies the price by this (Maker's cut)" }),
  auctionCusp: num({ group: ME, label: 'Auction cusp', default: 0, min: 0, max: 0.99, unit: '× start', when: dutch, help: "The auction also restarts when its price falls below this share of its starting price (Maker's cusp; 0: never)" }),
  keeperTip: num({ group: ME, label: 'Keeper tip', default: 0, min: 0, max: 1e6, unit: 'USD', when: dutch, typical: [0, 1000], help: "Flat reward the protocol pays whoever starts or restarts an auction (Maker's tip)" }),
  keeperChip: num({ group: ME, label: 'Keeper chip', default: 0, min: 0, max: 0.1, unit: '%', when: dutch, typical: [0, 0.01], help: "Reward, as a share of the debt auctioned, the protocol pays whoever starts or restarts an auction (Maker's chip)" }),
  ammLiquidity: num({ group: ME, label: 'AMM liquidity', default: 50e6, min: 1e3, max: 1e12, unit: 'USD', log: true, when: amm, help: 'Value of the protocol-owned constant-product pool' }),
  ammMaxSlippage: num({ group: ME, label: 'Pool slippage limit', default: 0.1, min: 0.001, max: 1, unit: '%', when: amm, typical: [0.005, 0.5], help: 'The pool takes liquidations only while its price stays this close to the market price; the rest waits' }),
  storeFrontFactor: num({ group: ME, label: 'Store-front factor', default: 0.5, min: 0, max: 1, unit: '%', when: compound, help: "Absorbed collateral sells at the oracle price less this share of the penalty (Compound's storeFrontPriceFactor)" }),
  targetReserves: num({ group: ME, label: 'Target reserves', default: 5e6, min: 0, max: 1e12, unit: 'USD', when: compound, typical: [0, 1e8], help: 'Absorbed collateral is sold only while the fund is below this' }),
  ammArbHalfLife: num({ group: ME, label: 'Arbitrage half-life', default: 60, min: 0, max: DAY, unit: 's', when: amm, typical: [0, 3600], help: 'How fast arbitrage pulls the pool back to the market' }),

  // Liquidators
  liquidatorCapacity: num({ group: LQ, label: 'Liquidator capacity', default: 50e6, min: 0, max: 1e12, unit: 'USD/step', typical: [0, 5e8], help: 'Most notional liquidators can take per step' }),
  gasCost: num({ group: LQ, label: 'Gas cost', default: 5, min: 0, max: 1e5, unit: 'USD', typical: [0, 100], help: 'Cost to a liquidator of one liquidation' }),
  congestion: num({ group: LQ, label: 'Congestion', default: 0, min: 0, max: 5, unit: '', help: 'Gas rises as (estimated vol / reference vol) to this power' }),
  backstop: bool({ group: LQ, label: 'Backstop', default: true, help: 'The insurance fund liquidates what no liquidator will take' }),

  // Insurance fund
  insuranceFund: num({ group: IF, label: 'Insurance fund', default: 5e6, min: 0, max: 1e12, unit: 'USD', typical: [0, 1e8], help: 'Covers bad debt until it runs dry' }),
  penalty: num({ group: IF, label: 'Liquidation penalty', default: 0.01, min: 0, max: 0.5, unit: '%', typical: [0, 0.15], help: 'Share of liquidated notional charged to the trader, paid from the equity left' }),
  liquidatorShare: num({ group: IF, label: 'Liquidator share', default: 0.5, min: 0, max: 1, unit: '%', help: 'Share of the penalty paid to the liquidator; the rest goes to the fund' }),
  adl: bool({ group: IF, label: 'Auto-deleveraging', default: false, help: 'Socialise uncovered bad debt onto the opposite side' }),
  adlRule: choice({ group: IF, label: 'ADL rule', default: 'pro-rata', options: ['pro-rata', 'queue'] as const, when: adlOn, help: 'pro-rata: a levy per unit of size on every open position; queue: close the winners ranked by profit % × leverage, in full' }),

  // Several assets: accounts margined across them, and how a crash in one spills into the others.
  assets: int({ group: AS, label: 'Assets', default: 1, min: 1, max: 5, unit: '', help: 'Number of assets traded (1: the one-asset model; more: accounts hold every asset, docs/model.md §11)' }),
  marginMode: choice({ group: AS, label: 'Margin mode', default: 'cross', options: ['cross', 'isolated'] as const, when: assetsAtLeast(2), help: 'cross: an account is liquidated when its equity across all its assets falls below the sum of their maintenance margins; isolated: each position stands alone' }),
  closeOrder: choice({ group: AS, label: 'Close first', default: 'largest', options: ['largest', 'worst', 'liquid'] as const, when: cross, help: 'Which position of a cross-margin account a partial liquidation closes first: the largest maintenance requirement, the worst loss, or the one in the deepest market' }),
  commonJumpsPerDay: num({ group: AS, label: 'Market-wide jumps per day', default: 0, min: 0, max: 100, unit: '/day', when: assetsAtLeast(2), typical: [0, 5], help: 'Average number of crashes that hit every asset at once (0: none)' }),
  commonJumpMean: num({ group: AS, label: 'Market-wide jump', default: -0.1, min: -1, max: 1, unit: 'log', when: assetsAtLeast(2), help: "Average size of a market-wide jump, in log terms, the same for every asset (its dispersion is asset 1's jump dispersion)" }),
  rho12: rho(1, 2), rho13: rho(1, 3), rho23: rho(2, 3), rho14: rho(1, 4), rho24: rho(2, 4),
  rho34: rho(3, 4), rho15: rho(1, 5), rho25: rho(2, 5), rho35: rho(3, 5), rho45: rho(4, 5),
  ...assetFields(2, { price: 90000, sigma: 0.55, jumps: 0.5, depth: 60e6, oi: 800e6, mmr: 0.02, latency: 10 }),
  ...assetFields(3, { price: 150, sigma: 1, jumps: 1.5, depth: 8e6, oi: 200e6, mmr: 0.05, latency: 10 }),
  ...assetFields(4, { price: 20, sigma: 1.2, jumps: 2, depth: 2e6, oi: 80e6, mmr: 0.08, latency: 20 }),
  ...assetFields(5, { price: 1, sigma: 1.5, jumps: 3, depth: 1e6, oi: 50e6, mmr: 0.1, latency: 30 }),

  // Simulation
  seed: int({ group: SIM, label: 'Seed', default: 1, min: 0, max: 4294967295, unit: '', typical: [0, 1000], help: 'Same seed and levers give bit-identical results; the seed also draws a generated book: another seed is another market' }),
  normalBits: choice({ group: SIM, label: 'Bits per normal', default: '32', options: ['32', '64'], help: 'Random bits behind each normal draw: 32, or 64 as links made before v=2 drew them (they reproduce with it)' }),
  paths: int({ group: SIM, label: 'Paths', default: 4000, min: 1, max: 200000, unit: '', log: true, help: 'Number of simulated price paths' }),
  horizon: num({ group: SIM, label: 'Horizon', default: DAY, min: 60, max: 30 * DAY, unit: 's', log: true, help: 'Length of each simulated path' }),
  dt: num({ group: SIM, label: 'Time step', default: 20, min: 1, max: 3600, unit: 's', log: true, help: 'Length of a step; latency and heartbeat round to whole steps' }),
} satisfies Record<string, Field>;

type Fields = typeof FIELDS;
export type FieldKey = keyof Fields;
type ValueOf<F> = F extends { kind: 'choice'; options: readonly (infer T)[] } ? T : F extends BoolField ? boolean : number;
/** A complete, valid set of levers. */
export type Scenario = { [K in FieldKey]: ValueOf<Fields[K]> };

export const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];

export function field(key: FieldKey): Field {
  return FIELDS[key] as Field;
}

export function defaultScenario(): Scenario {
  const s: Record<string, unknown> = {};
  for (const k of FIELD_KEYS) s[k] = FIELDS[k].default;
  return s as Scenario;
}

/** Whether a field matters under the scenario's other choices (e.g. dutch levers under dutch). */
export function isActive(s: Scenario, key: FieldKey): boolean {
  const w = field(key).when;
  // A field that depends on a hidden field is hidden too (schedule window <- schedule <- mechanism).
  if (!w) return true;
  const v = s[w.field];
  return (!w.is || w.is.includes(v as string | boolean)) && (w.atLeast === undefined || (v as number) >= w.atLeast) && isActive(s, w.field as FieldKey);
}

/** Number of time steps. */
export function stepsOf(s: Pick<Scenario, 'horizon' | 'dt'>): number {
  return Math.max(1, Math.round(s.horizon / s.dt));
}
