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
}

const NO_EDGES: readonly OrderStatus[] = [];

export const SUBSCRIPTION_STATE_MACHINE = new StateMachine<OrderStatus>('subscription order', {
  [OrderStatus.RECEIVED]: [OrderStatus.AWAITING_PAYMENT, OrderStatus.ON_HOLD, OrderStatus.REJECTED],
  [OrderStatus.ON_HOLD]: [OrderStatus.AWAITING_PAYMENT, OrderStatus.REJECTED],
  [OrderStatus.AWAITING_PAYMENT]: [OrderStatus.PAYMENT_CONFIRMED, OrderStatus.CANCELLED],
  [OrderStatus.PAYMENT_CONFIRMED]: [OrderStatus.PRICING],
  [OrderStatus.PRICING]: [OrderStatus.MINTING],
  [OrderStatus.MINTING]: [OrderStatus.SETTLED, OrderStatus.FAILED],
  [OrderStatus.BURNING]: NO_EDGES,
  [OrderStatus.PAYOUT_PENDING]: NO_EDGES,
  [OrderStatus.REJECTED]: NO_EDGES,
  [OrderStatus.CANCELLED]: NO_EDGES,
  [OrderStatus.SETTLED]: NO_EDGES,
  [OrderStatus.FAILED]: NO_EDGES,
});

export const REDEMPTION_STATE_MACHINE = new StateMachine<OrderStatus>('redemption order', {
  [OrderStatus.RECEIVED]: [OrderStatus.ON_HOLD, OrderStatus.PRICING, OrderStatus.REJECTED],
  [OrderStatus.ON_HOLD]: [OrderStatus.PRICING, OrderStatus.REJECTED],
  [OrderStatus.PRICING]: [OrderStatus.BURNING],
  [OrderStatus.BURNING]: [OrderStatus.PAYOUT_PENDING, OrderStatus.FAILED],
  [OrderStatus.PAYOUT_PENDING]: [OrderStatus.SETTLED],
  [OrderStatus.AWAITING_PAYMENT]: NO_EDGES,
  [OrderStatus.PAYMENT_CONFIRMED]: NO_EDGES,
  [OrderStatus.MINTING]: NO_EDGES,
  [OrderStatus.REJECTED]: NO_EDGES,
  [OrderStatus.CANCELLED]: NO_EDGES,
  [OrderStatus.SETTLED]: NO_EDGES,
  [OrderStatus.FAILED]: NO_EDGES,
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
