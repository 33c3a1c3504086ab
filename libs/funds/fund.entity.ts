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

export enum IncomeMode {
  DISTRIBUTING = 'DISTRIBUTING',
  ACCUMULATING = 'ACCUMULATING',
}

export enum NavStatus {
  PUBLISHED = 'PUBLISHED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
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

  /** The business-day calendar (calendars.code) of its dealing days. */
  @Column('varchar')
  calendar: string;

  /** Per-holder cap in the token's smallest denomination (numeric(78,0) as text); null for none. */
  @Column({ name: 'max_units_per_holder', type: 'numeric', nullable: true })
  maxUnitsPerHolder: string | null;

  /** Days a subscription's units stay locked (not redeemable, not transferable); null for none. */
  @Column({ name: 'lockup_days', type: 'smallint', nullable: true })
  lockupDays: number | null;

  /** A NAV that moves more than this (percent, numeric as text) from the previous one waits for a second issuer user. */
  @Column({ name: 'nav_tolerance_percent', type: 'numeric' })
  navTolerancePercent: string;

  @Column({ name: 'income_mode', type: 'varchar' })
  incomeMode: IncomeMode;

  /** Bumped by each change of a rule the token enforces; the rules-sync job brings the token to it. */
  @Column({ name: 'rules_version', type: 'int' })
  rulesVersion: number;

  @Column({ name: 'rules_synced_version', type: 'int' })
  rulesSyncedVersion: number;

  /** Whether the token should be paused (PAUSED) or not (ACTIVE, CLOSED, or a resume under way). */
  @Column({ name: 'token_pause_target', type: 'boolean' })
  tokenPauseTarget: boolean;

  /** Whether the token is paused, as last confirmed on chain. */
  @Column({ name: 'token_paused', type: 'boolean' })
  tokenPaused: boolean;

  /** Bumped by each pause, resume or close: the lifecycle job of that version brings the token there. */
  @Column({ name: 'lifecycle_version', type: 'int' })
  lifecycleVersion: number;

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

  @Column({ type: 'varchar' })
  status: NavStatus;

  /** The person (personOf) who published it; null for the initial NAV recorded at the fund's creation. */
  @Column({ name: 'published_by', type: 'varchar', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'approved_by', type: 'varchar', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A business-day calendar: weekends and these holidays are not dealing days. */
@Entity('calendars')
export class CalendarEntity {
  @PrimaryColumn('varchar')
  code: string;

  @Column('varchar')
  name: string;

  /** `YYYY-MM-DD` dates, ascending. */
  @Column({ type: 'date', array: true })
  holidays: string[];

  /** Days of the week that are never business days (0 = Sunday ... 6 = Saturday). */
  @Column({ name: 'weekend_days', type: 'smallint', array: true })
  weekendDays: number[];

  /** Bumped by each change: statements that dealt with a cached copy check it is still current. */
  @Column('int')
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
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
