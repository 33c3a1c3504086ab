import { runMigrations } from 'bullmq';
import pg from 'pg';

/**
 * Creates or upgrades BullMQ's own schema (`bullmq`) in the platform database, for the Postgres
 * queue backend. Without it every queue and worker fails with SchemaMigrationRequiredError. BullMQ
 * serialises concurrent callers with an advisory lock, so every process may call this at start.
 * Returns the schema version reached.
 */
export async function migratePostgresQueueSchema(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await runMigrations(client as never);
  } finally {
    await client.end();
  }
}
