// What one path adds up, written out as its R_* record.
import * as A from './shared/abi';

export class Totals {
  badDebt: f64 = 0; uncovered: f64 = 0; covered: f64 = 0; socialised: f64 = 0; fundEnd: f64 = 0;
  penaltyToFund: f64 = 0; rewards: f64 = 0; returned: f64 = 0; value: f64 = 0;
  liqNotional: f64 = 0; traderCost: f64 = 0; slippage: f64 = 0; liqCount: f64 = 0;
  ddMarket: f64 = 0; ddFundamental: f64 = 0; waves: f64 = 0; peakPerMinute: f64 = 0;
  firstLiq: f64 = -1; firstFund: f64 = -1; firstInsolvent: f64 = -1;
  openDeficit: f64 = 0; ammPnl: f64 = 0; backstopNotional: f64 = 0;
  adlOvershoot: f64 = 0; adlHit: f64 = 0; adlHitInProfit: f64 = 0;
  mmrMean: f64 = 0;

  reset(): void {
    this.badDebt = this.uncovered = this.covered = this.socialised = this.fundEnd = 0;
    this.penaltyToFund = this.rewards = this.returned = this.value = 0;
    this.liqNotional = this.traderCost = this.slippage = this.liqCount = 0;
    this.ddMarket = this.ddFundamental = this.waves = this.peakPerMinute = 0;
    this.firstLiq = this.firstFund = this.firstInsolvent = -1;
    this.openDeficit = this.ammPnl = this.backstopNotional = 0;
    this.adlOvershoot = this.adlHit = this.adlHitInProfit = 0;
    this.mmrMean = 0;
  }

  write(out: StaticArray<f64>, o: i32): void {
    unchecked((out[o + A.R_BAD_DEBT] = this.badDebt));
    unchecked((out[o + A.R_UNCOVERED] = this.uncovered));
    unchecked((out[o + A.R_COVERED] = this.covered));
    unchecked((out[o + A.R_SOCIALISED] = this.socialised));
    unchecked((out[o + A.R_FUND_END] = this.fundEnd));
    unchecked((out[o + A.R_PENALTY_TO_FUND] = this.penaltyToFund));
    unchecked((out[o + A.R_REWARDS] = this.rewards));
    unchecked((out[o + A.R_RETURNED] = this.returned));
    unchecked((out[o + A.R_VALUE] = this.value));
    unchecked((out[o + A.R_LIQ_NOTIONAL] = this.liqNotional));
    unchecked((out[o + A.R_TRADER_COST] = this.traderCost));
    unchecked((out[o + A.R_SLIPPAGE] = this.slippage));
    unchecked((out[o + A.R_LIQ_COUNT] = this.liqCount));
    unchecked((out[o + A.R_DD_MARKET] = this.ddMarket));
    unchecked((out[o + A.R_DD_FUNDAMENTAL] = this.ddFundamental));
    unchecked((out[o + A.R_WAVES] = this.waves));
    unchecked((out[o + A.R_PEAK_PER_MINUTE] = this.peakPerMinute));
    unchecked((out[o + A.R_FIRST_LIQ] = this.firstLiq));
    unchecked((out[o + A.R_FIRST_FUND] = this.firstFund));
    unchecked((out[o + A.R_FIRST_INSOLVENT] = this.firstInsolvent));
    unchecked((out[o + A.R_OPEN_DEFICIT] = this.openDeficit));
    unchecked((out[o + A.R_AMM_PNL] = this.ammPnl));
    unchecked((out[o + A.R_BACKSTOP_NOTIONAL] = this.backstopNotional));
    unchecked((out[o + A.R_ADL_OVERSHOOT] = this.adlOvershoot));
    unchecked((out[o + A.R_ADL_HIT] = this.adlHit));
    unchecked((out[o + A.R_ADL_HIT_IN_PROFIT] = this.adlHitInProfit));
    unchecked((out[o + A.R_MMR_MEAN] = this.mmrMean));
  }
}
