import type { DataSourceOptions } from 'typeorm';
import { InitialSchema1764190000000 } from './migrations/1764190000000-initial-schema.js';
import { TransactionReplacements1764200000000 } from './migrations/1764200000000-transaction-replacements.js';
import { MintBatches1764200000001 } from './migrations/1764200000001-mint-batches.js';

/** Every migration, in order. Schema changes happen only here, never through `synchronize`. */
export const MIGRATIONS = [InitialSchema1764190000000, TransactionReplacements1764200000000, MintBatches1764200000001];

/**
 * One set of options shared by the apps, the setup command and the tests (style.md E12).
 * Entities are registered by their modules (autoLoadEntities) in the apps.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    extra: { max: 20 },
  };
}
