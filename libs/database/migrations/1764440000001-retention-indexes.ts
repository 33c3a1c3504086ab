import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the retention pruning reads (completed outbox intents, expired wallet challenges by age).
 * Both tables are large on a busy platform, so the indexes are built CONCURRENTLY: writes go on
 * while they build. CREATE INDEX CONCURRENTLY cannot run inside a transaction, hence
 * `transaction = false`; IF NOT EXISTS lets a run interrupted half-way be repeated (an invalid index
 * left by a failed concurrent build is dropped first).
 */
export class RetentionIndexes1764440000001 implements MigrationInterface {
  name = 'RetentionIndexes1764440000001';
  transaction = false as const;

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) {
      await dropIfInvalid(queryRunner, name);
      await queryRunner.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${definition}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Not CONCURRENTLY: the CLI reverts inside a transaction, and dropping an index is quick.
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX IF EXISTS ${name}`);
  }
}

const INDEXES: [string, string][] = [
  ['idx_outbox_messages_completed_at', 'outbox_messages (completed_at) WHERE completed_at IS NOT NULL'],
  ['idx_wallet_challenges_expires_at', 'wallet_challenges (expires_at)'],
];

async function dropIfInvalid(queryRunner: QueryRunner, name: string): Promise<void> {
  const [row] = (await queryRunner.query(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [name],
  )) as { valid: boolean }[];
  if (row && !row.valid) await queryRunner.query(`DROP INDEX CONCURRENTLY ${name}`);
}
