import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ChainTransactionStatus = 'SIGNED' | 'SUBMITTED' | 'CONFIRMED' | 'REVERTED';

/**
 * One signed transaction of one business intent, persisted before it is broadcast. After a crash
 * the same bytes are sent again or the receipt read: an intent is never signed twice.
 */
@Entity('chain_transactions')
export class ChainTransactionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'intent_key', type: 'varchar' })
  intentKey: string;

  @Column({ name: 'chain_id', type: 'int' })
  chainId: number;

  @Column('char')
  signer: string;

  @Column('bigint')
  nonce: string;

  @Column('char')
  hash: `0x${string}`;

  @Column({ name: 'raw_transaction', type: 'text' })
  rawTransaction: `0x${string}`;

  @Column({ type: 'varchar' })
  status: ChainTransactionStatus;

  @Column({ name: 'block_number', type: 'bigint', nullable: true })
  blockNumber: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
