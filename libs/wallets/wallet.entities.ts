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

  /** Frozen as a whole on chain (in every ACTIVE fund): it can neither send nor receive. */
  @Column('boolean')
  frozen: boolean;

  /** A partial freeze: these units (decimal string) stay frozen in each ACTIVE fund. */
  @Column({ name: 'frozen_units', type: 'numeric', nullable: true })
  frozenUnits: string | null;

  /** Bumped by every freeze change; the on-chain sync of an older version is superseded. */
  @Column({ name: 'freeze_version', type: 'int' })
  freezeVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
