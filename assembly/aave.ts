// Aave v3.3's liquidationCall for one collateral and one debt (docs/model.md §6, "aave"), as
// LiquidationLogic.sol (aave-dao/aave-v3-origin) writes it, in base currency (USD):
//   - up to all the debt; only half (DEFAULT_LIQUIDATION_CLOSE_FACTOR) while the health factor is
//     above 0.95 (CLOSE_FACTOR_HF_THRESHOLD) and both collateral and debt are at least $2,000
//     (MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD);
//   - the liquidator receives collateral worth the debt repaid x (1 + bonus), or all the collateral
//     when that is not enough (then it repays collateral / (1 + bonus));
//   - the protocol takes feeShare of the bonus part of that collateral;
//   - no liquidation may leave debt or collateral between $0 and $1,000 (MIN_LEFTOVER_BASE): it reverts.
// Debt left with no collateral is the reserve's deficit: the caller settles it as bad debt.

export const AAVE_HF_THRESHOLD: f64 = 0.95;
export const AAVE_MIN_BASE: f64 = 2000;
export const AAVE_MIN_LEFTOVER: f64 = 1000;
export const AAVE_CLOSE_FACTOR: f64 = 0.5;

export class AaveCall {
  /** Debt repaid, collateral taken from the borrower (the liquidator's part and the fee), the fee. */
  debt: f64 = 0;
  collateral: f64 = 0;
  fee: f64 = 0;
  /** False when the call would revert (it would leave dust): nothing happens. */
  ok: bool = true;

  /**
   * One call that asks to cover `debtToCover` of debt D against collateral C at health factor hf,
   * with liquidation bonus `bonus` (0.05 for Aave's 105%) and protocol fee `feeShare` of the bonus.
   */
  compute(C: f64, D: f64, hf: f64, bonus: f64, feeShare: f64, debtToCover: f64): void {
    let maxDebt = D;
    if (C >= AAVE_MIN_BASE && D >= AAVE_MIN_BASE && hf > AAVE_HF_THRESHOLD) maxDebt = AAVE_CLOSE_FACTOR * D;
    let debt = Math.min(debtToCover, maxDebt);
    let coll = debt * (1 + bonus);
    if (coll > C) {
      coll = C;
      debt = C / (1 + bonus);
    }
    this.fee = (coll - coll / (1 + bonus)) * feeShare;
    this.debt = debt;
    this.collateral = coll;
    this.ok = !(debt < D && coll < C) || (D - debt >= AAVE_MIN_LEFTOVER && C - coll >= AAVE_MIN_LEFTOVER);
  }
}
