import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The holder register kept by the chain indexer: units per fund and address, and a checkpoint
 * per token (the last block applied), advanced in the same transaction as the units it applied.
 */
export class ChainHoldings1764200000001 implements MigrationInterface {
  name = 'ChainHoldings1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chain_index_checkpoints (
        token_address char(42) PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        last_block bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE fund_holdings (
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        address char(42) NOT NULL,
        units numeric(78, 0) NOT NULL CHECK (units >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, address)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE fund_holdings, chain_index_checkpoints;');
  }
}
