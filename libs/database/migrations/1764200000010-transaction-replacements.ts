import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5: a transaction may be replaced at the same nonce (higher fees), so one intent can have
 * several signed attempts, any of which may be the one mined. The record keeps the current one and
 * where it was mined (block hash, to notice a reorg); every attempt is kept.
 */
export class TransactionReplacements1764200000010 implements MigrationInterface {
  name = 'TransactionReplacements1764200000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE chain_transactions
        ADD COLUMN block_hash char(66),
        ADD COLUMN sent_at timestamptz,
        ADD COLUMN replacements int NOT NULL DEFAULT 0;

      CREATE TABLE chain_transaction_attempts (
        hash char(66) PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES chain_transactions (id) ON DELETE CASCADE,
        raw_transaction text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_chain_transaction_attempts_transaction ON chain_transaction_attempts (transaction_id);

      INSERT INTO chain_transaction_attempts (hash, transaction_id, raw_transaction, created_at)
        SELECT hash, id, raw_transaction, created_at FROM chain_transactions;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE chain_transaction_attempts;
      ALTER TABLE chain_transactions DROP COLUMN block_hash, DROP COLUMN sent_at, DROP COLUMN replacements;
    `);
  }
}
