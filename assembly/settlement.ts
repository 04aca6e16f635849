// Settlement of every closed amount, whoever closes it (the desk, an auction, the backstop): where
// its value goes, in the order docs/model.md ("Settlement") gives: back to the trader, to the
// liquidator and the fund, or, when negative, out of the fund and beyond it into bad debt.
import * as A from './shared/abi';
import { PathState } from './path-state';

/** The insurance fund pays what it can of a loss: the part it covered (the rest is uncovered bad debt). */
export function cover(ps: PathState, loss: f64): f64 {
  const covered = Math.min(loss, ps.fund);
  ps.fund -= covered;
  return covered;
}

/** Settlement of value V of an amount qc closed at price X (docs/model.md, "Settlement"). */
export function settle(ps: PathState, t: i32, c: i32, qc: f64, X: f64, V: f64, paid: f64, keeper: bool, kind: i32, slip: f64, rest: f64): void {
  const tot = ps.tot;
  let covered: f64 = 0, uncovered: f64 = 0, returned: f64 = 0;
  // The penalty comes out of V; only Aave's bonus can exceed it (it is paid from underwater
  // collateral too), and then the protocol pays the difference.
  const net = V - paid;
  if (net >= 0) returned = net;
  else {
    covered = cover(ps, -net);
    uncovered = -net - covered;
  }
  const reward = keeper ? ps.m.liquidatorShare * paid : 0;
  const toFund = paid - reward;
  ps.fund += toFund;
  tot.value += V;
  tot.returned += returned;
  tot.rewards += reward;
  tot.penaltyToFund += toFund;
  tot.covered += covered;
  if (unchecked(ps.book.side[c]) > 0) ps.stepUncoveredL += uncovered;
  else ps.stepUncoveredS += uncovered;
  const notional = qc * X;
  tot.liqNotional += notional;
  tot.slippage += slip;
  tot.traderCost += paid + slip;
  tot.liqCount += 1;
  if (kind == A.EV_BACKSTOP) tot.backstopNotional += notional;
  if (tot.firstLiq < 0) tot.firstLiq = t;
  if (covered > 0 && tot.firstFund < 0) tot.firstFund = t;
  ps.addNotional(t, notional);
  if (ps.tracing) ps.event(t, c, qc, X, V, paid, reward, covered, uncovered, kind, rest);
}

/**
 * A keeper incentive for starting or restarting an auction (Maker's tip and chip): a liquidator
 * reward the protocol pays out of the fund, and beyond the fund as uncovered bad debt (dss mints it
 * as system debt). It keeps the accounting identity: rewards and the fund's outflows grow alike.
 * Logged as the auction's kick event, at its starting price.
 */
export function payKeeper(ps: PathState, t: i32, c: i32, lot: f64, ask: f64, amount: f64): void {
  let covered: f64 = 0, uncovered: f64 = 0;
  if (amount > 0) {
    const tot = ps.tot;
    covered = cover(ps, amount);
    uncovered = amount - covered;
    tot.rewards += amount;
    tot.covered += covered;
    if (unchecked(ps.book.side[c]) > 0) ps.stepUncoveredL += uncovered;
    else ps.stepUncoveredS += uncovered;
  }
  if (ps.tracing) ps.event(t, c, lot, ask, 0, 0, amount, covered, uncovered, A.EV_KICK, lot);
}
