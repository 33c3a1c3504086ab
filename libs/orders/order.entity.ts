import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StateMachine } from '@rwa/common';

export enum OrderType {
  SUBSCRIPTION = 'SUBSCRIPTION',
  REDEMPTION = 'REDEMPTION',
}

export enum OrderStatus {
  RECEIVED = 'RECEIVED',
  ON_HOLD = 'ON_HOLD',
  REJECTED = 'REJECTED',
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  CANCELLED = 'CANCELLED',
  PAYMENT_CONFIRMED = 'PAYMENT_CONFIRMED',
  PRICING = 'PRICING',
  MINTING = 'MINTING',
  BURNING = 'BURNING',
  PAYOUT_PENDING = 'PAYOUT_PENDING',
  SETTLED = 'SETTLED',
  FAILED = 'FAILED',
  /** Cash received but no units will be minted: the issuer returns it (refund-confirmation). */
  REFUND_PENDING = 'REFUND_PENDING',
  REFUNDED = 'REFUNDED',
}

const NO_EDGES: readonly OrderStatus[] = [];

/**
 * Subscriptions (api-contract.md, with the edges the contract leaves implicit, docs/fund-dealing.md):
 * - ON_HOLD holds an unpaid order (screened at placement), a paid one (screened again at payment
 *   confirmation) or a priced one (screened again by the mint job before it signs). A decision
 *   releases it to where it was going (AWAITING_PAYMENT, PRICING, MINTING) or, when confirmed,
 *   rejects it: REJECTED if no cash arrived, REFUND_PENDING if it did.
 * - Every paid order that will not be minted ends in REFUND_PENDING: cancelled before the cut-off,
 *   refused at payment confirmation, or refused on chain (MINTING -> REFUND_PENDING, with the
 *   token's error as failureCode). FAILED stays for orders of earlier versions.
 */
export const SUBSCRIPTION_STATE_MACHINE = new StateMachine<OrderStatus>('subscription order', {
  [OrderStatus.RECEIVED]: [OrderStatus.AWAITING_PAYMENT, OrderStatus.ON_HOLD, OrderStatus.REJECTED, OrderStatus.CANCELLED],
  [OrderStatus.ON_HOLD]: [OrderStatus.AWAITING_PAYMENT, OrderStatus.PRICING, OrderStatus.MINTING, OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.REFUND_PENDING],
  [OrderStatus.AWAITING_PAYMENT]: [OrderStatus.PAYMENT_CONFIRMED, OrderStatus.CANCELLED],
  // -> MINTING: a stablecoin subscription, priced at once (STABLE_NAV) when its wallet authorised the payment.
  // -> FAILED: a FORWARD stablecoin request refused before or by its escrow transaction (nothing moved).
  [OrderStatus.PAYMENT_CONFIRMED]: [OrderStatus.PRICING, OrderStatus.MINTING, OrderStatus.ON_HOLD, OrderStatus.REFUND_PENDING, OrderStatus.FAILED],
  [OrderStatus.PRICING]: [OrderStatus.MINTING, OrderStatus.REFUND_PENDING],
  [OrderStatus.MINTING]: [OrderStatus.SETTLED, OrderStatus.FAILED, OrderStatus.ON_HOLD, OrderStatus.REFUND_PENDING],
  // -> PRICING: a FORWARD stablecoin cancellation the chain refused (its cut-off had passed there):
  // the request stays in escrow and is priced with its dealing day (OrdersService.reopenForPricing).
  [OrderStatus.REFUND_PENDING]: [OrderStatus.REFUNDED, OrderStatus.PRICING],
  [OrderStatus.BURNING]: NO_EDGES,
  [OrderStatus.PAYOUT_PENDING]: NO_EDGES,
  [OrderStatus.REJECTED]: NO_EDGES,
  [OrderStatus.CANCELLED]: NO_EDGES,
  [OrderStatus.SETTLED]: NO_EDGES,
  [OrderStatus.FAILED]: NO_EDGES,
  [OrderStatus.REFUNDED]: NO_EDGES,
});

/**
 * Redemptions: ON_HOLD also holds a priced one that the burn job screened again; a decision
 * releases it to PRICING or BURNING, or rejects it (no units were burned, no cash moved).
 */
export const REDEMPTION_STATE_MACHINE = new StateMachine<OrderStatus>('redemption order', {
  [OrderStatus.RECEIVED]: [OrderStatus.ON_HOLD, OrderStatus.PRICING, OrderStatus.REJECTED],
  [OrderStatus.ON_HOLD]: [OrderStatus.PRICING, OrderStatus.BURNING, OrderStatus.REJECTED, OrderStatus.CANCELLED],
  [OrderStatus.PRICING]: [OrderStatus.BURNING, OrderStatus.CANCELLED],
  // -> SETTLED: an instant stablecoin redemption, burned and paid out in one transaction.
  [OrderStatus.BURNING]: [OrderStatus.PAYOUT_PENDING, OrderStatus.SETTLED, OrderStatus.FAILED, OrderStatus.ON_HOLD],
  [OrderStatus.PAYOUT_PENDING]: [OrderStatus.SETTLED],
  [OrderStatus.AWAITING_PAYMENT]: NO_EDGES,
  [OrderStatus.PAYMENT_CONFIRMED]: NO_EDGES,
  [OrderStatus.MINTING]: NO_EDGES,
  [OrderStatus.REJECTED]: NO_EDGES,
  [OrderStatus.CANCELLED]: NO_EDGES,
  [OrderStatus.SETTLED]: NO_EDGES,
  [OrderStatus.FAILED]: NO_EDGES,
  [OrderStatus.REFUND_PENDING]: NO_EDGES,
  [OrderStatus.REFUNDED]: NO_EDGES,
});

/** The state machine of an order's type. */
export function stateMachineOf(type: OrderType): StateMachine<OrderStatus> {
  return type === OrderType.SUBSCRIPTION ? SUBSCRIPTION_STATE_MACHINE : REDEMPTION_STATE_MACHINE;
}

interface TravelRuleParty {
  name: string;
  accountRef: string;
  country?: string;
}

/** The travel-rule information stored with an order. */
export interface TravelRuleRecord {
  originator: TravelRuleParty;
  beneficiary: TravelRuleParty;
}

/** A subscription or redemption order, placed by a distributor for one of its investors. */
@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  type: OrderType;

  @Column({ type: 'varchar' })
  status: OrderStatus;

  @Column({ name: 'distributor_id', type: 'uuid' })
  distributorId: string;

  /** The fund's issuer, kept on the order so an issuer's reads are one indexed lookup. */
  @Column({ name: 'issuer_id', type: 'uuid' })
  issuerId: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'investor_id', type: 'uuid' })
  investorId: string;

  @Column({ name: 'wallet_id', type: 'uuid' })
  walletId: string;

  /** Cash in the fund currency (numeric as text): paid in for a subscription, paid out for a redemption. */
  @Column({ type: 'numeric', nullable: true })
  amount: string | null;

  /** Units in the token's smallest denomination (numeric(78,0) as text). */
  @Column({ type: 'numeric', nullable: true })
  units: string | null;

  @Column({ type: 'numeric', nullable: true })
  nav: string | null;

  @Column({ name: 'cash_remainder', type: 'numeric', nullable: true })
  cashRemainder: string | null;

  @Column({ name: 'dealing_date', type: 'date' })
  dealingDate: string;

  /** The cut-off of the dealing date: until then the distributor may cancel. */
  @Column({ name: 'cut_off_at', type: 'timestamptz' })
  cutOffAt: Date;

  /** The dealing date plus the fund's settlement days, in business days of its calendar. */
  @Column({ name: 'settlement_date', type: 'date' })
  settlementDate: string;

  /** The date of the NAV that priced the order: that NAV can no longer change (NAV_ALREADY_DEALT). */
  @Column({ name: 'nav_as_of', type: 'date', nullable: true })
  navAsOf: string | null;

  /** The issuer's bank reference of the cash returned (REFUNDED). */
  @Column({ name: 'refund_reference', type: 'varchar', nullable: true })
  refundReference: string | null;

  /** The fund's on-chain reference of this order: the token applies it once. */
  @Column({ name: 'reference_seq', type: 'bigint', nullable: true })
  referenceSeq: string | null;

  /** The issuer's bank reference: of the cash received (subscription) or paid out (redemption). */
  @Column({ name: 'payment_reference', type: 'varchar', nullable: true })
  paymentReference: string | null;

  /** Originator and beneficiary as the distributor declared them (travel rule), when given. */
  @Column({ name: 'travel_rule', type: 'jsonb', nullable: true })
  travelRule: TravelRuleRecord | null;

  @Column({ name: 'tx_hash', type: 'char', nullable: true })
  txHash: `0x${string}` | null;

  /** For a FAILED order: the token's custom error as a problem code (see contractErrorCode). */
  @Column({ name: 'failure_code', type: 'varchar', nullable: true })
  failureCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
