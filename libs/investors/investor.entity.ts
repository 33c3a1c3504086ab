import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum InvestorType {
  INDIVIDUAL = 'INDIVIDUAL',
  INSTITUTION = 'INSTITUTION',
}

export enum KycStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** What the income engine does with an investor's distributions (stored now; used by the income engine). */
export enum DistributionPreference {
  REINVEST = 'REINVEST',
  CASH = 'CASH',
}

/** A distributor's client, with the outcome of the distributor's KYC. */
@Entity('investors')
export class InvestorEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'distributor_id', type: 'uuid' })
  distributorId: string;

  @Column({ name: 'external_ref', type: 'varchar' })
  externalRef: string;

  @Column({ type: 'varchar' })
  type: InvestorType;

  @Column('char')
  jurisdiction: string;

  @Column({ name: 'investor_class', type: 'varchar' })
  investorClass: 'RETAIL' | 'PROFESSIONAL' | 'INSTITUTIONAL';

  @Column({ name: 'kyc_status', type: 'varchar' })
  kycStatus: KycStatus;

  @Column({ name: 'kyc_expires_at', type: 'timestamptz' })
  kycExpiresAt: Date;

  @Column({ name: 'distribution_preference', type: 'varchar' })
  distributionPreference: DistributionPreference;

  /**
   * The version of what the on-chain registry holds of this investor (KYC status and expiry, class,
   * jurisdiction): bumped by every change of those, in the transaction of the change. Each
   * registered wallet's identity follows it by a job; the registry refuses an older version.
   */
  @Column({ name: 'registry_version', type: 'bigint' })
  registryVersion: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** KYC approved and not expired at `at`. */
  isKycValid(at: Date): boolean {
    return this.kycStatus === KycStatus.APPROVED && this.kycExpiresAt.getTime() > at.getTime();
  }
}
