import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ChainTransactionStatus = 'SIGNED' | 'SUBMITTED' | 'CONFIRMED' | 'REVERTED';

/**
 * Every signed attempt of one transaction: the first and each replacement at the same nonce.
 * Whichever of them is mined is the intent's transaction.
 */
@Entity('chain_transaction_attempts')
export class ChainTransactionAttemptEntity {
  @PrimaryColumn('char')
  hash: `0x${string}`;

  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId: string;

  @Column({ name: 'raw_transaction', type: 'text' })
  rawTransaction: `0x${string}`;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

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

  /** The block the current attempt was seen mined in; a different hash there later means a reorg. */
  @Column({ name: 'block_hash', type: 'char', nullable: true })
  blockHash: `0x${string}` | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** When the current attempt was last broadcast: the clock for its replacement. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** How many times the transaction was replaced at its nonce with higher fees. */
  @Column({ type: 'int', default: 0 })
  replacements: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
