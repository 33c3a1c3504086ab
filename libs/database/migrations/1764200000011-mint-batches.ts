import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5: mint intents ready together go out as one batchMint. A batch and its items are written
 * before the transaction is signed, so a crashed worker's orders find their batch again; an order
 * belongs to at most one batch (primary key), so two workers never batch it twice.
 */
export class MintBatches1764200000011 implements MigrationInterface {
  name = 'MintBatches1764200000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mint_batches (
        id uuid PRIMARY KEY,
        token char(42) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'REVERTED')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE mint_batch_items (
        order_id uuid PRIMARY KEY REFERENCES orders (id),
        batch_id uuid NOT NULL REFERENCES mint_batches (id) ON DELETE CASCADE,
        recipient char(42) NOT NULL,
        amount numeric(78, 0) NOT NULL,
        reference_seq bigint NOT NULL
      );
      CREATE INDEX ix_mint_batch_items_batch ON mint_batch_items (batch_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mint_batch_items; DROP TABLE mint_batches;');
  }
}
