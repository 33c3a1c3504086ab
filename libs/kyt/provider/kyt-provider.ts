import type { EntityManager } from 'typeorm';
import { AlertSeverity } from '../kyt.entities.js';

/** Stable codes of screening reasons: clients and reports key on them, so never rename one. */
export enum KytReasonCode {
  BLOCKLIST_MATCH = 'BLOCKLIST_MATCH',
  VELOCITY_EXCEEDED = 'VELOCITY_EXCEEDED',
  STRUCTURING_SUSPECTED = 'STRUCTURING_SUSPECTED',
  LARGE_AMOUNT_FRESH_WALLET = 'LARGE_AMOUNT_FRESH_WALLET',
  /** The address exchanged units with a blocklisted address (indexed transfers). */
  INDIRECT_EXPOSURE = 'INDIRECT_EXPOSURE',
  /** No provider answered: the subject is held (fail closed) and screened again automatically. */
  SCREENING_UNAVAILABLE = 'SCREENING_UNAVAILABLE',
  /** Screened again where value moves (payment, mint, burn): the wallet is frozen, or no longer VERIFIED. */
  WALLET_FROZEN = 'WALLET_FROZEN',
  WALLET_NOT_VERIFIED = 'WALLET_NOT_VERIFIED',
  /** Screened again before a mint: the investor's KYC is no longer approved and unexpired. */
  KYC_NOT_VALID = 'KYC_NOT_VALID',
}

/** One finding of a screening, with the risk it adds. */
export interface RiskReason {
  /** A built-in code, or an external service's code prefixed with EXTERNAL_. */
  code: KytReasonCode | `EXTERNAL_${string}`;
  message: string;
  level: AlertSeverity;
  /** Points out of 100 this finding adds to the score. */
  score: number;
}

/** What a provider concludes: a score from 0 to 100, a level, and the findings behind them. */
export interface RiskAssessment {
  score: number;
  level: AlertSeverity;
  reasons: RiskReason[];
}

/** An order as KYT screens it: the investor, the wallet, and the cash involved. */
export interface OrderScreeningRequest {
  orderId: string;
  fundId: string;
  investorId: string;
  type: 'SUBSCRIPTION' | 'REDEMPTION';
  walletAddress: `0x${string}`;
  /** When the wallet was bound: large subscriptions into fresh wallets are a pattern. */
  walletBoundAt: Date;
  /** Subscription cash in minor units of the fund currency; null for a redemption (priced later). */
  amount: bigint | null;
  cashDecimals: number;
  at: Date;
}

/**
 * A source of screening verdicts (the built-in rules, or an external service behind an adapter).
 * Calls run inside the caller's transaction (`manager`), so a verdict and what it holds commit
 * together; an adapter without database needs may ignore it. A provider that cannot answer
 * throws: the caller fails closed.
 */
export interface KytProvider {
  readonly name: string;
  screenAddress(manager: EntityManager, address: `0x${string}`): Promise<RiskAssessment>;
  screenOrder(manager: EntityManager, order: OrderScreeningRequest): Promise<RiskAssessment>;
  /**
   * For a provider that asks a service over the network: that service's verdict on the order
   * alone, asked before the caller opens its transaction (no HTTP call while row locks are held).
   * screenOrder's database part then runs inside the transaction (KytService.screenOrder).
   */
  externalOrderVerdict?(order: OrderScreeningRequest): Promise<RiskAssessment>;
  /**
   * The same for an address: the service's verdict alone, asked before the caller's transaction
   * (KytService.prescreenAddresses); screenAddress's database part then runs inside it.
   */
  externalAddressVerdict?(address: `0x${string}`): Promise<RiskAssessment>;
}

/** Injection token of the active provider. */
export const KYT_PROVIDER = Symbol('KYT_PROVIDER');

const LEVEL_RANK: Record<AlertSeverity, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, SEVERE: 3 };
/** A score this high is HIGH risk even when each finding alone is milder (several together). */
const HIGH_SCORE = 80;

export function maxLevel(...levels: AlertSeverity[]): AlertSeverity {
  return levels.reduce((max, level) => (LEVEL_RANK[level] > LEVEL_RANK[max] ? level : max), AlertSeverity.LOW);
}

/** Combines findings: scores add up to at most 100; the level is the worst finding's, or HIGH from the score. */
export function assess(reasons: RiskReason[]): RiskAssessment {
  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.score, 0));
  const level = maxLevel(...reasons.map((reason) => reason.level), score >= HIGH_SCORE ? AlertSeverity.HIGH : AlertSeverity.LOW);
  return { score, level, reasons };
}
