import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StateMachine } from '@rwa/common';

export enum WalletStatus {
  PENDING_SCREENING = 'PENDING_SCREENING',
  PENDING_REVIEW = 'PENDING_REVIEW',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}

export const WALLET_STATE_MACHINE = new StateMachine<WalletStatus>('wallet', {
  [WalletStatus.PENDING_SCREENING]: [WalletStatus.VERIFIED, WalletStatus.PENDING_REVIEW, WalletStatus.REJECTED],
  [WalletStatus.PENDING_REVIEW]: [WalletStatus.VERIFIED, WalletStatus.REJECTED],
  [WalletStatus.VERIFIED]: [WalletStatus.REVOKED],
  [WalletStatus.REJECTED]: [],
  [WalletStatus.REVOKED]: [],
});

export enum OnchainRegistration {
  PENDING = 'PENDING',
  REGISTERED = 'REGISTERED',
  REMOVED = 'REMOVED',
  /** The chain refused the registration or the removal (`onchainError` says why); an alert is open. */
  FAILED = 'FAILED',
}

/** Whether the chain holds a wallet's latest freeze target (see WalletEntity.freezeSyncedVersion). */
export enum FreezeSync {
  SYNCED = 'SYNCED',
  PENDING = 'PENDING',
  /** The chain refused the freeze change (`freezeSyncError`); an alert is open. */
  FAILED = 'FAILED',
}

/** A one-time EIP-4361 challenge a wallet signs to prove its owner controls it. */
@Entity('wallet_challenges')
export class WalletChallengeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'investor_id', type: 'uuid' })
  investorId: string;

  @Column('char')
  address: `0x${string}`;

  @Column({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column('varchar')
  nonce: string;

  @Column('text')
  message: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An investor's wallet, bound by an ownership proof, screened, and registered on chain. */
@Entity('wallets')
export class WalletEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'investor_id', type: 'uuid' })
  investorId: string;

  @Column({ name: 'distributor_id', type: 'uuid' })
  distributorId: string;

  @Column('char')
  address: `0x${string}`;

  @Column({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column({ type: 'varchar' })
  status: WalletStatus;

  @Column({ type: 'varchar' })
  onchain: OnchainRegistration;

  /** The contract error of a refused registration or removal (upper snake case), else null. */
  @Column({ name: 'onchain_error', type: 'varchar', nullable: true })
  onchainError: string | null;

  /**
   * The platform-wide, increasing number of this binding of the address (a database sequence): the
   * guard of every registry write for it, so a late removal of an ended binding cannot remove a
   * newer one. Given by the database on insert.
   */
  @Column({ name: 'binding_seq', type: 'bigint', insert: false, update: false })
  bindingSeq: string;

  /** The investor's registry version the on-chain identity holds (0: not registered yet). */
  @Column({ name: 'identity_version', type: 'bigint' })
  identityVersion: string;

  /** The contract error of the latest refused identity update, cleared by the next success. */
  @Column({ name: 'identity_sync_error', type: 'varchar', nullable: true })
  identitySyncError: string | null;

  /** Frozen as a whole on chain (in every ACTIVE fund): it can neither send nor receive. */
  @Column('boolean')
  frozen: boolean;

  /** A partial freeze: these units (decimal string) stay frozen in each ACTIVE fund. */
  @Column({ name: 'frozen_units', type: 'numeric', nullable: true })
  frozenUnits: string | null;

  /** Bumped by every freeze change; the on-chain sync of an older version is superseded. */
  @Column({ name: 'freeze_version', type: 'int' })
  freezeVersion: number;

  /** The latest freeze version the chain holds in every fund. */
  @Column({ name: 'freeze_synced_version', type: 'int' })
  freezeSyncedVersion: number;

  /** The contract error that refused the sync of `freezeVersion`, else null. */
  @Column({ name: 'freeze_sync_error', type: 'varchar', nullable: true })
  freezeSyncError: string | null;

  /**
   * The whole-wallet freeze was put on by a KYT finding pending review (a blocklisted holder): the
   * only freeze that clearing the alert lifts. An officer's freeze, or one a confirmed alert put on,
   * stays until an officer lifts it.
   */
  @Column({ name: 'frozen_pending_review', type: 'boolean' })
  frozenPendingReview: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
