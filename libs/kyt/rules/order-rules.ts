import { formatDecimal, numericToScaled } from '@rwa/common';
import { AlertSeverity } from '../kyt.entities.js';
import { KytReasonCode, type RiskReason } from '../provider/kyt-provider.js';
import type { FundRules } from './fund-rules.js';

/** An earlier screened order of the same investor, as KYT recorded it. */
export interface PastOrder {
  fundId: string;
  /** Minor units of the fund currency; 0 for redemptions. */
  amount: bigint;
  at: Date;
}

/** A fund amount threshold as minor units of its currency. */
export function thresholdOf(value: string, cashDecimals: number): bigint {
  return numericToScaled(value, cashDecimals);
}

/** True when the order must carry originator and beneficiary information (FATF travel rule). */
export function travelRuleApplies(amount: bigint | null, rules: FundRules, cashDecimals: number): boolean {
  return amount !== null && amount >= thresholdOf(rules.travelRuleThreshold, cashDecimals);
}

/** Too many orders by one investor in the window (this order included). */
export function velocityRule(past: readonly PastOrder[], at: Date, rules: FundRules): RiskReason | null {
  const since = at.getTime() - rules.velocityWindowMinutes * 60_000;
  const count = past.filter((order) => order.at.getTime() > since).length + 1;
  if (count <= rules.velocityMaxOrders) return null;
  return {
    code: KytReasonCode.VELOCITY_EXCEEDED,
    message: `${count} orders by this investor within ${rules.velocityWindowMinutes} minutes (limit ${rules.velocityMaxOrders})`,
    level: AlertSeverity.MEDIUM,
    score: 40,
  };
}

/** An amount just under the travel-rule threshold (within the fund's structuring band). */
export function inStructuringBand(amount: bigint, rules: FundRules, cashDecimals: number): boolean {
  const threshold = thresholdOf(rules.travelRuleThreshold, cashDecimals);
  const floor = threshold - (threshold * BigInt(rules.structuringBandPercent)) / 100n;
  return amount >= floor && amount < threshold;
}

/**
 * Several orders in one fund within 24 hours, each just under the travel-rule threshold: the
 * classic way to split a large amount so that no single order triggers the threshold.
 */
export function structuringRule(past: readonly PastOrder[], order: { fundId: string; amount: bigint | null; at: Date }, rules: FundRules, cashDecimals: number): RiskReason | null {
  if (order.amount === null || !inStructuringBand(order.amount, rules, cashDecimals)) return null;
  const threshold = thresholdOf(rules.travelRuleThreshold, cashDecimals);
  const floor = threshold - (threshold * BigInt(rules.structuringBandPercent)) / 100n;
  const justUnder = (amount: bigint) => inStructuringBand(amount, rules, cashDecimals);
  const since = order.at.getTime() - 24 * 60 * 60 * 1000;
  const count = past.filter((earlier) => earlier.fundId === order.fundId && earlier.at.getTime() > since && justUnder(earlier.amount)).length + 1;
  if (count < rules.structuringMinOrders) return null;
  return {
    code: KytReasonCode.STRUCTURING_SUSPECTED,
    message: `${count} orders within 24 hours between ${formatDecimal(floor, cashDecimals)} and the ${formatDecimal(threshold, cashDecimals)} threshold`,
    level: AlertSeverity.MEDIUM,
    score: 60,
  };
}

/** A large subscription into a wallet bound only recently. */
export function freshWalletRule(order: { amount: bigint | null; at: Date; walletBoundAt: Date }, rules: FundRules, cashDecimals: number): RiskReason | null {
  if (order.amount === null) return null;
  const ageMs = order.at.getTime() - order.walletBoundAt.getTime();
  if (ageMs >= rules.freshWalletHours * 3_600_000) return null;
  const large = thresholdOf(rules.freshWalletLargeAmount, cashDecimals);
  if (order.amount < large) return null;
  return {
    code: KytReasonCode.LARGE_AMOUNT_FRESH_WALLET,
    message: `${formatDecimal(order.amount, cashDecimals)} into a wallet bound ${Math.floor(ageMs / 60_000)} minutes ago (at or above ${formatDecimal(large, cashDecimals)} within ${rules.freshWalletHours} hours)`,
    level: AlertSeverity.MEDIUM,
    score: 40,
  };
}

/**
 * Serialises the screening of an investor's orders until the caller's transaction ends, so the
 * pattern rules (velocity, structuring) count every earlier order: two orders screened at once
 * would otherwise each miss the other. A statement without parameters (the ids are checked to be
 * UUIDs), so a hot path can send it in one round trip with its BEGIN; it takes the locks in id
 * order, so transactions locking several investors cannot deadlock. The count must be a later
 * statement: a statement's snapshot is taken before the locks it acquires.
 */
export function investorScreeningLockSql(investorIds: readonly string[]): string {
  const ids = [...new Set(investorIds)].sort();
  for (const id of ids) if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new RangeError(`Not an investor id: ${id}`);
  return `SELECT pg_advisory_xact_lock(hashtextextended('kyt-investor:' || id::text, 0)) FROM unnest('{${ids.join(',')}}'::uuid[]) AS id ORDER BY id`;
}
