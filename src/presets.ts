// Presets: scenarios built from historical crashes, and teaching scenarios that each show one idea.
// Each is a set of changes from the default scenario and a short text of what to look at. The
// figures behind the historical ones, with their public sources, are in docs/presets.md. A link
// names a preset with `preset=<id>`; the link's other fields then change that preset.
import { decodeLink, type DecodedLink } from './link';
import { protocolById } from './protocols';
import { defaultScenario, type Scenario } from './scenario';
import { validateScenario } from './validate';

export interface Preset {
  id: string;
  name: string;
  kind: 'historical' | 'teaching';
  /** What to look at, in two or three sentences. */
  look: string;
  changes: Partial<Scenario>;
  /** Historical presets: the public accounts the figures come from, shown as links beside the preset. */
  sources?: { title: string; url: string }[];
}

const HOUR = 3600, DAY = 86400;

export const PRESETS: Preset[] = [
  {
    id: 'black-thursday',
    name: 'Black Thursday, MakerDAO (12 March 2020)',
    kind: 'historical',
    look:
      'ETH loses about half its value within a day while the network is congested, so few keepers can bid. ' +
      'Watch auctions run down towards nothing before anyone takes the lots: traders lose their collateral (trader ' +
      'cost) and the protocol is left with bad debt its small surplus cannot cover. Raise the liquidator capacity a ' +
      'little and the losses vanish: the failure was a shortage of bidders.',
    changes: {
      S0: 194, sigma: 1.5, jumpsOn: false, shockDepth: 0.45, shockStart: 2 * HOUR, shockDuration: 10 * HOUR,
      positions: 800, openInterest: 350e6, longShare: 1, leverageMean: 1.8, leverageDispersion: 0.15, entrySpread: 0.1,
      imr: 0.4, mmr: 1 / 3, oracleLatency: HOUR, oracleDeviation: 0, oracleHeartbeat: HOUR,
      mechanism: 'dutch', auctionStart: 1.0, auctionEnd: 0.05, auctionDuration: HOUR, auctionDecay: 'linear',
      depth1pct: 4e6, liquidatorCapacity: 6e5, gasCost: 50, congestion: 2, backstop: false,
      insuranceFund: 1e6, penalty: 0.13, liquidatorShare: 0, dt: 60, horizon: DAY, paths: 1000,
    },
    sources: [
      { title: "Dragonfly Research: Daos Ex Machina, a timeline of Maker's crisis (24 March 2020)", url: 'https://medium.com/dragonfly-research/daos-ex-machina-an-in-depth-timeline-of-makers-recent-crisis-66d2ae39dd65' },
    ],
  },
  {
    id: 'may-19-2021',
    name: 'The 19 May 2021 crash',
    kind: 'historical',
    look:
      'ETH falls about 40% in a few hours on a crowded, highly leveraged perpetual market; some $8.6 billion is ' +
      'liquidated across exchanges that day. Watch most of the open interest go in waves, keepers step back (the ' +
      'backstop takes most of it) and the insurance fund absorb the losses: exchanges stayed solvent.',
    changes: {
      S0: 3400, sigma: 1.2, jumpsOn: false, shockDepth: 0.35, shockStart: 8 * HOUR, shockDuration: 3 * HOUR,
      positions: 3000, openInterest: 4e9, longShare: 0.75, leverageMean: 10, leverageDispersion: 0.7, imr: 0.01, mmr: 0.005,
      depth1pct: 60e6, resilienceHalfLife: 120, permanentImpact: 0.25, oracleLatency: 2, oracleDeviation: 0,
      oracleHeartbeat: 0, mechanism: 'full', liquidatorCapacity: 300e6, insuranceFund: 300e6, penalty: 0.005,
      backstop: true, dt: 30, horizon: DAY, paths: 2000,
    },
    sources: [
      { title: 'BeInCrypto: over 800,000 traders liquidated in 24 hours (19 May 2021)', url: 'https://beincrypto.com/thousands-of-crypto-traders-liquidated' },
    ],
  },
  {
    id: 'luna-2022',
    name: 'LUNA and UST (May 2022)',
    kind: 'historical',
    look:
      'LUNA falls from about $80 to nearly nothing in under a week as UST loses its peg. Market makers step back ' +
      '(liquidity withdrawal) and collateral cannot be sold for anything near the oracle price. Watch bad debt at ' +
      'the horizon: no margin setting survives a collateral that goes to zero faster than it can be sold.',
    changes: {
      S0: 80, sigma: 3, jumpsOn: true, jumpsPerDay: 4, jumpMean: -0.15, jumpStd: 0.1, shockDepth: 0.95,
      shockStart: DAY, shockDuration: 4 * DAY, positions: 1500, openInterest: 1e9, longShare: 1, leverageMean: 2.2,
      leverageDispersion: 0.3, imr: 0.4, mmr: 0.25, depth1pct: 10e6, liquidityWithdrawal: true, withdrawalExponent: 1.5,
      minDepthShare: 0.02, sigmaRef: 1, oracleLatency: 300, oracleDeviation: 0.01, oracleHeartbeat: HOUR,
      mechanism: 'full', liquidatorCapacity: 20e6, insuranceFund: 20e6, penalty: 0.05, dt: 300, horizon: 6 * DAY, paths: 1000,
    },
    sources: [
      { title: "Decrypt: how Terra's UST and LUNA imploded (May 2022)", url: 'https://decrypt.co/100402/how-terra-ust-luna-imploded-crypto-crash' },
      { title: 'Wikipedia: Terra (blockchain)', url: 'https://en.wikipedia.org/wiki/Terra_(blockchain)' },
    ],
  },
  {
    id: 'ftx-2022',
    name: 'The FTX collapse (November 2022)',
    kind: 'historical',
    look:
      'Solana, closely tied to FTX and Alameda, loses about half its value over three days. The fall is slow enough ' +
      'for liquidations to keep up: watch the fund pay for some losses while the insolvency curve stays low. Then ' +
      'shorten the shock to an hour and see what speed alone does.',
    changes: {
      S0: 35, sigma: 1.5, jumpsOn: true, jumpsPerDay: 1, jumpMean: -0.06, jumpStd: 0.05, shockDepth: 0.55,
      shockStart: 12 * HOUR, shockDuration: 2.5 * DAY, positions: 2000, openInterest: 800e6, longShare: 0.65,
      leverageMean: 5, imr: 0.1, mmr: 0.03, depth1pct: 15e6, oracleLatency: 5, mechanism: 'full',
      liquidatorCapacity: 50e6, insuranceFund: 20e6, penalty: 0.01, dt: 60, horizon: 3 * DAY, paths: 1500,
    },
    sources: [
      { title: 'Wikipedia: Bankruptcy of FTX', url: 'https://en.wikipedia.org/wiki/Bankruptcy_of_FTX' },
      { title: 'CoinDCX: what caused the FTX collapse (timeline, 2–8 November 2022)', url: 'https://coindcx.com/blog/cryptocurrency/what-caused-the-ftx-crypto-exchange-collapse/' },
    ],
  },
  {
    id: 'october-10-2025',
    name: 'The 10 October 2025 crash',
    kind: 'historical',
    look:
      'A tariff headline meets record leverage: ETH falls about 16% in under an hour and $19 billion is liquidated ' +
      'across the market in a day, $3.2 billion of it in the worst minute, while order-book depth falls by about 98%. ' +
      'Watch liquidity withdrawal deepen the fall (turn it off to compare), the fund run dry and auto-deleveraging ' +
      'take the rest: turn ADL off and most paths end insolvent.',
    changes: {
      S0: 4350, sigma: 0.7, jumpsOn: false, shockDepth: 0.1, shockStart: 6 * HOUR, shockDuration: 40 * 60,
      positions: 4000, openInterest: 4e9, longShare: 0.8, leverageMean: 15, leverageDispersion: 0.6, imr: 0.02, mmr: 0.01,
      impactModel: 'sqrt', impactY: 1, dailyVolume: 20e9, liquidityWithdrawal: true, withdrawalExponent: 2,
      minDepthShare: 0.02, sigmaRef: 0.7, volHalfLife: 900, oracleLatency: 1, oracleDeviation: 0, oracleHeartbeat: 0,
      mechanism: 'full', liquidatorCapacity: 500e6, insuranceFund: 10e6, penalty: 0.005, backstop: true, adl: true,
      dt: 10, horizon: 12 * HOUR, paths: 1500,
    },
    sources: [
      { title: 'Amberdata: how $3.21B vanished in 60 seconds (October 2025)', url: 'https://blog.amberdata.io/how-3.21b-vanished-in-60-seconds-october-2025-crypto-crash-explained-through-7-charts' },
    ],
  },
  {
    id: 'spill-over',
    name: 'A crash spills across markets (10 October 2025, stylised)',
    kind: 'teaching',
    look:
      'Three assets like ETH, BTC and a thin altcoin, held together by cross-margin accounts, 80% long. Only ETH ' +
      'falls (10% in 40 minutes), yet the accounts it drags under sell their BTC and altcoin too: the Markets chart ' +
      'shows most BTC and altcoin liquidations caused by other assets, chiefly ETH. Then press Compare cross and ' +
      'isolated margin: isolated margin keeps BTC out of it, but every ETH and altcoin position stands alone, far more ' +
      'end bankrupt and bad debt is several times larger; cross margin spreads the cascade and pools the losses.',
    changes: {
      assets: 3, marginMode: 'cross', mechanism: 'partial', closeOrder: 'largest',
      S0: 4350, sigma: 0.7, jumpsOn: false, shockDepth: 0.1, shockStart: 6 * HOUR, shockDuration: 40 * 60,
      positions: 2000, openInterest: 3e9, longShare: 0.8, leverageMean: 6, leverageDispersion: 0.5, imr: 0.02, mmr: 0.01,
      depth1pct: 30e6, oracleLatency: 1, liquidatorCapacity: 500e6, insuranceFund: 10e6, penalty: 0.005,
      a2Price: 122000, a2Sigma: 0.5, a2JumpsPerDay: 0, a2Depth: 80e6, a2OpenInterest: 5e9, a2Mmr: 0.005, a2Latency: 1,
      a3Price: 1.2, a3Sigma: 1.2, a3JumpsPerDay: 0, a3Depth: 2e6, a3OpenInterest: 800e6, a3Mmr: 0.05, a3Latency: 1,
      rho12: 0.8, rho13: 0.7, rho23: 0.7, dt: 20, horizon: 12 * HOUR, paths: 1000,
    },
  },
  {
    id: 'calm-market',
    name: 'A calm market',
    kind: 'teaching',
    look:
      'Modest volatility, moderate leverage, deep books: positions are liquidated one by one, each sale too small to ' +
      'move the price much. Amplification stays near 1 and the fund only grows. This is the baseline to pin before ' +
      'trying the other teaching presets.',
    changes: { sigma: 0.4, jumpsOn: false, leverageMean: 4, depth1pct: 100e6, oracleLatency: 2 },
  },
  {
    id: 'tipping-point',
    name: 'The tipping point',
    kind: 'teaching',
    look:
      'The default book, with price impact that stays. The cascade curve shows where forced selling takes over: ' +
      'from a fall of about 5%, the cascade at least doubles it. The scripted 6% shock sits just past that point and ' +
      'the market ends about 15% down; try 2%, or three times the depth, and the cascade stays small.',
    changes: {
      jumpsOn: false, sigma: 0.3, permanentImpact: 1, oracleLatency: 0, oracleDeviation: 0, shockDepth: 0.06,
      shockStart: 2 * HOUR, shockDuration: 300, horizon: 12 * HOUR,
    },
  },
  {
    id: 'slow-oracle',
    name: 'An oracle that is too slow',
    kind: 'teaching',
    look:
      'A 20% fall in ten minutes while the oracle reports the price of ten minutes ago and publishes only on 2% ' +
      'moves. Positions are liquidated late, far below their liquidation price: bad debt. Set the latency to 0 and ' +
      'compare with the baseline.',
    changes: { jumpsOn: false, shockDepth: 0.2, shockStart: 2 * HOUR, shockDuration: 600, oracleLatency: 600, oracleDeviation: 0.02, horizon: 12 * HOUR },
  },
  {
    id: 'fund-runs-dry',
    name: 'A fund that runs dry',
    kind: 'teaching',
    look:
      'A thin insurance fund meets a crash. The fund pays bad debt until it is empty; from then on every loss is ' +
      'uncovered, so the insolvency curve rises right after the fund-paid curve. Raise the fund, or the penalty that ' +
      'feeds it, to push the insolvency curve down.',
    changes: { jumpsOn: false, shockDepth: 0.25, shockStart: 2 * HOUR, shockDuration: 1800, insuranceFund: 1e6, depth1pct: 12e6, horizon: 12 * HOUR },
  },
  {
    id: 'mechanisms',
    name: 'One shock, every mechanism',
    kind: 'teaching',
    look:
      'A 25% fall in ten minutes into a thin market. Press "Compare mechanisms" to run it under full close, partial ' +
      'reduction, Dutch auctions, the protocol-owned AMM, Aave\'s liquidation call and Hyperliquid\'s rule on the same paths: compare their solvency curves and ' +
      'what they cost traders.',
    changes: { jumpsOn: false, shockDepth: 0.25, shockStart: 2 * HOUR, shockDuration: 600, depth1pct: 8e6, horizon: 12 * HOUR, paths: 2000 },
  },
  {
    id: 'single-position',
    name: 'One position, and the theory',
    kind: 'teaching',
    look:
      'One long position at 10x leverage in a market that moves as geometric Brownian motion, checked every minute. The ' +
      'chart "Theory against simulation" draws the chance it is liquidated by each moment twice: from the simulated ' +
      'paths (with its 95% interval) and from the closed-form first-passage law. They agree within the noise; change ' +
      'the volatility, the leverage or the maintenance margin and both move together.',
    changes: {
      jumpsOn: false, sigma: 0.8, mu: 0, positions: 1, longShare: 1, leverageMean: 10, leverageDispersion: 0, sizeDispersion: 0,
      entrySpread: 0, openInterest: 1e5, oracleLatency: 0, oracleDeviation: 0, oracleHeartbeat: 0, mechanism: 'full', backstop: true,
      shockDepth: 0, dt: 60, horizon: 7 * DAY, paths: 4000,
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/**
 * Presets keep the 64-bit draws they were written with (docs/model.md §10): their outcomes in
 * docs/presets.md, their tests and the lessons built on them are those numbers. What a preset shows
 * depends much on its one book of positions, which another stream of draws changes.
 */
const presetChanges = (p: Preset): Partial<Scenario> => ({ normalBits: '64', ...p.changes });

/** The preset's complete scenario. */
export function presetScenario(p: Preset): Scenario {
  return validateScenario({ ...defaultScenario(), ...presetChanges(p) }).scenario;
}

/**
 * The scenario a link's fields change: the defaults, then the preset it names, then the protocol
 * rules it names (`rules=`, src/protocols.ts). Rules opened without a preset bring their book.
 * Unknown names are skipped here; openLink reports them.
 */
export function baseScenario(presetId?: string, rulesId?: string): Scenario {
  const p = presetId === undefined ? undefined : presetById(presetId);
  const r = rulesId === undefined ? undefined : protocolById(rulesId);
  return validateScenario({ ...defaultScenario(), ...(p ? presetChanges(p) : r?.book), ...r?.rules }).scenario;
}

/**
 * Reads a link as the app does: a preset it names is the base its other fields change. The page,
 * the CLI and result files all open links through this, so the same link is the same scenario.
 */
export function openLink(hash: string, viewKeys: readonly string[]): DecodedLink {
  const first = decodeLink(hash, viewKeys);
  const id = first.view.preset, rules = first.view.rules;
  const preset = id === undefined ? undefined : presetById(id);
  const protocol = rules === undefined ? undefined : protocolById(rules);
  const d = preset || protocol ? decodeLink(hash, viewKeys, baseScenario(id, rules)) : first;
  if (id !== undefined && !preset) {
    d.errors.push({ field: 'preset', message: `no preset is called "${id.slice(0, 40)}"; using the defaults` });
    delete d.view.preset;
  }
  for (const key of ['series', 'book'] as const) {
    const fp = d.view[key];
    if (fp === undefined || /^[0-9a-f]{16}$/.test(fp)) continue;
    d.errors.push({ field: key, message: `"${fp.slice(0, 20)}" is not the fingerprint of an imported file (16 hex digits); ignored` });
    delete d.view[key];
  }
  if (rules !== undefined && !protocol) {
    d.errors.push({ field: 'rules', message: `no protocol's rules are called "${rules.slice(0, 40)}"; not applied` });
    delete d.view.rules;
  }
  return d;
}
