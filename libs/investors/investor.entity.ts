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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** KYC approved and not expired at `at`. */
  isKycValid(at: Date): boolean {
    return this.kycStatus === KycStatus.APPROVED && this.kycExpiresAt.getTime() > at.getTime();
  }
}
