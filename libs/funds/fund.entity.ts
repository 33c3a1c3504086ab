import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StateMachine } from '@rwa/common';

export enum FundStatus {
  PENDING_DEPLOYMENT = 'PENDING_DEPLOYMENT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  CLOSED = 'CLOSED',
  FAILED = 'FAILED',
}

export const FUND_STATE_MACHINE = new StateMachine<FundStatus>('fund', {
  [FundStatus.PENDING_DEPLOYMENT]: [FundStatus.ACTIVE, FundStatus.FAILED],
  [FundStatus.ACTIVE]: [FundStatus.PAUSED, FundStatus.CLOSED],
  [FundStatus.PAUSED]: [FundStatus.ACTIVE, FundStatus.CLOSED],
  [FundStatus.CLOSED]: [],
  [FundStatus.FAILED]: [],
});

export enum FundPricing {
  STABLE_NAV = 'STABLE_NAV',
  FORWARD = 'FORWARD',
}

export enum InvestorClass {
  RETAIL = 'RETAIL',
  PROFESSIONAL = 'PROFESSIONAL',
  INSTITUTIONAL = 'INSTITUTIONAL',
}

@Entity('funds')
export class FundEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'issuer_id', type: 'uuid' })
  issuerId: string;

  @Column('varchar')
  name: string;

  @Column('varchar')
  symbol: string;

  @Column('char')
  currency: string;

  @Column({ name: 'unit_decimals', type: 'smallint' })
  unitDecimals: number;

  /** Current NAV per unit (numeric as text). */
  @Column('numeric')
  nav: string;

  @Column({ name: 'nav_as_of', type: 'date' })
  navAsOf: string;

  @Column({ name: 'min_subscription', type: 'numeric' })
  minSubscription: string;

  @Column({ name: 'cut_off_time', type: 'char' })
  cutOffTime: string;

  @Column('varchar')
  timezone: string;

  @Column({ name: 'settlement_days', type: 'smallint' })
  settlementDays: number;

  @Column({ type: 'varchar' })
  pricing: FundPricing;

  @Column({ name: 'eligible_jurisdictions', type: 'char', array: true })
  eligibleJurisdictions: string[];

  @Column({ name: 'eligible_investor_classes', type: 'varchar', array: true })
  eligibleInvestorClasses: InvestorClass[];

  @Column({ name: 'max_holders', type: 'int', nullable: true })
  maxHolders: number | null;

  @Column({ type: 'varchar' })
  status: FundStatus;

  @Column({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column({ name: 'token_address', type: 'char', nullable: true })
  tokenAddress: `0x${string}` | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('fund_navs')
export class FundNavEntity {
  @PrimaryColumn({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @PrimaryColumn({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column('numeric')
  nav: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export enum ShelfStatus {
  ACTIVE = 'ACTIVE',
  REMOVED = 'REMOVED',
}

/** A fund on a distributor's shelf: only shelved distributors may sell it. */
@Entity('fund_distributors')
export class FundDistributorEntity {
  @PrimaryColumn({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @PrimaryColumn({ name: 'distributor_id', type: 'uuid' })
  distributorId: string;

  @Column({ type: 'varchar' })
  status: ShelfStatus;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
