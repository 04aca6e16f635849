// Reference twin of assembly/totals.ts: what one path adds up, written out as its R_* record.
import * as A from '../../assembly/shared/abi';

export class Totals {
  badDebt = 0; uncovered = 0; covered = 0; socialised = 0; fundEnd = 0;
  penaltyToFund = 0; rewards = 0; returned = 0; value = 0;
  liqNotional = 0; traderCost = 0; slippage = 0; liqCount = 0;
  ddMarket = 0; ddFundamental = 0; waves = 0; peakPerMinute = 0;
  firstLiq = -1; firstFund = -1; firstInsolvent = -1;
  openDeficit = 0; ammPnl = 0; backstopNotional = 0;

  reset(): void {
    this.badDebt = this.uncovered = this.covered = this.socialised = this.fundEnd = 0;
    this.penaltyToFund = this.rewards = this.returned = this.value = 0;
    this.liqNotional = this.traderCost = this.slippage = this.liqCount = 0;
    this.ddMarket = this.ddFundamental = this.waves = this.peakPerMinute = 0;
    this.firstLiq = this.firstFund = this.firstInsolvent = -1;
    this.openDeficit = this.ammPnl = this.backstopNotional = 0;
  }

  write(out: Float64Array, o: number): void {
    out[o + A.R_BAD_DEBT] = this.badDebt;
    out[o + A.R_UNCOVERED] = this.uncovered;
    out[o + A.R_COVERED] = this.covered;
    out[o + A.R_SOCIALISED] = this.socialised;
    out[o + A.R_FUND_END] = this.fundEnd;
    out[o + A.R_PENALTY_TO_FUND] = this.penaltyToFund;
    out[o + A.R_REWARDS] = this.rewards;
    out[o + A.R_RETURNED] = this.returned;
    out[o + A.R_VALUE] = this.value;
    out[o + A.R_LIQ_NOTIONAL] = this.liqNotional;
    out[o + A.R_TRADER_COST] = this.traderCost;
    out[o + A.R_SLIPPAGE] = this.slippage;
    out[o + A.R_LIQ_COUNT] = this.liqCount;
    out[o + A.R_DD_MARKET] = this.ddMarket;
    out[o + A.R_DD_FUNDAMENTAL] = this.ddFundamental;
    out[o + A.R_WAVES] = this.waves;
    out[o + A.R_PEAK_PER_MINUTE] = this.peakPerMinute;
    out[o + A.R_FIRST_LIQ] = this.firstLiq;
    out[o + A.R_FIRST_FUND] = this.firstFund;
    out[o + A.R_FIRST_INSOLVENT] = this.firstInsolvent;
    out[o + A.R_OPEN_DEFICIT] = this.openDeficit;
    out[o + A.R_AMM_PNL] = this.ammPnl;
    out[o + A.R_BACKSTOP_NOTIONAL] = this.backstopNotional;
  }
}
