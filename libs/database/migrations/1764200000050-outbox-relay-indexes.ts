import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox relay polls every few milliseconds while busy. Its one index held every open intent,
 * enqueued or not, so each poll read past all intents in flight (thousands under load) to find the
 * few new ones. Now new intents have an index of their own, which a poll reads; intents enqueued
 * but without an outcome are found by when they were enqueued, looked for every few seconds.
 */
export class OutboxRelayIndexes1764200000050 implements MigrationInterface {
  name = 'OutboxRelayIndexes1764200000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX idx_outbox_messages_new ON outbox_messages (id) WHERE completed_at IS NULL AND enqueued_at IS NULL;
      CREATE INDEX idx_outbox_messages_enqueued_open ON outbox_messages (enqueued_at) WHERE completed_at IS NULL;
      DROP INDEX idx_outbox_messages_open;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX idx_outbox_messages_open ON outbox_messages (id) WHERE completed_at IS NULL;
      DROP INDEX idx_outbox_messages_enqueued_open;
      DROP INDEX idx_outbox_messages_new;
    `);
  }
}
