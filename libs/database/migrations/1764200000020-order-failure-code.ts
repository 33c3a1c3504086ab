import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why an order FAILED on chain: the token's custom error as a stable code (FUND_TOKEN_...). */
export class OrderFailureCode1764200000020 implements MigrationInterface {
  name = 'OrderFailureCode1764200000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE orders ADD COLUMN failure_code varchar(100)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE orders DROP COLUMN failure_code');
  }
}
