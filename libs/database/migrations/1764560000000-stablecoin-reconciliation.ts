import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation counts the stablecoin legs: a break of kind STABLECOIN_LEDGER_VS_CHAIN names the stablecoin
 * (its address) as well as the wallet, and one wallet can break in two stablecoins at once.
 */
export class StablecoinReconciliation1764560000000 implements MigrationInterface {
  name = 'StablecoinReconciliation1764560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reconciliation_breaks ADD COLUMN stablecoin char(42);
      DROP INDEX uq_reconciliation_breaks_open;
      CREATE UNIQUE INDEX uq_reconciliation_breaks_open ON reconciliation_breaks (fund_id, kind, address, coalesce(stablecoin, '')) WHERE status = 'OPEN';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM reconciliation_breaks WHERE stablecoin IS NOT NULL;
      DROP INDEX uq_reconciliation_breaks_open;
      CREATE UNIQUE INDEX uq_reconciliation_breaks_open ON reconciliation_breaks (fund_id, kind, address) WHERE status = 'OPEN';
      ALTER TABLE reconciliation_breaks DROP COLUMN stablecoin;
    `);
  }
}
