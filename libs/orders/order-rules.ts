import type { EntityManager } from 'typeorm';
import { formatDecimal, numericToScaled, pow10, NAV_DECIMALS } from '@rwa/common';
import { SqlStatement } from '@rwa/database';
import { FundStatus, type FundEntity } from '@rwa/funds';
import { OrderType } from './order.entity.js';
import { OrdersErrorCode, OrdersException } from './orders.exception.js';

/**
 * The fund rules of the order path, each written once and used by every path that moves value:
 * placement (fast and full), payment confirmation (fast and full) and the NAV strike. The token
 * enforces the same rules on chain; these refuse first, before any cash moves, so the chain never
 * refuses what the API accepted (docs/fund-dealing.md says where the two differ).
 */

/**
 * Why the fund takes no order of `type` now, or null. PAUSED takes none; CLOSED takes redemptions
 * only, once its token is unpaused; a fund not deployed or failed takes none.
 */
export function fundRefusal(fund: FundEntity, type: OrderType): OrdersException | null {
  if (fund.status === FundStatus.PAUSED) return new OrdersException(OrdersErrorCode.FUND_PAUSED, `Fund ${fund.id} is paused`);
  if (fund.status === FundStatus.CLOSED) {
    if (type === OrderType.SUBSCRIPTION) return new OrdersException(OrdersErrorCode.FUND_CLOSED, `Fund ${fund.id} is closed: redemptions only`);
    if (fund.tokenPaused || fund.tokenPauseTarget) return new OrdersException(OrdersErrorCode.FUND_PAUSED, `Fund ${fund.id} is closed and its token not unpaused yet`);
    return null;
  }
  if (fund.status !== FundStatus.ACTIVE) return new OrdersException(OrdersErrorCode.FUND_NOT_ACTIVE, `Fund ${fund.id} is ${fund.status}, not ACTIVE`);
  return null;
}

/** A subscription's effect on the fund's holder caps. */
export interface HolderLimitCheck {
  fund: FundEntity;
  walletId: string;
  address: string;
  /** Units the order will mint (an estimate at placement, exact once priced). */
  units: bigint;
  /** The order itself, not counted among the units in flight. */
  orderId: string;
}

/** True when the fund caps holders or units per holder (and the order path must count them). */
export function hasHolderLimits(fund: FundEntity): boolean {
  return fund.maxHolders !== null || fund.maxUnitsPerHolder !== null;
}

/**
 * A SQL SELECT of two booleans, `holders_ok` and `units_ok`: whether the subscription keeps the
 * fund within maxHolders and the wallet within maxUnitsPerHolder, counting units in flight.
 *
 * What a wallet holds is read from the chain index (fund_holdings), plus every subscription of it
 * in flight (paid and waiting to mint, or held after payment), plus subscriptions minted in a
 * transaction the index has not applied yet. The holders are the indexed holders, plus the wallets
 * of those subscriptions. Transfers between holders that the index has not seen yet are
 * the one thing it cannot count: the chain then refuses the mint and the order's cash is refunded.
 */
export function holderLimitsSql(s: SqlStatement, check: HolderLimitCheck): string {
  const fundId = s.param(check.fund.id, 'uuid');
  const address = s.param(check.address.toLowerCase(), 'text');
  const walletId = s.param(check.walletId, 'uuid');
  const orderId = s.param(check.orderId, 'uuid');
  const indexedSince = `coalesce((SELECT max(updated_at) FROM chain_index_checkpoints WHERE fund_id = ${fundId}) - interval '5 minutes', '-infinity'::timestamptz)`;
  // In flight: paid and not yet minted, held after payment, or minted in a block after the one the
  // index last applied (its transaction record says where it was mined; without a record, on the
  // safe side, counted). fund_holdings moves with the checkpoint, so a mint is counted once.
  const indexedBlock = `(SELECT max(last_block) FROM chain_index_checkpoints WHERE fund_id = ${fundId})`;
  const inFlight = `o.fund_id = ${fundId} AND o.type = 'SUBSCRIPTION' AND o.id <> ${orderId}
    AND (o.status IN ('PAYMENT_CONFIRMED', 'PRICING', 'MINTING') OR (o.status = 'ON_HOLD' AND o.payment_reference IS NOT NULL)
      OR (o.status = 'SETTLED' AND o.updated_at > ${indexedSince}
        AND coalesce((SELECT t.block_number FROM chain_transaction_attempts a JOIN chain_transactions t ON t.id = a.transaction_id WHERE a.hash = o.tx_hash) > ${indexedBlock}, true)))`;
  const maxHolders = s.param(check.fund.maxHolders, 'bigint');
  const maxUnits = s.param(check.fund.maxUnitsPerHolder, 'numeric');
  return `SELECT
      (${maxHolders} IS NULL
        OR ${address} IN (SELECT lower(address) FROM fund_holdings WHERE fund_id = ${fundId} AND units > 0)
        OR EXISTS (SELECT 1 FROM orders o WHERE o.wallet_id = ${walletId} AND ${inFlight})
        OR (SELECT count(*) FROM (
              SELECT lower(address) AS holder FROM fund_holdings WHERE fund_id = ${fundId} AND units > 0
              UNION SELECT lower(w.address) FROM orders o JOIN wallets w ON w.id = o.wallet_id WHERE ${inFlight}) holders) < ${maxHolders}) AS holders_ok,
      (${maxUnits} IS NULL
        OR coalesce((SELECT sum(units) FROM fund_holdings WHERE fund_id = ${fundId} AND lower(address) = ${address}), 0)
          + coalesce((SELECT sum(o.units) FROM orders o WHERE o.wallet_id = ${walletId} AND ${inFlight}), 0)
          + ${s.param(check.units.toString(), 'numeric')} <= ${maxUnits}) AS units_ok`;
}

/**
 * Refuses a subscription that would break the fund's holder caps (holderLimitsSql), in the
 * caller's transaction. Where the answer binds (payment confirmation, the NAV strike), the caller
 * first takes lockHolderLimits so that concurrent subscriptions of the fund count each other.
 * @throws OrdersException FUND_MAX_HOLDERS_REACHED, MAX_UNITS_PER_HOLDER_EXCEEDED
 */
export async function checkHolderLimits(manager: EntityManager, check: HolderLimitCheck): Promise<void> {
  if (!hasHolderLimits(check.fund)) return;
  const s = new SqlStatement();
  const [row] = (await manager.query(holderLimitsSql(s, check), [...s.params])) as { holders_ok: boolean; units_ok: boolean }[];
  if (!row!.holders_ok) throw new OrdersException(OrdersErrorCode.FUND_MAX_HOLDERS_REACHED, `Fund ${check.fund.id} has its ${check.fund.maxHolders} holders (counting orders in flight)`);
  if (!row!.units_ok) {
    throw new OrdersException(
      OrdersErrorCode.MAX_UNITS_PER_HOLDER_EXCEEDED,
      `A holder of fund ${check.fund.id} may hold at most ${formatDecimal(BigInt(check.fund.maxUnitsPerHolder!), check.fund.unitDecimals)} units (counting orders in flight)`,
    );
  }
}

/** Serialises the binding holder-cap checks of one fund until the caller's transaction ends. */
export async function lockHolderLimits(manager: EntityManager, fund: FundEntity): Promise<void> {
  if (hasHolderLimits(fund)) await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('fund-holders:' || $1::text, 0))`, [fund.id]);
}

/** The units `amount` buys at `nav` (an estimate before pricing: the order's NAV may differ). */
export function estimatedUnits(amount: string, cashDecimals: number, nav: string, unitDecimals: number): bigint {
  const cash = numericToScaled(amount, cashDecimals);
  const perUnit = numericToScaled(nav, NAV_DECIMALS);
  return (cash * pow10(NAV_DECIMALS + unitDecimals)) / (perUnit * pow10(cashDecimals));
}

/**
 * The units of a wallet a redemption may take: its balance on chain, read at `balanceReadAt`
 * before the caller's transaction (no RPC while a row lock is held), less the units of its
 * redemptions still on their way out (and of those that left since the read, which the balance may
 * or may not show: counted again, on the safe side), less the units still in the fund's lock-up
 * (subscriptions minted less than lockupDays ago). Answers the two figures so the caller can say
 * which rule refused.
 */
export async function redeemableUnits(
  manager: EntityManager,
  fund: FundEntity,
  walletId: string,
  balance: bigint,
  balanceReadAt: Date,
): Promise<{ available: bigint; unlocked: bigint }> {
  const [row] = (await manager.query(
    `SELECT
       coalesce(sum(units) FILTER (WHERE type = 'REDEMPTION' AND (status IN ('RECEIVED', 'ON_HOLD', 'PRICING', 'BURNING')
         OR (status IN ('PAYOUT_PENDING', 'SETTLED') AND updated_at >= $3::timestamptz - interval '1 second'))), 0)::text AS pending,
       coalesce(sum(units) FILTER (WHERE type = 'SUBSCRIPTION' AND $4::int IS NOT NULL AND status = 'SETTLED' AND updated_at > now() - make_interval(days => $4::int)), 0)::text AS locked
     FROM orders WHERE wallet_id = $1 AND fund_id = $2`,
    [walletId, fund.id, balanceReadAt, fund.lockupDays || null],
  )) as { pending: string; locked: string }[];
  const available = balance - BigInt(row!.pending);
  return { available, unlocked: available - BigInt(row!.locked) };
}
