import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forward stablecoin requests (FORWARD funds): the order's reference sequence number, allocated when the
 * wallet authorised the payment because the escrow request on the settlement contract is keyed by it (and the
 * mint at the dealing day's NAV uses the same one), and the transaction that moved the stablecoin into escrow.
 */
export class StablecoinForwardRequests1764540000000 implements MigrationInterface {
  name = 'StablecoinForwardRequests1764540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stablecoin_payments ADD COLUMN reference_seq numeric(78,0), ADD COLUMN request_tx_hash char(66)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stablecoin_payments DROP COLUMN request_tx_hash, DROP COLUMN reference_seq');
  }
}
