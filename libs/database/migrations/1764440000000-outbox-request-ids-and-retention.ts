import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operability (issue 16):
 * - `outbox_messages.request_id`: the request that asked for a job, carried into the job's data and
 *   the worker's log lines about it.
 * - `outbox_retired_jobs`: the job ids of completed intents pruned after their retention. The outbox
 *   refuses a job id found there as it refuses one still in the table, so pruning keeps the guard
 *   "one business intent, one job" (a key is far smaller than the row it replaces).
 * Adding a nullable column without a default and creating an empty table take no long lock.
 */
export class OutboxRequestIdsAndRetention1764440000000 implements MigrationInterface {
  name = 'OutboxRequestIdsAndRetention1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox_messages ADD COLUMN request_id varchar(100);
      CREATE TABLE outbox_retired_jobs (
        job_id varchar(200) PRIMARY KEY,
        retired_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE outbox_retired_jobs;
      ALTER TABLE outbox_messages DROP COLUMN request_id;
    `);
  }
}
