import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from '@rwa/common';
import { OrganizationEntity } from './organization.entity.js';

/** A person of an organisation. API keys may belong to one; four-eyes rules compare users, not keys. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column('varchar')
  name: string;

  /** Stored lower case: unique per organisation. */
  @Column('varchar')
  email: string;

  @Column({ type: 'varchar' })
  role: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
