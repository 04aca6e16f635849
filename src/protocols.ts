// Protocol rule sets: what real protocols set, lever by lever, each value with its source, the date
// it was read as of and how sure it is (../shared/protocols.md gathered them). A link names one with
// `rules=<id>`; it changes only the rules (margins, oracle, mechanism, penalty), so it composes with
// any preset's market and book: `preset=black-thursday&rules=maker-eth-a` is that crash under
// Maker's rules. Opened alone, a rule set also brings a book typical of its users, marked as an
// assumption. What a protocol does that the model cannot yet express is listed, not hidden.
import type { FieldKey, Scenario } from './scenario';

export type Confidence = 'code' | 'secondary' | 'unconfirmed';

export interface Provenance {
  /** Where the value comes from, and a link when there is one to open. */
  source: string;
  url?: string;
  /** The date (or version) the value was read as of. */
  asOf: string;
  /** code: read from the protocol's code, config or docs; secondary: another source or an older
   * snapshot; unconfirmed: commonly cited, not verified. */
  confidence: Confidence;
  /** How the protocol's value maps onto the lever, when it is not the number itself. */
  note?: string;
}

export interface Protocol {
  id: string;
  name: string;
  /** What the rules do, in two or three sentences. */
  look: string;
  rules: Partial<Scenario>;
  /** A book typical of the protocol's users, used only when the rules are opened alone. */
  book: Partial<Scenario>;
  provenance: Partial<Record<FieldKey, Provenance>>;
  /** What the protocol does that these levers do not capture. */
  notModelled: string[];
}

const AAVE_CODE = 'https://github.com/aave-dao/aave-v3-origin/blob/main/src/contracts/protocol/libraries/logic/LiquidationLogic.sol';
const AAVE_CONFIG = 'https://github.com/Debt-Purchasing/debt-purchasing-contracts/blob/main/aave-debt-purchasing/docs/MAINNET_CONFIG_ANALYSIS.md';
const MAKER_CONFIG = 'https://github.com/sky-ecosystem/spells-mainnet/blob/master/src/test/config.sol';
const DSS = 'https://github.com/makerdao/dss/blob/master/src/abaci.sol';
const OSM = 'https://github.com/makerdao/osm/blob/master/src/osm.sol';
const COMET_CONFIG = 'https://github.com/compound-finance/comet/blob/main/deployments/mainnet/usdc/configuration.json';
const COMET_DOCS = 'https://github.com/compound-finance/comet/blob/main/README.md';
const DYDX_MARGIN = 'https://github.com/dydxprotocol/v4-documentation/blob/main/pages/getting_started/margin_calculations.md';
const DYDX_CHAIN = 'https://github.com/dydxprotocol/v4-chain';
const HL_DOCS = 'https://hyperliquid.gitbook.io/hyperliquid-docs';

const assumption = (note: string): Provenance => ({ source: 'Cascade Lab: an assumption about the users, not a protocol parameter', asOf: '2026-11-29', confidence: 'unconfirmed', note });

export const PROTOCOLS: Protocol[] = [
  {
    id: 'aave-v3-weth',
    name: 'Aave v3 WETH (Ethereum Core)',
    look:
      "Aave v3.3's liquidationCall: a keeper repays half the debt of a position whose health factor fell below 1 " +
      '(all of it below 0.95, or under $2,000) and takes collateral worth the debt plus a 5% bonus, 10% of the bonus ' +
      "to the treasury. Nobody backstops: positions no keeper takes wait, and the debt left without collateral is the reserve's deficit.",
    rules: {
      mechanism: 'aave', mmr: 0.17, imr: 0.195, penalty: 0.05, liquidatorShare: 0.9,
      oracleDeviation: 0.005, oracleHeartbeat: 3600, backstop: false, adl: false,
    },
    book: { longShare: 0.85, leverageMean: 2.5, leverageDispersion: 0.4 },
    provenance: {
      mechanism: { source: "aave-v3-origin: LiquidationLogic.sol and docs/3.3/Aave-v3.3-features.md", url: AAVE_CODE, asOf: 'v3.3 (2025)', confidence: 'code' },
      mmr: { source: 'Liquidation threshold 83%, read from a mainnet fork; the Chaos Labs ARFC (governance.aave.com/t/18997) targets 83%', url: AAVE_CONFIG, asOf: 'early 2024', confidence: 'secondary', note: 'mmr = 1 − liquidation threshold: health below 1 is equity below 17% of the collateral' },
      imr: { source: 'LTV 80.5%, read from a mainnet fork', url: AAVE_CONFIG, asOf: 'early 2024', confidence: 'secondary', note: 'imr = 1 − LTV: at most 5.1× leverage' },
      penalty: { source: 'Liquidation bonus 5% (10500)', url: AAVE_CONFIG, asOf: 'early 2024', confidence: 'secondary', note: "under the aave mechanism the penalty is Aave's bonus on the debt repaid" },
      liquidatorShare: { source: "Liquidation protocol fee 10% of the bonus (Gauntlet's V3 Ethereum recommendations, governance.aave.com/t/10238/22)", url: 'https://governance.aave.com/t/10238/22', asOf: '2022', confidence: 'secondary', note: 'the keeper keeps 90% of the bonus' },
      oracleDeviation: { source: 'Chainlink ETH/USD: 0.5% deviation, commonly cited', asOf: '2024', confidence: 'unconfirmed', note: 'not confirmed from data.chain.link' },
      oracleHeartbeat: { source: 'Chainlink ETH/USD: 3,600 s heartbeat, commonly cited', asOf: '2024', confidence: 'unconfirmed', note: 'not confirmed from data.chain.link' },
      backstop: { source: 'Aave has no protocol liquidator: Umbrella covers a deficit after the fact', url: AAVE_CODE, asOf: 'v3.3 (2025)', confidence: 'code' },
      adl: { source: 'A lending market does not deleverage other users', url: AAVE_CODE, asOf: 'v3.3 (2025)', confidence: 'code' },
      longShare: assumption('most positions hold ETH against stablecoin debt; borrowing ETH against stablecoins is the short side'),
      leverageMean: assumption('borrowers keep a health factor well above 1: about 2.5× on average'),
      leverageDispersion: assumption('spread of leverage across borrowers'),
    },
    notModelled: [
      'several collaterals and debts per account, and eMode (93% LTV for correlated assets)',
      'the dust check on a call cut short by the liquidators\u2019 capacity or the price band',
      'interest accrual and the rates model',
    ],
  },
  {
    id: 'maker-eth-a',
    name: 'Maker / Sky ETH-A (Clipper)',
    look:
      'A vault below 145% collateral is auctioned: the price starts at 110% of the one-hour-old OSM price and is cut by ' +
      '1% every 90 s; after two hours, or below 45% of its start, the auction resets. Keepers earn $250 plus 0.1% of the ' +
      'debt for starting or resetting one; the 13% penalty goes to the protocol. Nobody backstops unsold collateral.',
    rules: {
      mechanism: 'dutch', mmr: 1 - 1 / 1.45, imr: 0.311, penalty: 0.13, liquidatorShare: 0,
      auctionStart: 1.1, auctionDecay: 'stairstep', auctionCut: 0.99, auctionStepTime: 90, auctionDuration: 7200, auctionCusp: 0.45,
      keeperTip: 250, keeperChip: 0.001, oracleLatency: 3600, oracleHeartbeat: 3600, oracleDeviation: 0.5, backstop: false, adl: false,
    },
    book: { longShare: 1, leverageMean: 1.8, leverageDispersion: 0.2 },
    provenance: {
      mechanism: { source: "dss: clip.sol and abaci.sol (Liquidations 2.0)", url: DSS, asOf: '2021–', confidence: 'code' },
      mmr: { source: 'mat (liquidation ratio) 145%', url: MAKER_CONFIG, asOf: '2025 (spells snapshot 02592d9)', confidence: 'code', note: 'mmr = 1 − 1/mat = 31.03%' },
      imr: { source: 'A vault may draw debt up to its liquidation ratio', url: MAKER_CONFIG, asOf: '2025', confidence: 'code', note: 'just above mmr, as the model needs: up to 3.2× (a vault at 145%)' },
      penalty: { source: 'chop (liquidation penalty) 13%', url: MAKER_CONFIG, asOf: '2025 (spells snapshot 02592d9)', confidence: 'code' },
      liquidatorShare: { source: 'The penalty goes to the system surplus (vow); keepers earn the discount, tip and chip', url: DSS, asOf: '2021–', confidence: 'code' },
      auctionStart: { source: 'buf (auction start) 110% of the OSM price', url: MAKER_CONFIG, asOf: '2025 (spells snapshot 02592d9)', confidence: 'code' },
      auctionDecay: { source: 'calc: StairstepExponentialDecrease', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      auctionCut: { source: 'cut 0.99 per stair', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      auctionStepTime: { source: 'step 90 s between cuts', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      auctionDuration: { source: 'tail: reset after 7,200 s', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      auctionCusp: { source: 'cusp: reset below 45% of the start', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      keeperTip: { source: 'tip (flat keeper reward) 250 DAI', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      keeperChip: { source: 'chip (keeper reward) 0.1% of the tab', url: MAKER_CONFIG, asOf: '2025', confidence: 'code' },
      oracleLatency: { source: 'OSM: hop = ONE_HOUR (3,600 s)', url: OSM, asOf: 'dss (2019–)', confidence: 'code', note: 'the price the OSM releases is an hour old' },
      oracleHeartbeat: { source: 'OSM: one new price per hop', url: OSM, asOf: 'dss (2019–)', confidence: 'code' },
      oracleDeviation: { source: 'The OSM ignores deviations: it publishes once an hour', url: OSM, asOf: 'dss (2019–)', confidence: 'code', note: '50%, the largest setting, so only a halving publishes early' },
      backstop: { source: 'Unsold collateral is re-auctioned (redo), never taken by the protocol', url: DSS, asOf: '2021–', confidence: 'code' },
      adl: { source: 'Maker does not deleverage other vaults', url: DSS, asOf: '2021–', confidence: 'code' },
      longShare: assumption('every vault holds ETH against DAI debt: all long'),
      leverageMean: assumption('vaults are typically kept near 200% collateral: about 1.8×'),
      leverageDispersion: assumption('spread of collateralisation across vaults'),
    },
    notModelled: [
      "the Dog's limits on debt in auction (hole 40M DAI for ETH-A, Hole overall)",
      'the dust floor (7,500 DAI) and chost: here the keeper incentive is paid on every reset',
      'stability fees, and the surplus buffer as a separate account (the insurance fund stands for it)',
    ],
  },
  {
    id: 'compound-iii-weth',
    name: 'Compound III USDC market, WETH collateral',
    look:
      'A borrower whose collateral times its liquidation factor (89.5%) falls below its debt is absorbed: the protocol ' +
      'takes the collateral and the debt at once, off the market, and the borrower keeps its equity less 5% of the ' +
      "collateral. The protocol then sells the collateral at 2.5% under the oracle price, but only while its reserves " +
      'are below their $5M target: above it, the collateral waits, and so does its price risk.',
    rules: {
      mechanism: 'compound', mmr: 0.105, imr: 0.175, penalty: 0.05, storeFrontFactor: 0.5, targetReserves: 5e6,
      liquidatorShare: 0, adl: false,
    },
    book: { longShare: 1, leverageMean: 2.5, leverageDispersion: 0.4 },
    provenance: {
      mechanism: { source: 'Comet: absorb() and buyCollateral() (the protocol absorbs; anyone buys absorbed collateral)', url: COMET_DOCS, asOf: '2022 (launch)', confidence: 'code' },
      mmr: { source: 'WETH liquidateCollateralFactor 0.895 (another version of the file: 0.90)', url: COMET_CONFIG, asOf: '2022 (launch config)', confidence: 'code', note: 'mmr = 1 − 0.895; today\'s on-chain value has since moved' },
      imr: { source: 'WETH borrowCollateralFactor 0.825', url: COMET_CONFIG, asOf: '2022 (launch config)', confidence: 'code', note: 'imr = 1 − 0.825: up to 5.7×' },
      penalty: { source: 'WETH liquidationFactor 0.95: the borrower keeps 95% of the collateral value', url: COMET_CONFIG, asOf: '2022 (launch config)', confidence: 'code', note: 'penalty = 1 − liquidationFactor' },
      storeFrontFactor: { source: 'storeFrontPriceFactor 0.5: a discount of 0.5 × 5% = 2.5%', url: COMET_CONFIG, asOf: '2022 (launch config)', confidence: 'secondary', note: "the discount formula read from Comet's quoteCollateral" },
      targetReserves: { source: 'targetReserves 5,000,000 USDC', url: COMET_CONFIG, asOf: '2022 (launch config)', confidence: 'code' },
      liquidatorShare: { source: 'The absorber earns gas points, not a share of the penalty', url: COMET_DOCS, asOf: '2022', confidence: 'code' },
      adl: { source: 'A lending market does not deleverage other users', url: COMET_DOCS, asOf: '2022', confidence: 'code' },
      longShare: assumption('every borrower holds WETH against USDC debt: all long'),
      leverageMean: assumption('borrowers keep well inside the borrow factor: about 2.5× on average'),
      leverageDispersion: assumption('spread of leverage across borrowers'),
    },
    notModelled: [
      'several collaterals per account, and interest accrual',
      'the absorber\u2019s gas points; the reserves as their own account (the insurance fund stands for them)',
      'the P&L of holding and selling absorbed collateral is reported apart ("Protocol\u2019s own P&L"), not in the fund',
    ],
  },
  {
    id: 'dydx-v4-btc',
    name: 'dYdX v4 BTC-USD (Large-Cap tier)',
    look:
      'Initial margin 5% (20×) and maintenance 3%: a position below maintenance is closed by the protocol against the ' +
      'book, and its liquidation fee (up to 1.5%) goes to the insurance fund. When the fund cannot cover a loss, ' +
      'positions on the other side are deleveraged at the bankruptcy price.',
    rules: { mechanism: 'full', mmr: 0.03, imr: 0.05, penalty: 0.015, liquidatorShare: 0, backstop: true, adl: true },
    book: {},
    provenance: {
      mechanism: { source: 'The protocol matches liquidation orders against the book at a fillable price', url: DYDX_MARGIN, asOf: '2024 docs', confidence: 'secondary', note: 'full close on the market by the protocol' },
      mmr: { source: 'Large-Cap tier: maintenance_fraction_ppm 600,000 of the initial margin', url: DYDX_CHAIN, asOf: 'genesis (2023)', confidence: 'secondary', note: '3%: read from the genesis files; the live mainnet tier table was not found' },
      imr: { source: 'Large-Cap tier: initial_margin_ppm 50,000', url: DYDX_CHAIN, asOf: 'genesis (2023)', confidence: 'secondary', note: '5%, up to 20× (open-interest scaling above a base notional not modelled)' },
      penalty: { source: '"a liquidation fee of 1.5% could be assessed" (docs); max_liquidation_fee_ppm on mainnet not found', url: DYDX_MARGIN, asOf: '2024 docs', confidence: 'secondary' },
      liquidatorShare: { source: 'max_liquidation_fee_ppm "goes 100% to the insurance fund" (liquidations_config.proto)', url: DYDX_CHAIN, asOf: '2024', confidence: 'code' },
      backstop: { source: 'The protocol itself liquidates; no keeper needs paying', url: DYDX_MARGIN, asOf: '2024 docs', confidence: 'secondary' },
      adl: { source: 'Deleveraging against offsetting positions at the bankruptcy price', url: DYDX_MARGIN, asOf: '2024 docs', confidence: 'secondary', note: 'modelled pro rata; the order of the offsetting accounts was not verified' },
    },
    notModelled: [
      'cross margin across markets (the model is one asset)',
      'per-block limits on liquidated notional and insurance-fund loss (subaccount_block_limits)',
      'the fillable price between oracle and bankruptcy price',
    ],
  },
  {
    id: 'hyperliquid-btc-40x',
    name: 'Hyperliquid BTC, 40×',
    look:
      'Up to 40× (initial margin 2.5%), maintenance half of that (1.25%). A position over $100k is sent to the book 20% ' +
      'first, the rest after 30 s; below two thirds of maintenance the liquidator vault (part of HLP) takes it over, and ' +
      'when an account goes negative, the most profitable, most levered opposite positions are closed (ADL by queue). ' +
      'Validators publish the oracle price every 3 s.',
    rules: {
      mechanism: 'hyperliquid', mmr: 0.0125, imr: 0.025, penalty: 0, liquidatorShare: 0, backstop: true, adl: true, adlRule: 'queue',
      oracleLatency: 3, oracleDeviation: 0, oracleHeartbeat: 3,
    },
    book: {},
    provenance: {
      mechanism: { source: 'Liquidations: market orders; positions above $100k send 20% first, then a 30 s cooldown; below 2/3 of maintenance the liquidator vault takes over', url: HL_DOCS, asOf: '2025 docs', confidence: 'code', note: 'the hyperliquid mechanism (assembly/hyperliquid.ts)' },
      mmr: { source: 'Maintenance margin = half the initial margin at maximum leverage (1.25% at 40×)', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
      imr: { source: 'BTC: 40× up to $150M notional', url: HL_DOCS, asOf: '2025 docs', confidence: 'code', note: 'the 20× tier above $150M is not modelled' },
      penalty: { source: 'No clearance fee on market liquidations (the vault keeps what margin is left)', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
      liquidatorShare: { source: 'No keeper reward: the protocol liquidates', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
      backstop: { source: 'The protocol sends the orders; the vault takes what the book cannot', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
      adl: { source: 'ADL when an account goes negative; first used on 10 Oct 2025', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
      adlRule: { source: 'ADL ranks opposing traders by unrealised PnL and leverage', url: HL_DOCS, asOf: '2025 docs', confidence: 'code', note: 'the queue: closed at the market price, not the previous mark' },
      oracleLatency: { source: 'Validators publish the oracle price every 3 s', url: HL_DOCS, asOf: '2025 docs', confidence: 'code', note: 'one publication interval of age' },
      oracleDeviation: { source: 'Published on schedule, whatever the move', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
      oracleHeartbeat: { source: 'Validators publish every 3 s', url: HL_DOCS, asOf: '2025 docs', confidence: 'code' },
    },
    notModelled: [
      'the vault holding the positions it takes over (here it unwinds them on the market at once)',
      'the 20× tier above $150M of notional, and the maintenance deduction between tiers',
      'the mark price (median of oracle, book and external perps)',
    ],
  },
];

export function protocolById(id: string): Protocol | undefined {
  return PROTOCOLS.find((p) => p.id === id);
}
