import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from '@rwa/common';
import { OrganizationEntity } from './organization.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * An API key; only its hash is stored (api-key-hash.ts), the key itself is shown once at creation.
 * `hashVersion` says how: 1 = unkeyed SHA-256 (keys created before issue 11, upgraded to 2 on their
 * next successful use), 2 = HMAC-SHA256 keyed with API_KEY_PEPPER.
 */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** The person the key belongs to (required for ISSUER and COMPLIANCE keys created since issue 11). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity | null;

  @Column('varchar')
  label: string;

  @Column({ type: 'varchar' })
  role: Role;

  @Column({ name: 'key_hash', type: 'char' })
  keyHash: string;

  @Column({ name: 'hash_version', type: 'smallint' })
  hashVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** After this instant the key answers 401; null: it does not expire. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Last successful authentication, to the minute (written at most once a minute per key). */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
