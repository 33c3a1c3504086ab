import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Holder-to-holder transfers seen by the chain indexer: screened, and the base of the indirect-exposure rule. */
export class ChainTransfers1764200000002 implements MigrationInterface {
  name = 'ChainTransfers1764200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chain_transfers (
        -- Commit order of the rows (writers are serialised), for processes catching up in memory.
        seq bigserial NOT NULL UNIQUE,
        id uuid NOT NULL UNIQUE,
        tx_hash char(66) NOT NULL,
        log_index int NOT NULL,
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        block_number bigint NOT NULL,
        from_address char(42) NOT NULL,
        to_address char(42) NOT NULL,
        units numeric(78, 0) NOT NULL,
        PRIMARY KEY (tx_hash, log_index)
      );
      CREATE INDEX idx_chain_transfers_from ON chain_transfers (from_address);
      CREATE INDEX idx_chain_transfers_to ON chain_transfers (to_address);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE chain_transfers;');
  }
}
