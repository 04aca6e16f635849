// Reference twin of assembly/params.ts: the parameter vector read once into named fields, with the
// per-step constants the model derives from them (docs/model.md gives each formula).
import * as A from '../../assembly/shared/abi';
import { YEAR, halfLifeDecay } from './common';

export class ModelParams {
  seed: number; steps: number; dt: number; grid: number; naive: boolean;
  S0: number; logS0: number; mu: number; sigma: number;
  jumpMean: number; jumpStd: number; jumpsPerStep: number; noJumpChance: number;
  shockDepth: number; shockStart: number; shockDuration: number; shockLog: number;
  impactModel: number; depth1pct: number; impactY: number; dailyVolume: number;
  permanentImpact: number; resDecay: number;
  withdrawal: boolean; withdrawalExponent: number; minDepthShare: number;
  positions: number; openInterest: number; longShare: number; leverageMean: number;
  leverageDispersion: number; sizeDispersion: number; entrySpread: number; imr: number;
  mmr: number; dynamicMargin: boolean; sigmaRef: number; maxMultiplier: number; volDecay: number;
  latencySteps: number; upThr: number; downThr: number; heartbeatSteps: number;
  mechanism: number; isPartial: boolean; isDutch: boolean; isAmm: boolean;
  closeFactor: number; buffer: number; maxLiqPerStep: number; scheduleSteps: number; scheduleKappa: number;
  auctionStart: number; auctionEnd: number; auctionDuration: number; auctionDecay: number;
  auctionSteps: number; logEndRatio: number;
  ammLiquidity: number; arbPull: number;
  capacity: number; gasCost: number; congestion: number; backstop: boolean;
  insuranceFund: number; penalty: number; liquidatorShare: number; adl: boolean;
  /** Drift and volatility of the fundamental's log per step. */
  drift: number; volStep: number;
  /** Whether the EWMA volatility estimate is needed at all. */
  needSigma: boolean;
  /** Histogram range of each band quantity. */
  histLo: Float64Array; histHi: Float64Array;

  constructor(p: Float64Array) {
    this.seed = p[A.P_SEED]; this.steps = p[A.P_STEPS]; this.dt = p[A.P_DT];
    this.grid = p[A.P_GRID]; this.naive = p[A.P_NAIVE_SCAN] !== 0;
    this.S0 = p[A.P_S0]; this.logS0 = Math.log(this.S0); this.mu = p[A.P_MU]; this.sigma = p[A.P_SIGMA];
    this.jumpMean = p[A.P_JUMP_MEAN]; this.jumpStd = p[A.P_JUMP_STD];
    const jumpRate = p[A.P_JUMPS_PER_DAY] / 86400;
    this.jumpsPerStep = jumpRate * this.dt;
    this.noJumpChance = Math.exp(-this.jumpsPerStep);
    this.shockDepth = p[A.P_SHOCK_DEPTH]; this.shockStart = p[A.P_SHOCK_START];
    this.shockDuration = p[A.P_SHOCK_DURATION]; this.shockLog = Math.log1p(-this.shockDepth);
    this.impactModel = p[A.P_IMPACT_MODEL]; this.depth1pct = p[A.P_DEPTH_1PCT];
    this.impactY = p[A.P_IMPACT_Y]; this.dailyVolume = p[A.P_DAILY_VOLUME];
    this.permanentImpact = p[A.P_PERMANENT_IMPACT];
    this.resDecay = halfLifeDecay(this.dt, p[A.P_RESILIENCE_HALF_LIFE]);
    this.withdrawal = p[A.P_LIQUIDITY_WITHDRAWAL] !== 0;
    this.withdrawalExponent = p[A.P_WITHDRAWAL_EXPONENT]; this.minDepthShare = p[A.P_MIN_DEPTH_SHARE];
    this.positions = p[A.P_POSITIONS]; this.openInterest = p[A.P_OPEN_INTEREST];
    this.longShare = p[A.P_LONG_SHARE]; this.leverageMean = p[A.P_LEVERAGE_MEAN];
    this.leverageDispersion = p[A.P_LEVERAGE_DISPERSION]; this.sizeDispersion = p[A.P_SIZE_DISPERSION];
    this.entrySpread = p[A.P_ENTRY_SPREAD]; this.imr = p[A.P_IMR];
    this.mmr = p[A.P_MMR]; this.dynamicMargin = p[A.P_DYNAMIC_MARGIN] !== 0;
    this.sigmaRef = p[A.P_SIGMA_REF]; this.maxMultiplier = p[A.P_MAX_MULTIPLIER];
    this.volDecay = halfLifeDecay(this.dt, p[A.P_VOL_HALF_LIFE]);
    this.latencySteps = Math.floor(p[A.P_ORACLE_LATENCY] / this.dt + 0.5);
    const dev = p[A.P_ORACLE_DEVIATION];
    this.upThr = Math.log1p(dev);
    this.downThr = dev < 1 ? Math.log1p(-dev) : -Infinity;
    this.heartbeatSteps = Math.max(1, Math.floor(p[A.P_ORACLE_HEARTBEAT] / this.dt + 0.5));
    this.mechanism = p[A.P_MECHANISM];
    this.isPartial = this.mechanism === A.MECH_PARTIAL;
    this.isDutch = this.mechanism === A.MECH_DUTCH;
    this.isAmm = this.mechanism === A.MECH_AMM;
    this.closeFactor = p[A.P_CLOSE_FACTOR]; this.buffer = p[A.P_BUFFER];
    this.maxLiqPerStep = p[A.P_MAX_LIQ_PER_STEP];
    this.scheduleSteps = this.isPartial ? p[A.P_SCHEDULE_STEPS] : 0;
    this.scheduleKappa = p[A.P_SCHEDULE_KAPPA];
    this.auctionStart = p[A.P_AUCTION_START]; this.auctionEnd = p[A.P_AUCTION_END];
    this.auctionDuration = p[A.P_AUCTION_DURATION]; this.auctionDecay = p[A.P_AUCTION_DECAY];
    this.auctionSteps = p[A.P_AUCTION_STEPS];
    this.logEndRatio = Math.log(this.auctionEnd / this.auctionStart);
    this.ammLiquidity = p[A.P_AMM_LIQUIDITY];
    this.arbPull = 1 - halfLifeDecay(this.dt, p[A.P_AMM_ARB_HALF_LIFE]);
    this.capacity = p[A.P_LIQUIDATOR_CAPACITY]; this.gasCost = p[A.P_GAS_COST];
    this.congestion = p[A.P_CONGESTION]; this.backstop = p[A.P_BACKSTOP] !== 0;
    this.insuranceFund = p[A.P_INSURANCE_FUND]; this.penalty = p[A.P_PENALTY];
    this.liquidatorShare = p[A.P_LIQUIDATOR_SHARE]; this.adl = p[A.P_ADL] !== 0;
    // Merton compensator E[e^J - 1] per jump keeps mu the expected return when jumps are on.
    const dtY = this.dt / YEAR;
    const kappaJ = Math.exp(this.jumpMean + 0.5 * this.jumpStd * this.jumpStd) - 1;
    this.drift = (this.mu - 0.5 * this.sigma * this.sigma) * dtY - jumpRate * kappaJ * this.dt;
    this.volStep = this.sigma * Math.sqrt(dtY);
    this.needSigma = this.dynamicMargin || this.withdrawal || this.congestion !== 0;
    this.histLo = p.slice(A.P_BAND_LO, A.P_BAND_LO + A.Q_COUNT);
    this.histHi = p.slice(A.P_BAND_HI, A.P_BAND_HI + A.Q_COUNT);
  }
}
