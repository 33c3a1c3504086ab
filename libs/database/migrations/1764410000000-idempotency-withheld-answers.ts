import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: an answer that carries a secret (a new API key, a webhook secret) is never stored: its
 * idempotency record keeps only a marker, and a replay of it answers 409
 * IDEMPOTENT_REPLAY_UNAVAILABLE. Records expire (IDEMPOTENCY_TTL_SECONDS) and are pruned by age.
 * Rows recorded before this migration may hold such secrets: they are cleared here.
 */
export class IdempotencyWithheldAnswers1764410000000 implements MigrationInterface {
  name = 'IdempotencyWithheldAnswers1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE idempotency_records ADD COLUMN answer_withheld boolean NOT NULL DEFAULT false;
      UPDATE idempotency_records SET response_body = NULL, answer_withheld = true
        WHERE response_body IS NOT NULL AND json_typeof(response_body) = 'object' AND response_body::jsonb ? 'key' AND response_body::jsonb ? 'role';
      CREATE INDEX idx_idempotency_records_created_at ON idempotency_records (created_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX idx_idempotency_records_created_at;
      ALTER TABLE idempotency_records DROP COLUMN answer_withheld;
    `);
  }
}
