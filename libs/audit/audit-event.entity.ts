import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One append-only row of the audit trail. Once sealed, `hash` chains it to the row before it in its
 * chain (tamper evidence); `chainPos`, `prevHash` and `hash` are null until then.
 */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column('uuid')
  id: string;

  @Column({ name: 'entity_type', type: 'varchar' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column('varchar')
  action: string;

  @Column({ name: 'from_status', type: 'varchar', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', nullable: true })
  toStatus: string | null;

  @Column('varchar')
  actor: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column('jsonb')
  data: Record<string, unknown>;

  @Column('timestamptz')
  at: Date;

  /** Which of the hash chains the row belongs to (see AuditService). */
  @Column('smallint')
  chain: number;

  /** Its place in its chain, given when sealed. */
  @Column({ name: 'chain_pos', type: 'bigint', nullable: true })
  chainPos: string | null;

  @Column({ name: 'prev_hash', type: 'char', nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', nullable: true })
  hash: string | null;
}
