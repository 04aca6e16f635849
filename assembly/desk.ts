// The liquidation desk: finds liquidatable positions, the most under water first, and handles each
// by the scenario's mechanism; settles every closed amount (docs/model.md, "Settlement").
import * as A from './shared/abi';
import { AaveCall } from './aave';
import { HL_TO_VAULT, HL_WAIT, Hyperliquid } from './hyperliquid';
import { Absorbed } from './compound';
import { Amm } from './amm';
import { Auctions } from './auctions';
import { CLOSED, OPEN, logOf } from './common';
import { PathState } from './path-state';
import { sortLadder } from './ladder';
import { Parking } from './parking';
import { Waiting } from './waiting';
import { Schedules } from './schedule';
import { settle } from './settlement';

/** A remainder below this share of the original size is closed with the rest. */
const DUST: f64 = 0.01;
/** Who sells on the market: a keeper (else the backstop), the protocol's own order, or a vault taking over. */
const BY_KEEPER: i32 = 0;
const BY_PROTOCOL: i32 = 1;
const BY_VAULT: i32 = 2;
/** A side's candidate to peek again: its ladder changed. */
const STALE: i32 = -2;

export class Desk {
  private ps: PathState;
  private rateLeft: f64 = 0;
  private reinsert: StaticArray<i32>;
  private reinsertCount: i32 = 0;
  private blockedL: bool = false; // the price band stopped this step's long sales
  private blockedS: bool = false; // and short purchases
  private longList: StaticArray<i32>;
  private shortList: StaticArray<i32>;
  private longLen: i32 = 0;
  private shortLen: i32 = 0;
  // Dutch auctions.
  auctions: Auctions;
  /** The protocol-owned constant-product pool (amm.ts). */
  amm: Amm;
  // Partial mechanism on the optimal schedule: the positions being sold down.
  sched: Schedules;
  // Parking (parking.ts): only keepers close, one trade at a time, and none can serve a bankrupt
  // position or one too small to pay its gas.
  private parking: bool = false;
  private park: Parking;
  /** What still waits on the ladders, the schedules and the auctions (waiting.ts). */
  waiting: Waiting;
  // Aave: the call for the position at hand, and its bonus per unit of notional closed.
  private aave: AaveCall = new AaveCall();
  private bonusRate: f64 = 0;
  // Hyperliquid: the 20% slices and their cooldown (hyperliquid.ts).
  private hl: Hyperliquid;
  /** Compound: the collateral the protocol absorbed, sold through buyCollateral (compound.ts). */
  absorbed: Absorbed;

  constructor(ps: PathState) {
    this.ps = ps;
    const n = ps.book.n;
    this.reinsert = new StaticArray<i32>(n);
    this.longList = new StaticArray<i32>(n);
    this.shortList = new StaticArray<i32>(n);
    const sched = new Schedules(n), auctions = new Auctions(ps);
    this.sched = sched;
    this.auctions = auctions;
    this.park = new Parking(ps);
    this.hl = new Hyperliquid(ps);
    this.absorbed = new Absorbed(ps);
    this.amm = new Amm(ps);
    this.waiting = new Waiting(ps, sched, auctions);
  }

  reset(): void {
    this.auctions.count = 0;
    this.sched.reset();
    this.hl.reset();
    this.absorbed.reset();
    this.amm.reset();
    const m = this.ps.m;
    // Not under Aave: its bonus is paid from a bankrupt position too, so a keeper may serve one.
    this.parking = !m.naive && !m.backstop && !m.isAmm && !m.isDutch && !m.isAave && !m.isHl && !m.isCompound && m.scheduleSteps == 0 && m.liquidatorShare <= 1;
  }

  /** Whether work waits from step to step: open auctions, schedules, absorbed collateral to sell. */
  carries(): bool {
    return this.auctions.count > 0 || this.sched.count > 0 || this.absorbed.units != 0;
  }

  /** Steps 3 to 5 of a time step. */
  liquidate(t: i32): void {
    const ps = this.ps, m = ps.m;
    ps.capLeft = m.isAmm ? Infinity : m.capacity;
    this.rateLeft = m.isPartial ? m.maxLiqPerStep : Infinity;
    this.reinsertCount = 0;
    if (m.naive) this.scanAll();
    let li = 0, si = 0;
    // Each side's candidate: peeked again only after its own ladder changed (STALE). Nothing in the
    // walk changes the other side's ladder, thresholds or levy, so its candidate holds.
    let a: i32 = STALE, b: i32 = STALE;
    this.blockedL = this.blockedS = false;
    // Without a backstop only keepers close, and when even the largest position at the highest
    // price the band allows cannot pay a keeper's gas, nobody is served: skip the walk, whose every
    // candidate would be refused (and whose cost would grow with the waiting queue, not the work done).
    if (!m.backstop && !m.isAmm && !m.isDutch && !m.isHl && !m.isCompound && this.keepersIdle()) return;
    if (this.sched.count > 0) this.runSchedules(t);
    for (;;) {
      // The next candidate on each side: from the ladders, or from this step's scan. A side the
      // price band has blocked trades no more this step: its forced trades all push one way.
      if (m.naive) {
        a = li < this.longLen ? unchecked(this.longList[li]) : -1;
        b = si < this.shortLen ? unchecked(this.shortList[si]) : -1;
      } else {
        if (a == STALE) {
          a = ps.longs.peek();
          if (a >= 0 && !ps.liquidatable(a)) a = -1;
        }
        if (b == STALE) {
          b = ps.shorts.peek();
          if (b >= 0 && !ps.liquidatable(b)) b = -1;
        }
      }
      if (this.blockedL) a = -1;
      if (this.blockedS) b = -1;
      if (a < 0 && b < 0) break;
      // Across sides, the lower equity at the oracle price (per unit of price) goes first.
      const c = a < 0 ? b : b < 0 ? a : ps.oraclePrice() - ps.kEff(a) <= ps.kEff(b) - ps.oraclePrice() ? a : b;
      if (!m.isDutch && (ps.capLeft <= 0 || this.rateLeft <= 0)) break;
      const fromLongs = c == a;
      if (fromLongs) a = STALE;
      else b = STALE;
      if (!m.naive && unchecked(ps.state[c]) != OPEN) {
        // Closed by queue ADL while it waited down the ladder: it leaves the ladder now.
        if (fromLongs) ps.longs.pop(c);
        else ps.shorts.pop(c);
        continue;
      }
      if (this.parking && this.park.unservable(c)) {
        if (fromLongs) this.park.passRun(ps.longs, 1, b);
        else this.park.passRun(ps.shorts, -1, a);
        continue;
      }
      if (fromLongs) li++;
      else si++;
      if (!m.naive) {
        if (unchecked(ps.book.side[c]) > 0) ps.longs.pop(c);
        else ps.shorts.pop(c);
      }
      ps.examined += 1;
      if (m.isDutch) this.auctions.kick(c, t);
      else if (m.isAave) this.aaveCall(c, t);
      else if (m.isHl) this.hyperliquid(c, t);
      else if (m.isCompound) this.absorb(c, t);
      else if (m.scheduleSteps > 0) {
        // The position starts its optimal schedule; this step sells its first slice.
        const q = unchecked(ps.q[c]);
        this.sched.add(c, q, t);
        this.close(c, t, q - this.sched.target(this.sched.count - 1, t, m.scheduleKappa, m.scheduleSteps, m.dt));
      } else {
        const q = unchecked(ps.q[c]);
        this.close(c, t, m.isPartial ? q * this.partialFraction(ps.kEff(c), <f64>unchecked(ps.book.side[c])) : q);
      }
    }
    if (m.isDutch && this.auctions.count > 0) this.auctions.run(t);
    if (m.isCompound) this.absorbed.sell();
    if (!m.naive) {
      for (let k = 0; k < this.reinsertCount; k++) {
        const i = unchecked(this.reinsert[k]);
        if (unchecked(ps.book.side[i]) > 0) ps.longs.push(i);
        else ps.shorts.push(i);
      }
      ps.longs.endStep();
      ps.shorts.endStep();
    }
  }

  /**
   * True when no keeper can profit from any liquidation this step: its reward is at most
   * liquidatorShare x penalty x qc x X, with qc at most the largest position and X at most the top
   * of the price band, and it must beat the gas.
   */
  private keepersIdle(): bool {
    const ps = this.ps, m = ps.m;
    const Xmax = NativeMath.exp(ps.logPref + ps.impactCeiling);
    return m.liquidatorShare * m.penalty * ps.book.maxQ * Xmax <= ps.gasT;
  }

  /** Naive baseline: every open position is tested every step, then sorted like the ladders. */
  private scanAll(): void {
    const ps = this.ps;
    this.longLen = this.shortLen = 0;
    for (let i = 0; i < ps.book.n; i++) {
      if (unchecked(ps.state[i]) != OPEN || unchecked(this.sched.on[i]) != 0 || !ps.liquidatable(i)) continue;
      if (unchecked(ps.book.side[i]) > 0) unchecked((this.longList[this.longLen++] = i));
      else unchecked((this.shortList[this.shortLen++] = i));
    }
    sortLadder(this.longList, this.longLen, 1, ps.K);
    sortLadder(this.shortList, this.shortLen, -1, ps.K);
  }

  /**
   * Schedules sell before the ladder is walked: each open one down to its target for this step, while
   * the liquidators' capacity and the rate limit last; a side the band has blocked waits.
   */
  private runSchedules(t: i32): void {
    const ps = this.ps, m = ps.m, sc = this.sched;
    for (let k = 0; k < sc.count; k++) {
      if (ps.capLeft <= 0 || this.rateLeft <= 0) break;
      const c = unchecked(sc.pos[k]);
      ps.examined += 1;
      if (unchecked(ps.state[c]) != OPEN || (unchecked(ps.book.side[c]) > 0 ? this.blockedL : this.blockedS)) continue;
      const want = unchecked(ps.q[c]) - sc.target(k, t, m.scheduleKappa, m.scheduleSteps, m.dt);
      if (want > 0) this.close(c, t, want);
    }
    sc.compact(ps.state);
  }

  /** A position that was not (fully) closed goes back on the ladder, unless a schedule drives it. */
  @inline private wait(c: i32): void {
    if (unchecked(this.sched.on[c]) == 0) unchecked((this.reinsert[this.reinsertCount++] = c));
  }

  /** A side the price band (or the pool's room) stops trades no more this step; c waits. */
  private block(c: i32, s: f64): void {
    this.wait(c);
    if (s > 0) this.blockedL = true;
    else this.blockedS = true;
  }

  /** Full, partial and AMM mechanisms: close `want` of position c, or the part the limits allow. */
  @inline private close(c: i32, t: i32, want: f64): void {
    const ps = this.ps;
    const s = <f64>unchecked(ps.book.side[c]);
    const q = unchecked(ps.q[c]);
    const Keff = ps.kEff(c);
    const Pm = ps.marketPrice();
    // All of it (every close of the full mechanism) needs neither the cap nor the dust rule.
    let qc = want;
    if (want != q) {
      qc = Math.min(want, q);
      if (q - qc < DUST * unchecked(ps.book.q[c])) qc = q;
    }
    if (ps.m.isAmm) this.closeInPool(c, t, s, q, qc, Keff, Pm);
    else this.closeOnMarket(c, t, s, q, qc, Keff, Pm, BY_KEEPER);
  }

  /** AMM: the protocol-owned pool takes the trade at its constant-product price, within its room (amm.ts). */
  private closeInPool(c: i32, t: i32, s: f64, q: f64, qc: f64, Keff: f64, Pm: f64): void {
    const ps = this.ps;
    qc = this.amm.room(s, qc, Pm);
    // No room, or only a rounding error's worth at the edge: the rest waits.
    if (!(qc > 1e-9 * q)) {
      this.block(c, s);
      return;
    }
    const X = this.amm.trade(s, qc);
    const V = s * qc * (X - Keff);
    const paid = V > 0 ? Math.min(V, ps.m.penalty * qc * X) : 0;
    this.reduce(c, t, s, q, qc, X, V, paid, false, A.EV_AMM, qc * Math.abs(Pm - X), Keff);
  }

  /**
   * Full and partial: a keeper, or else the backstop, sells on the market within the liquidators'
   * capacity, the rate limit and the price band; a keeper acts only when its reward pays. `by`: the
   * protocol's own order (no keeper to pay) or a vault that takes the position and all its equity.
   * Inlined: on every close a call made wasm keep the walk's values in memory around it (1% of a step).
   */
  @inline private closeOnMarket(c: i32, t: i32, s: f64, q: f64, qc: f64, Keff: f64, Pm: f64, by: i32): void {
    const ps = this.ps, m = ps.m;
    let capped = false, rated = false;
    // A trade cut to what is left of a limit uses that limit up exactly (no dust of capacity).
    if (qc * Pm > ps.capLeft) {
      qc = ps.capLeft / Pm;
      capped = true;
    }
    if (qc * Pm > this.rateLeft) {
      qc = this.rateLeft / Pm;
      rated = true;
    }
    // Within the price band only: beyond it the book is exhausted and the rest waits.
    const v = ps.impact.clip(ps.U, -s * qc * m.S0, ps.impactFloor, ps.impactCeiling);
    if (v == 0) {
      this.block(c, s);
      return;
    }
    if (Math.abs(v) < qc * m.S0) {
      qc = Math.abs(v) / m.S0; // cut by the band, not by capacity or the rate limit
      capped = rated = false;
    }
    const X = ps.refPrice() * ps.impact.average(ps.U, v);
    const V = s * qc * (X - Keff);
    const paid = m.isAave ? this.bonusRate * qc * X : by == BY_VAULT ? Math.max(V, 0) : V > 0 ? Math.min(V, m.penalty * qc * X) : 0;
    const slip = qc * Math.abs(Pm - X);
    // A keeper acts only if its reward beats gas and the slippage its trade causes.
    const keeper = by == BY_KEEPER && m.liquidatorShare * paid - ps.gasT - slip > 0;
    if (by == BY_KEEPER && !keeper && !m.backstop) {
      this.wait(c); // waits for a better moment
      return;
    }
    ps.U += v;
    ps.capLeft = capped ? 0 : ps.capLeft - qc * Pm;
    this.rateLeft = rated ? 0 : this.rateLeft - qc * Pm;
    this.reduce(c, t, s, q, qc, X, V, paid, keeper, keeper || by == BY_PROTOCOL ? A.EV_KEEPER : A.EV_BACKSTOP, slip, Keff);
  }

  /** Settles qc of position c closed at X, then shrinks or closes the position. */
  @inline private reduce(c: i32, t: i32, s: f64, q: f64, qc: f64, X: f64, V: f64, paid: f64, keeper: bool, kind: i32, slip: f64, Keff: f64): void {
    const ps = this.ps;
    ps.markDirty(c);
    const rest = q - qc;
    settle(ps, t, c, qc, X, V, paid, keeper, kind, slip, rest);
    if (s > 0) ps.openL -= qc;
    else ps.openS -= qc;
    const Kbefore = unchecked(ps.K[c]);
    if (rest > 0) {
      // What the closed part returned stays as margin of the remainder, so its K moves.
      const K1 = V - paid >= 0 ? (q * Keff - qc * X + s * paid) / rest : Keff;
      const K = s > 0 ? K1 - ps.shiftL : K1 + ps.shiftS;
      unchecked((ps.K[c] = K));
      unchecked((ps.logK[c] = logOf(K)));
      unchecked((ps.q[c] = rest));
      this.wait(c);
      if (s > 0) ps.openQKL += rest * K - q * Kbefore;
      else ps.openQKS += rest * K - q * Kbefore;
    } else {
      unchecked((ps.q[c] = 0));
      unchecked((ps.state[c] = CLOSED));
      if (s > 0) ps.openQKL -= q * Kbefore;
      else ps.openQKS -= q * Kbefore;
    }
  }

  /**
   * Aave: the keeper asks to cover all the debt and gets what liquidationCall allows (aave.ts). A
   * long holds the asset as collateral against a dollar debt (C = qO, D = qK); a short holds dollars
   * against a debt in the asset (C = qK, D = qO). The liquidation threshold is 1 - mmr. A long's
   * closed units are the collateral seized, of which the bonus is b / (1 + b); a short's are the
   * debt repaid, on which the bonus is b. Both at the execution price, like every penalty here.
   */
  private aaveCall(c: i32, t: i32): void {
    const ps = this.ps, m = ps.m;
    const s = <f64>unchecked(ps.book.side[c]);
    const q = unchecked(ps.q[c]);
    const K = ps.kEff(c), O = ps.oraclePrice();
    const C = s > 0 ? q * O : q * K, D = s > 0 ? q * K : q * O;
    const a = this.aave;
    a.compute(C, D, ((1 - ps.mmrT) * C) / D, m.penalty, 1 - m.liquidatorShare, Infinity);
    if (!a.ok) {
      this.wait(c);
      return;
    }
    this.bonusRate = s > 0 ? m.penalty / (1 + m.penalty) : m.penalty;
    const qc = s > 0 ? a.collateral / O : a.debt / O;
    this.closeOnMarket(c, t, s, q, Math.min(qc, q), K, ps.marketPrice(), BY_KEEPER);
  }

  /**
   * Compound III's absorb: the protocol takes the whole position at the oracle price, off the market;
   * the borrower keeps its equity less the penalty (1 - liquidationFactor of the collateral value),
   * and the protocol holds the collateral (compound.ts). Not limited by the liquidators' capacity.
   */
  private absorb(c: i32, t: i32): void {
    const ps = this.ps, m = ps.m;
    const s = <f64>unchecked(ps.book.side[c]);
    const q = unchecked(ps.q[c]), K = ps.kEff(c), O = ps.oraclePrice();
    const V = s * q * (O - K);
    this.reduce(c, t, s, q, q, O, V, V > 0 ? Math.min(V, m.penalty * q * O) : 0, false, A.EV_BACKSTOP, 0, K);
    this.absorbed.take(s * q, O);
  }

  /** Hyperliquid: the protocol's market order (a slice, or all), or the vault's takeover (hyperliquid.ts). */
  private hyperliquid(c: i32, t: i32): void {
    const ps = this.ps;
    const d = this.hl.decide(c, t);
    if (d == HL_WAIT) {
      this.wait(c);
      return;
    }
    const q = unchecked(ps.q[c]);
    const vault = d == HL_TO_VAULT;
    this.closeOnMarket(c, t, <f64>unchecked(ps.book.side[c]), q, vault ? q : d, ps.kEff(c), ps.marketPrice(), vault ? BY_VAULT : BY_PROTOCOL);
  }

  /** Share of the position to close: the close factor, or enough to restore mmr + buffer. */
  private partialFraction(Keff: f64, s: f64): f64 {
    const ps = this.ps, m = ps.m;
    const O = ps.oraclePrice();
    const health = (s * (O - Keff)) / O; // equity / notional at the oracle price
    const target = ps.mmrT + m.buffer;
    const denom = target - m.penalty;
    const need = health > 0 && denom > 0 ? (target - health) / denom : 1;
    return Math.min(1, Math.max(m.closeFactor, need));
  }

  /** Change in value of the protocol-owned pool, marked at price P. */
  ammPnl(P: f64): f64 {
    const m = this.ps.m;
    return m.isAmm ? this.amm.pnl(P) : m.isCompound ? this.absorbed.pnl(P) : 0;
  }
}
