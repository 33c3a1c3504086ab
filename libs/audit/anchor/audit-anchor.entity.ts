import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Where the AuditAnchor contract of one chain is (deployed by the first anchoring). */
@Entity('audit_anchor_contracts')
export class AuditAnchorContractEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column({ type: 'char' })
  address: `0x${string}`;

  @CreateDateColumn({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}

export type AuditAnchorStatus = 'PENDING' | 'ANCHORED' | 'FAILED';

/**
 * One anchoring of chain heads: the intent (PENDING, written before the transaction is sent, so a
 * crash resumes it with the same intent key), then its outcome. Bookkeeping only: what counts is
 * what the contract holds.
 */
@Entity('audit_anchors')
export class AuditAnchorEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column({ type: 'smallint', array: true })
  chains: number[];

  @Column({ type: 'bigint', array: true })
  positions: string[];

  @Column({ type: 'char', array: true })
  hashes: string[];

  @Column({ type: 'varchar' })
  status: AuditAnchorStatus;

  @Column({ name: 'tx_hash', type: 'char', nullable: true })
  txHash: string | null;

  @Column({ name: 'block_number', type: 'bigint', nullable: true })
  blockNumber: string | null;

  /** Why the chain refused it (FAILED). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'anchored_at', type: 'timestamptz', nullable: true })
  anchoredAt: Date | null;
}
