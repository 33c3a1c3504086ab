import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How far the indexer has applied a token's events (inclusive). */
@Entity('chain_index_checkpoints')
export class ChainIndexCheckpointEntity {
  @PrimaryColumn({ name: 'token_address', type: 'char' })
  tokenAddress: `0x${string}`;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'last_block', type: 'bigint' })
  lastBlock: string;

  /** The hash of `lastBlock` when it was applied: a different hash there now means a reorg. */
  @Column({ name: 'last_block_hash', type: 'char', nullable: true })
  lastBlockHash: `0x${string}` | null;

  /** The journal of applied events starts at this block: no rollback can reach below it. */
  @Column({ name: 'journal_from_block', type: 'bigint' })
  journalFromBlock: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A holder's units of a fund (smallest denomination, numeric(78,0) as text), as the chain says. */
@Entity('fund_holdings')
export class FundHoldingEntity {
  @PrimaryColumn({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @PrimaryColumn('char')
  address: `0x${string}`;

  @Column('numeric')
  units: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A holder-to-holder transfer the indexer saw (mints and burns are not kept here). */
@Entity('chain_transfers')
export class ChainTransferEntity {
  /** Derived from the transaction hash and log index: the subject id of a TRANSFER alert. */
  @Column('uuid')
  id: string;

  @PrimaryColumn({ name: 'tx_hash', type: 'char' })
  txHash: `0x${string}`;

  @PrimaryColumn({ name: 'log_index', type: 'int' })
  logIndex: number;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'block_number', type: 'bigint' })
  blockNumber: string;

  @Column({ name: 'from_address', type: 'char' })
  fromAddress: `0x${string}`;

  @Column({ name: 'to_address', type: 'char' })
  toAddress: `0x${string}`;

  @Column('numeric')
  units: string;
}
