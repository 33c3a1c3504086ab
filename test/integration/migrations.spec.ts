import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@rwa/database';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The schema of `public`: tables with their columns, and indexes with their definitions. */
async function schemaOf(dataSource: DataSource): Promise<string[]> {
  const columns = (await dataSource.query(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
  )) as { line: string }[];
  const indexes = (await dataSource.query(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`)) as { line: string }[];
  return [...columns, ...indexes].map((row) => row.line);
}

describe('migrations', () => {
  const database = `rwa_it_migrations_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let dataSource: DataSource;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    dataSource = await new DataSource(dataSourceOptions(url.href)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('should apply every migration, revert each one, and apply them again to the same schema', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
    const schema = await schemaOf(dataSource);
    expect(schema.some((line) => line.includes('idx_outbox_messages_new'))).toBe(true);

    for (let reverted = 0; reverted < MIGRATIONS.length; reverted++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await schemaOf(dataSource)).toEqual([]);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await schemaOf(dataSource)).toEqual(schema);
  });
});
