import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A stablecoin the platform accepts on one chain (registered by the platform admin). */
@Entity('stablecoins')
export class StablecoinEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'chain_id', type: 'int' })
  chainId: number;

  /** Checksummed. */
  @Column({ type: 'char' })
  address: `0x${string}`;

  @Column('varchar')
  symbol: string;

  /** As the token answers decimals() (checked at registration). */
  @Column({ type: 'smallint' })
  decimals: number;

  /** The licensed issuer (Hong Kong's Stablecoins Ordinance licenses issuers). */
  @Column('varchar')
  issuer: string;

  @Column({ type: 'varchar', nullable: true })
  licence: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The FundSettlement contract of one chain: deployed once, shared by every fund. */
@Entity('settlement_contracts')
export class SettlementContractEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column({ type: 'char' })
  address: `0x${string}`;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}

export enum FundStablecoinStatus {
  /** Stored; its settings are being set on the settlement contract (a chain job). */
  CONFIGURING = 'CONFIGURING',
  /** The settlement contract has the stored settings: orders may pay or be paid in it. */
  ACTIVE = 'ACTIVE',
  /** Removed by the issuer (removed on chain by a job). */
  REMOVED = 'REMOVED',
  /** The settlement contract refused the settings (failureCode): nothing is accepted. */
  FAILED = 'FAILED',
}

/**
 * A stablecoin a fund accepts, with its treasury and instant redemption caps (base units of the
 * stablecoin). Every stored setting is set on the settlement contract, which enforces it.
 */
@Entity('fund_stablecoins')
export class FundStablecoinEntity {
  @PrimaryColumn({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @PrimaryColumn({ name: 'stablecoin_id', type: 'uuid' })
  stablecoinId: string;

  @Column({ type: 'varchar' })
  status: FundStablecoinStatus;

  @Column({ type: 'char' })
  treasury: `0x${string}`;

  /** numeric(78,0) as text, stablecoin base units; 0 disables instant redemption. */
  @Column({ name: 'instant_redemption_daily_cap', type: 'numeric' })
  instantRedemptionDailyCap: string;

  @Column({ name: 'instant_redemption_per_investor_daily_cap', type: 'numeric' })
  instantRedemptionPerInvestorDailyCap: string;

  /** Each PUT or DELETE is a new version; the chain job brings the contract to it. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'synced_version', type: 'int' })
  syncedVersion: number;

  @Column({ name: 'tx_hash', type: 'char', nullable: true })
  txHash: `0x${string}` | null;

  @Column({ name: 'failure_code', type: 'varchar', nullable: true })
  failureCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export enum StablecoinDirection {
  /** A subscription: the investor's wallet pays the treasury. */
  PAY_IN = 'PAY_IN',
  /** A redemption: the treasury pays the investor's wallet. */
  PAY_OUT = 'PAY_OUT',
}

/** How the investor's wallet authorised a subscription's stablecoin leg. */
export enum StablecoinPaymentMethod {
  PERMIT = 'PERMIT',
  APPROVAL = 'APPROVAL',
}

/** The stablecoin leg of an order. */
@Entity('stablecoin_payments')
export class StablecoinPaymentEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'investor_id', type: 'uuid' })
  investorId: string;

  @Column({ name: 'stablecoin_id', type: 'uuid' })
  stablecoinId: string;

  @Column({ type: 'varchar' })
  direction: StablecoinDirection;

  @Column({ type: 'boolean' })
  instant: boolean;

  /** The order's amount in stablecoin base units: the permit's value (pay-in) or the expected payout. */
  @Column({ type: 'numeric' })
  amount: string;

  /** Null until the wallet authorised the pay-in. */
  @Column({ type: 'varchar', nullable: true })
  method: StablecoinPaymentMethod | null;

  @Column({ type: 'varchar', nullable: true })
  signature: `0x${string}` | null;

  /** The permit's deadline (unix seconds), as text. */
  @Column({ type: 'bigint', nullable: true })
  deadline: string | null;

  @Column({ name: 'tx_hash', type: 'char', nullable: true })
  txHash: `0x${string}` | null;

  /** What moved on chain (base units): the cost of the units minted, or the payout. */
  @Column({ name: 'settled_amount', type: 'numeric', nullable: true })
  settledAmount: string | null;

  /** A FORWARD request's reference sequence number (text), allocated at authorisation: the escrow request and the mint are keyed by it. */
  @Column({ name: 'reference_seq', type: 'numeric', nullable: true })
  referenceSeq: string | null;

  /** The transaction that moved a FORWARD request's stablecoin into escrow. */
  @Column({ name: 'request_tx_hash', type: 'char', nullable: true })
  requestTxHash: `0x${string}` | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A FORWARD request's stablecoin went into the settlement contract's escrow and has not come out of it (settled, cancelled or rejected). */
export function isInEscrow(payment: Pick<StablecoinPaymentEntity, 'requestTxHash' | 'txHash'> | null): boolean {
  return payment?.requestTxHash != null && payment.txHash === null;
}
