// The binary interface between the host (TypeScript) and the model core (assembly/, compiled to wasm
// and also run as JS). This file is valid AssemblyScript and valid TypeScript and needs no builtins
// at run time, so the host imports it directly.

// ---- Parameter vector: Float64 slots the host fills from a Scenario (src/engine/params.ts) ----
// One slot per Scenario field, in the table's order, and the codes of choice fields: generated from
// src/scenario.ts into ./slots.ts. Then the engine's own slots, which the host derives.
export * from './slots';
import { P_FIELDS } from './slots';
export const P_STEPS = P_FIELDS; // number of time steps, round(horizon / dt)
export const P_GRID = P_FIELDS + 1; // number of grid intervals; grid point g is at step round(g * steps / grid)
export const P_NAIVE_SCAN = P_FIELDS + 2; // 1: scan every position every step (benchmark baseline)
export const P_BAND_LO = P_FIELDS + 3; // Q_COUNT slots: lower edge of each band quantity's histogram
export const P_BAND_HI = P_FIELDS + 7; // Q_COUNT slots: upper edge
export const P_SCHEDULE_STEPS = P_FIELDS + 11; // partial on the optimal schedule: window in steps (0: the close-factor rule)
export const P_SCHEDULE_KAPPA = P_FIELDS + 12; // its Almgren–Chriss urgency, per second (src/designer/almgren-chriss.ts)
export const P_SERIES_MODE = P_FIELDS + 13; // 0: simulated; 1: the imported series alone; 2: the series plus the simulated path (its offsets are the core's inputs)
export const P_BOOK_ROWS = P_FIELDS + 14; // an imported book: its positions, after the series in the inputs (0: generate the book)
export const P_PORTFOLIO = P_FIELDS + 15; // 1: run one asset through the several-asset model too (tests: portfolio.ts against itself)
export const P_ASSET_BAND_LO = P_FIELDS + 16; // MAX_ASSETS - 1 slots: assets 2.. , lower edge of the log(price / S0) histogram
export const P_ASSET_BAND_HI = P_FIELDS + 20; // MAX_ASSETS - 1 slots: upper edge
export const P_COUNT = P_FIELDS + 24;
/** Values per position of an imported book in the core's inputs: side (+1/-1), size, entry price, margin. */
export const BOOK_COLUMNS = 4;
export const SERIES_NONE = 0;
export const SERIES_ALONE = 1;
export const SERIES_PLUS_NOISE = 2;

// ---- Constants the core and the host share ----
/** Seconds in a year; crypto markets trade every day. */
export const YEAR: f64 = 365.0 * 86400.0;
/** The price band: trades keep the market within a factor 1000 of the fundamental (ln 1000). */
export const PRICE_BAND: f64 = 6.907755278982137;
/**
 * Bytes the core allocates per position: the book (side 1, q K entry margin 32, ladder 4), the
 * path state (q K logK and the book's logK 32, state 1, dirty 4, touched 1), the ladders' heaps 4, parks 12 and size
 * trees 32 (two f64 per leaf, up to twice as many leaves as positions), the desk's lists 24, the
 * auctions 32, the schedules 17, queue ADL's heap 12 and the book generator's scratch 16.
 * src/engine/memory.ts sizes a worker's memory with it.
 */
export const BYTES_PER_POSITION = 224;
/**
 * Several assets (accounts.ts, account-desk.ts): bytes per position of an account (asset 4, q0
 * entry q mmr G 40, the generator's entry draw 8) and per account (collateral twice, surplus, due
 * ratio 32, open 1, near, due list and start 12, rounded up), and per trader the generator's side,
 * size and leverage 24.
 */
export const BYTES_PER_LEG = 52;
export const BYTES_PER_ACCOUNT = 48;
export const BYTES_PER_TRADER = 24;

// ---- Random streams: the second counter word of Threefry, so draws never overlap ----
export const STREAM_FUNDAMENTAL = 0;
export const STREAM_JUMPS = 1;
export const STREAM_BOOK = 2;
/** The accounts of several assets (portfolio.ts). */
export const STREAM_ACCOUNTS = 3;
/** Market-wide jumps of several assets. */
export const STREAM_COMMON_JUMPS = 4;
/** Asset k > 0 of several: its fundamental's normals at STREAM_ASSETS + 2k, its own jumps at + 2k + 1. */
export const STREAM_ASSETS = 8;

// ---- Chunk result: HEADER | band histograms | band sums | per-path records ----
export const H_PATHS = 0; // paths in this chunk
export const H_FIRST_PATH = 1; // index of its first path
export const H_EXAMINED = 2; // liquidation candidates the desk examined: the chunk's liquidation work
export const HEADER = 4;
export const BINS = 128; // histogram bins per band quantity and grid point
export const Q_MARKET = 0; // log(market price / S0)
export const Q_FUNDAMENTAL = 1; // log(fundamental price / S0)
export const Q_FUND = 2; // insurance fund balance
export const Q_LIQUIDATED = 3; // cumulative liquidated notional
export const Q_COUNT = 4;

// Per-path record fields (one record per path, in path order).
export const R_BAD_DEBT = 0; // bad debt at the horizon: uncovered + open shortfall beyond the fund
export const R_UNCOVERED = 1; // realised uncovered bad debt
export const R_COVERED = 2; // bad debt the insurance fund paid
export const R_SOCIALISED = 3; // losses auto-deleveraged onto the opposite side
export const R_FUND_END = 4; // insurance fund at the horizon
export const R_PENALTY_TO_FUND = 5;
export const R_REWARDS = 6; // liquidator rewards
export const R_RETURNED = 7; // value returned to traders
export const R_VALUE = 8; // sum of settlement values V
export const R_LIQ_NOTIONAL = 9; // notional closed by liquidations (at execution)
export const R_TRADER_COST = 10; // penalties + slippage
export const R_SLIPPAGE = 11;
export const R_LIQ_COUNT = 12; // settlements (a partial close counts once)
export const R_DD_MARKET = 13; // maximum log drawdown of the market price
export const R_DD_FUNDAMENTAL = 14; // maximum log drawdown of the fundamental price
export const R_WAVES = 15;
export const R_PEAK_PER_MINUTE = 16; // peak liquidated notional per minute
export const R_FIRST_LIQ = 17; // first step with a liquidation, -1 if none
export const R_FIRST_FUND = 18; // first step the fund paid bad debt, -1 if none
export const R_FIRST_INSOLVENT = 19; // first step with uncovered bad debt, -1 if none
export const R_OPEN_DEFICIT = 20; // negative equity of positions still open at the horizon
export const R_AMM_PNL = 21; // change in value of the protocol-owned pool, marked at the horizon
export const R_BACKSTOP_NOTIONAL = 22; // notional the backstop closed
export const R_ADL_OVERSHOOT = 23; // queue ADL: profit of closed winners beyond what the loss needed
export const R_ADL_HIT = 24; // positions ADL took from (each time it did)
export const R_ADL_HIT_IN_PROFIT = 25; // of those, the ones in profit
export const R_MMR_MEAN = 26; // maintenance margin in force, averaged over the path's steps
export const R_COUNT = 27;

/** Values that fix a run's fundamental paths (Engine.fundamentalKey): the head of a shared region. */
export const KEY_LENGTH = 19;
/**
 * A region of fundamental paths shared by runs (Engine.runChunkShared): the key of the run they
 * belong to, the chunk's first path and count, then each path's log F at steps 0..steps, then each
 * path's largest drawdown of log F (which depends on nothing else).
 */
export const SHARED_HEADER = KEY_LENGTH + 2;

/** Float64 values of a shared region holding `count` paths of `steps` steps. */
export function sharedLength(steps: i32, count: i32): i32 {
  return SHARED_HEADER + count * (steps + 2);
}

/** Where a shared region of `count` paths of `steps` steps keeps its paths' drawdowns of log F. */
export function sharedDrawdowns(steps: i32, count: i32): i32 {
  return SHARED_HEADER + count * (steps + 1);
}

/** Values a path keeps per grid point until it ends (records.ts): log P, log F, fund, cumulative notional. */
export const GRID_KEPT = 4;

// ---- Several assets (portfolio.ts): after a chunk's records, sums over its paths per asset ----
export const MAX_ASSETS = 5;
/** Slots between one asset's levers and the next's (a2Price .. a2Heartbeat, then a3Price ..). */
export const ASSET_LEVERS = 9;
export const AQ_LIQUIDATED = 0; // notional liquidated in the asset
export const AQ_LIQUIDATED_SQ = 1; // and its square, summed over paths (for standard errors)
export const AQ_SHORTFALL = 2; // losses beyond the accounts' equity, attributed to the asset whose move caused them
export const AQ_SHORTFALL_SQ = 3;
export const AQ_CROSS = 4; // notional liquidated in the asset that other assets' moves caused
export const AQ_CROSS_SQ = 5;
export const AQ_UNCOVERED = 6; // of the shortfall, what the fund could not cover: realised bad debt, by cause
export const AQ_UNCOVERED_SQ = 7;
export const AQ_COUNT = 8;
/** Then MAX_ASSETS x MAX_ASSETS sums: notional liquidated in asset a caused by asset b's move, at a * MAX_ASSETS + b. */
export const ASSET_CAUSE = MAX_ASSETS * AQ_COUNT;
/**
 * Then, for assets 2 .. n, the price bands as for Q_MARKET: a histogram of log(price / S0) of BINS
 * bins at each of the grid + 1 points (asset a at ((a - 1) * G + g) * BINS), then their sums.
 */
export const ASSET_HIST = ASSET_CAUSE + MAX_ASSETS * MAX_ASSETS;

/** Offset (from ASSET_HIST) of the price-band sums of `assets` assets on a grid of `grid` intervals. */
export function assetBandSums(grid: i32, assets: i32): i32 {
  return (assets - 1) * (grid + 1) * BINS;
}

/** Float64 values of the asset section of `assets` assets (none for the one-asset model). */
export function assetFloats(grid: i32, assets: i32): i32 {
  return ASSET_HIST + (assets - 1) * (grid + 1) * (BINS + 1);
}

/** Length of a chunk result of `count` paths: header, histograms, band sums, then the records. */
export function chunkLength(grid: i32, count: i32): i32 {
  return HEADER + Q_COUNT * (grid + 1) * (BINS + 1) + count * R_COUNT;
}

/** Length of a whole chunk result: a run of the several-asset model adds the asset sums after the records. */
export function resultLength(grid: i32, count: i32, portfolio: bool, assets: i32): i32 {
  return chunkLength(grid, count) + (portfolio ? assetFloats(grid, assets) : 0);
}

// ---- Replay trace of one path: per-step records, then liquidation events ----
export const T_TIME = 0;
export const T_FUNDAMENTAL = 1;
export const T_MARKET = 2; // market price at the end of the step
export const T_ORACLE = 3;
export const T_MMR = 4;
export const T_FUND = 5;
export const T_LIQ_NOTIONAL = 6; // notional liquidated in this step
export const T_LIQ_COUNT = 7;
export const T_UNCOVERED = 8; // cumulative
export const T_COVERED = 9; // cumulative
export const T_DEPTH_SHARE = 10; // market depth as a share of its calm level
export const T_SIGMA_HAT = 11;
export const T_WAITING = 12; // liquidatable positions left waiting at the end of the step
export const T_IN_AUCTION = 13;
export const T_COUNT = 14;

export const E_STEP = 0;
export const E_POSITION = 1;
export const E_SIDE = 2;
export const E_QTY = 3; // asset units closed
export const E_PRICE = 4; // execution price
export const E_VALUE = 5; // settlement value V
export const E_PENALTY = 6; // penalty actually paid
export const E_REWARD = 7;
export const E_COVERED = 8;
export const E_UNCOVERED = 9;
export const E_KIND = 10; // EV_* below
export const E_REMAINING = 11; // asset units left open
export const E_COUNT = 12;
export const MAX_EVENTS = 20000;

export const EV_KEEPER = 0;
export const EV_BACKSTOP = 1;
export const EV_AUCTION = 2;
export const EV_AMM = 3;
export const EV_KICK = 4; // a dutch auction starts or restarts (no settlement; reward: the keeper incentive)
export const EV_ADL = 5; // queue ADL closes a winner (no settlement; value: the profit taken)
export const EV_ACCOUNT = 6; // several assets: an account's closes settled (position: the account; qty: notional closed, price 1; remaining: notional left)

// ---- Liquidation map and cascade curve: for moves 0, 1, ..., CASCADE_POINTS - 1 percent ----
export const CASCADE_POINTS = 61; // moves of 0% to 60%
export const C_DOWN_STATIC = 0; // notional liquidatable if the price falls by x (no cascade)
export const C_DOWN_CASCADE = 1; // notional (at liquidation prices) liquidated once the cascade from a fall of x settles
export const C_DOWN_FINAL = 2; // final fall once that cascade settles
export const C_UP_STATIC = 3; // the same for a rise of x (shorts)
export const C_UP_CASCADE = 4;
export const C_UP_FINAL = 5;
export const C_COUNT = 6;
