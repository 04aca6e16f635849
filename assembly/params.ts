// The parameter vector read once into named fields, with the per-step constants the model derives
// from them (docs/model.md gives each formula).
import * as A from './shared/abi';
import { YEAR, halfLifeDecay } from './common';

export class ModelParams {
  seed: u32; steps: i32; dt: f64; grid: i32; naive: bool;
  /** 64-bit draws, as links v=1 (rng.ts); else 32-bit words. */
  wide: bool;
  S0: f64; logS0: f64; mu: f64; sigma: f64;
  jumpMean: f64; jumpStd: f64; jumpsPerStep: f64;
  shockDepth: f64; shockStart: f64; shockDuration: f64; shockLog: f64;
  impactModel: i32; depth1pct: f64; impactY: f64; dailyVolume: f64;
  permanentImpact: f64; resDecay: f64;
  withdrawal: bool; withdrawalExponent: f64; minDepthShare: f64;
  positions: i32; openInterest: f64; longShare: f64; leverageMean: f64;
  leverageDispersion: f64; sizeDispersion: f64; entrySpread: f64; imr: f64;
  mmr: f64; dynamicMargin: bool; sigmaRef: f64; maxMultiplier: f64; volDecay: f64;
  latencySteps: i32; upThr: f64; downThr: f64; heartbeatSteps: i32;
  mechanism: i32; isPartial: bool; isDutch: bool; isAmm: bool; isAave: bool; isHl: bool; isCompound: bool;
  storeFront: f64; targetReserves: f64;
  closeFactor: f64; buffer: f64; maxLiqPerStep: f64; scheduleSteps: i32; scheduleKappa: f64;
  auctionStart: f64; auctionEnd: f64; auctionDuration: f64; auctionDecay: i32;
  logEndRatio: f64; stairTime: f64; logCut: f64; cusp: f64; keeperTip: f64; keeperChip: f64;
  ammLiquidity: f64; ammMaxSlippage: f64; arbPull: f64;
  capacity: f64; gasCost: f64; congestion: f64; backstop: bool;
  insuranceFund: f64; penalty: f64; liquidatorShare: f64; adl: bool; adlQueue: bool;
  /** How the imported price series drives the fundamental (A.SERIES_*), and its log offsets per step. */
  seriesMode: i32; series: StaticArray<f64> = new StaticArray<f64>(0);
  /** Drift and volatility of the fundamental's log per step. */
  drift: f64; volStep: f64;
  /**
   * GARCH(1,1) of the fundamental's log returns: h' = omega + alpha e^2 + beta h, with alpha + beta
   * the storm's decay per step and omega setting the long-run variance to volStep^2; the log moves by
   * muStep - h/2 + e (docs/model.md).
   */
  garch: bool; garchAlpha: f64; garchBeta: f64; garchOmega: f64; muStep: f64;
  /**
   * The predictive margin rule (docs/model.md): mmr_t = clamp(k sigma_H, mmr, mmr x maxMultiplier),
   * sigma_H^2 the forecast variance of the log price over the liquidation horizon H = n steps:
   * n hBar + (g - hBar) (1 - phi^n) / (1 - phi) from GARCH's filter g, or the EWMA variance x H.
   */
  predictive: bool; liquidationHorizon: f64; safetyMultiple: f64; forecastSteps: f64; forecastSum: f64;
  /** Whether the EWMA volatility estimate is needed at all. */
  needSigma: bool;
  histLo: StaticArray<f64> = new StaticArray<f64>(A.Q_COUNT); // histogram range of each band quantity
  histHi: StaticArray<f64> = new StaticArray<f64>(A.Q_COUNT);

  constructor(p: StaticArray<f64>) {
    this.seed = u32(p[A.P_SEED]); this.steps = i32(p[A.P_STEPS]); this.dt = p[A.P_DT];
    this.grid = i32(p[A.P_GRID]); this.naive = p[A.P_NAIVE_SCAN] != 0;
    this.wide = i32(p[A.P_NORMAL_BITS]) == A.NORMAL_BITS_64;
    this.S0 = p[A.P_S0]; this.logS0 = NativeMath.log(this.S0); this.mu = p[A.P_MU]; this.sigma = p[A.P_SIGMA];
    this.jumpMean = p[A.P_JUMP_MEAN]; this.jumpStd = p[A.P_JUMP_STD];
    const jumpRate = p[A.P_JUMPS_ON] != 0 ? p[A.P_JUMPS_PER_DAY] / 86400.0 : 0;
    this.jumpsPerStep = jumpRate * this.dt;
    this.shockDepth = p[A.P_SHOCK_DEPTH]; this.shockStart = p[A.P_SHOCK_START];
    this.shockDuration = p[A.P_SHOCK_DURATION]; this.shockLog = NativeMath.log1p(-this.shockDepth);
    this.impactModel = i32(p[A.P_IMPACT_MODEL]); this.depth1pct = p[A.P_DEPTH1PCT];
    this.impactY = p[A.P_IMPACT_Y]; this.dailyVolume = p[A.P_DAILY_VOLUME];
    this.permanentImpact = p[A.P_PERMANENT_IMPACT];
    this.resDecay = halfLifeDecay(this.dt, p[A.P_RESILIENCE_HALF_LIFE]);
    this.withdrawal = p[A.P_LIQUIDITY_WITHDRAWAL] != 0;
    this.withdrawalExponent = p[A.P_WITHDRAWAL_EXPONENT]; this.minDepthShare = p[A.P_MIN_DEPTH_SHARE];
    this.positions = i32(p[A.P_POSITIONS]); this.openInterest = p[A.P_OPEN_INTEREST];
    this.longShare = p[A.P_LONG_SHARE]; this.leverageMean = p[A.P_LEVERAGE_MEAN];
    this.leverageDispersion = p[A.P_LEVERAGE_DISPERSION]; this.sizeDispersion = p[A.P_SIZE_DISPERSION];
    this.entrySpread = p[A.P_ENTRY_SPREAD]; this.imr = p[A.P_IMR];
    this.mmr = p[A.P_MMR]; this.dynamicMargin = p[A.P_DYNAMIC_MARGIN] != 0;
    this.sigmaRef = p[A.P_SIGMA_REF]; this.maxMultiplier = p[A.P_MAX_MULTIPLIER];
    this.volDecay = halfLifeDecay(this.dt, p[A.P_VOL_HALF_LIFE]);
    this.latencySteps = i32(Math.floor(p[A.P_ORACLE_LATENCY] / this.dt + 0.5));
    const dev = p[A.P_ORACLE_DEVIATION];
    this.upThr = NativeMath.log1p(dev);
    this.downThr = dev < 1 ? NativeMath.log1p(-dev) : -Infinity;
    this.heartbeatSteps = max(1, i32(Math.floor(p[A.P_ORACLE_HEARTBEAT] / this.dt + 0.5)));
    this.mechanism = i32(p[A.P_MECHANISM]);
    this.isPartial = this.mechanism == A.MECHANISM_PARTIAL;
    this.isDutch = this.mechanism == A.MECHANISM_DUTCH;
    this.isAmm = this.mechanism == A.MECHANISM_AMM;
    this.isAave = this.mechanism == A.MECHANISM_AAVE;
    this.isHl = this.mechanism == A.MECHANISM_HYPERLIQUID;
    this.isCompound = this.mechanism == A.MECHANISM_COMPOUND;
    this.storeFront = p[A.P_STORE_FRONT_FACTOR]; this.targetReserves = p[A.P_TARGET_RESERVES];
    this.closeFactor = p[A.P_CLOSE_FACTOR]; this.buffer = p[A.P_BUFFER];
    this.maxLiqPerStep = p[A.P_MAX_LIQUIDATION_PER_STEP];
    this.scheduleSteps = this.isPartial ? i32(p[A.P_SCHEDULE_STEPS]) : 0;
    this.scheduleKappa = p[A.P_SCHEDULE_KAPPA];
    this.auctionStart = p[A.P_AUCTION_START]; this.auctionEnd = p[A.P_AUCTION_END];
    this.auctionDuration = p[A.P_AUCTION_DURATION]; this.auctionDecay = i32(p[A.P_AUCTION_DECAY]);
    this.logEndRatio = NativeMath.log(this.auctionEnd / this.auctionStart);
    this.stairTime = p[A.P_AUCTION_STEP_TIME]; this.logCut = NativeMath.log(p[A.P_AUCTION_CUT]);
    this.cusp = p[A.P_AUCTION_CUSP]; this.keeperTip = p[A.P_KEEPER_TIP]; this.keeperChip = p[A.P_KEEPER_CHIP];
    this.ammLiquidity = p[A.P_AMM_LIQUIDITY];
    this.ammMaxSlippage = p[A.P_AMM_MAX_SLIPPAGE];
    this.arbPull = 1 - halfLifeDecay(this.dt, p[A.P_AMM_ARB_HALF_LIFE]);
    this.capacity = p[A.P_LIQUIDATOR_CAPACITY]; this.gasCost = p[A.P_GAS_COST];
    this.congestion = p[A.P_CONGESTION]; this.backstop = p[A.P_BACKSTOP] != 0;
    this.insuranceFund = p[A.P_INSURANCE_FUND]; this.penalty = p[A.P_PENALTY];
    this.liquidatorShare = p[A.P_LIQUIDATOR_SHARE]; this.adl = p[A.P_ADL] != 0;
    this.adlQueue = p[A.P_ADL_RULE] == A.ADL_RULE_QUEUE;
    this.seriesMode = i32(p[A.P_SERIES_MODE]);
    // Merton compensator E[e^J - 1] per jump keeps mu the expected return when jumps are on.
    const dtY = this.dt / YEAR;
    const kappaJ = NativeMath.exp(this.jumpMean + 0.5 * this.jumpStd * this.jumpStd) - 1;
    this.drift = (this.mu - 0.5 * this.sigma * this.sigma) * dtY - jumpRate * kappaJ * this.dt;
    this.volStep = this.sigma * Math.sqrt(dtY);
    this.garch = p[A.P_VOL_MODEL] == A.VOL_MODEL_GARCH;
    this.muStep = this.mu * dtY - jumpRate * kappaJ * this.dt;
    // Persistence phi = alpha + beta from the half-life; alpha from the variance's stationary
    // coefficient of variation c: Var(h) / E[h]^2 = 2 alpha^2 / (1 - phi^2 - 2 alpha^2) = c^2.
    const phi = halfLifeDecay(this.dt, p[A.P_VOL_CLUSTER_HALF_LIFE]), c2 = p[A.P_VOL_OF_VOL] * p[A.P_VOL_OF_VOL];
    const alpha = Math.min(Math.sqrt((c2 * (1 - phi * phi)) / (2 * (1 + c2))), phi);
    this.garchAlpha = alpha;
    this.garchBeta = phi - alpha;
    this.garchOmega = this.volStep * this.volStep * (1 - phi);
    this.predictive = this.dynamicMargin && p[A.P_MARGIN_FORECAST] == A.MARGIN_FORECAST_PREDICTIVE;
    this.liquidationHorizon = p[A.P_LIQUIDATION_HORIZON];
    this.safetyMultiple = p[A.P_SAFETY_MULTIPLE];
    const n = this.liquidationHorizon / this.dt;
    this.forecastSteps = n;
    this.forecastSum = phi < 1 ? (1 - NativeMath.pow(phi, n)) / (1 - phi) : n;
    this.needSigma = this.dynamicMargin || this.withdrawal || this.congestion != 0;
    for (let k = 0; k < A.Q_COUNT; k++) {
      unchecked((this.histLo[k] = p[A.P_BAND_LO + k]));
      unchecked((this.histHi[k] = p[A.P_BAND_HI + k]));
    }
  }
}
