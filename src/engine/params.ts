// Scenario -> the Float64 parameter vector both model cores read (slots in assembly/shared/abi.ts).
import * as A from '../../assembly/shared/abi';
import type { Scenario } from '../scenario';
import { scheduleUrgency, scheduleSteps } from '../designer/almgren-chriss';
import { planRun } from './plan';

const IMPACT = { linear: A.IMPACT_LINEAR, sqrt: A.IMPACT_SQRT } as const;
const MECHANISM = { full: A.MECH_FULL, partial: A.MECH_PARTIAL, dutch: A.MECH_DUTCH, amm: A.MECH_AMM } as const;
const DECAY = { linear: A.DECAY_LINEAR, exponential: A.DECAY_EXPONENTIAL, stairstep: A.DECAY_STAIRSTEP } as const;

export interface EngineOptions {
  /** Scan every position every step instead of walking the ladder (benchmark baseline). */
  naiveScan?: boolean;
}

export function encodeParams(s: Scenario, options: EngineOptions = {}): Float64Array {
  const plan = planRun(s);
  const p = new Float64Array(A.P_COUNT);
  const b = (x: boolean): number => (x ? 1 : 0);
  p[A.P_SEED] = s.seed;
  p[A.P_STEPS] = plan.steps;
  p[A.P_DT] = s.dt;
  p[A.P_S0] = s.S0;
  p[A.P_MU] = s.mu;
  p[A.P_SIGMA] = s.sigma;
  p[A.P_JUMPS_PER_DAY] = s.jumpsOn ? s.jumpsPerDay : 0;
  p[A.P_JUMP_MEAN] = s.jumpMean;
  p[A.P_JUMP_STD] = s.jumpStd;
  p[A.P_SHOCK_DEPTH] = s.shockDepth;
  p[A.P_SHOCK_START] = s.shockStart;
  p[A.P_SHOCK_DURATION] = s.shockDuration;
  p[A.P_IMPACT_MODEL] = IMPACT[s.impactModel];
  p[A.P_DEPTH_1PCT] = s.depth1pct;
  p[A.P_IMPACT_Y] = s.impactY;
  p[A.P_DAILY_VOLUME] = s.dailyVolume;
  p[A.P_PERMANENT_IMPACT] = s.permanentImpact;
  p[A.P_RESILIENCE_HALF_LIFE] = s.resilienceHalfLife;
  p[A.P_LIQUIDITY_WITHDRAWAL] = b(s.liquidityWithdrawal);
  p[A.P_WITHDRAWAL_EXPONENT] = s.withdrawalExponent;
  p[A.P_MIN_DEPTH_SHARE] = s.minDepthShare;
  p[A.P_POSITIONS] = s.positions;
  p[A.P_OPEN_INTEREST] = s.openInterest;
  p[A.P_LONG_SHARE] = s.longShare;
  p[A.P_LEVERAGE_MEAN] = s.leverageMean;
  p[A.P_LEVERAGE_DISPERSION] = s.leverageDispersion;
  p[A.P_SIZE_DISPERSION] = s.sizeDispersion;
  p[A.P_ENTRY_SPREAD] = s.entrySpread;
  p[A.P_IMR] = s.imr;
  p[A.P_MMR] = s.mmr;
  p[A.P_DYNAMIC_MARGIN] = b(s.dynamicMargin);
  p[A.P_SIGMA_REF] = s.sigmaRef;
  p[A.P_MAX_MULTIPLIER] = s.maxMultiplier;
  p[A.P_VOL_HALF_LIFE] = s.volHalfLife;
  p[A.P_ORACLE_LATENCY] = s.oracleLatency;
  p[A.P_ORACLE_DEVIATION] = s.oracleDeviation;
  p[A.P_ORACLE_HEARTBEAT] = s.oracleHeartbeat;
  p[A.P_MECHANISM] = MECHANISM[s.mechanism];
  p[A.P_CLOSE_FACTOR] = s.closeFactor;
  p[A.P_BUFFER] = s.buffer;
  p[A.P_MAX_LIQ_PER_STEP] = s.maxLiquidationPerStep;
  const scheduled = s.mechanism === 'partial' && s.partialSchedule === 'optimal';
  p[A.P_SCHEDULE_STEPS] = scheduled ? scheduleSteps(s) : 0;
  p[A.P_SCHEDULE_KAPPA] = scheduled ? scheduleUrgency(s) : 0;
  p[A.P_AUCTION_START] = s.auctionStart;
  p[A.P_AUCTION_END] = s.auctionEnd;
  p[A.P_AUCTION_DURATION] = s.auctionDuration;
  p[A.P_AUCTION_DECAY] = DECAY[s.auctionDecay];
  p[A.P_AUCTION_STEPS] = s.auctionSteps;
  p[A.P_AMM_LIQUIDITY] = s.ammLiquidity;
  p[A.P_AMM_ARB_HALF_LIFE] = s.ammArbHalfLife;
  p[A.P_LIQUIDATOR_CAPACITY] = s.liquidatorCapacity;
  p[A.P_GAS_COST] = s.gasCost;
  p[A.P_CONGESTION] = s.congestion;
  p[A.P_BACKSTOP] = b(s.backstop);
  p[A.P_INSURANCE_FUND] = s.insuranceFund;
  p[A.P_PENALTY] = s.penalty;
  p[A.P_LIQUIDATOR_SHARE] = s.liquidatorShare;
  p[A.P_ADL] = b(s.adl);
  p[A.P_GRID] = plan.grid;
  p[A.P_NAIVE_SCAN] = b(options.naiveScan ?? false);
  for (let k = 0; k < A.Q_COUNT; k++) {
    p[A.P_BAND_LO + k] = plan.bands[k].lo;
    p[A.P_BAND_HI + k] = plan.bands[k].hi;
  }
  return p;
}
