import type { DataSourceOptions } from 'typeorm';
import { InitialSchema1764190000000 } from './migrations/1764190000000-initial-schema.js';
import { KytRulesAndReview1764200000000 } from './migrations/1764200000000-kyt-rules-and-review.js';
import { ChainHoldings1764200000001 } from './migrations/1764200000001-chain-holdings.js';
import { ChainTransfers1764200000002 } from './migrations/1764200000002-chain-transfers.js';
import { TransactionReplacements1764200000010 } from './migrations/1764200000010-transaction-replacements.js';
import { MintBatches1764200000011 } from './migrations/1764200000011-mint-batches.js';
import { OrderFailureCode1764200000020 } from './migrations/1764200000020-order-failure-code.js';
import { ContentionFreeSequences1764200000030 } from './migrations/1764200000030-contention-free-sequences.js';
import { AuditSealing1764200000040 } from './migrations/1764200000040-audit-sealing.js';
import { OutboxRelayIndexes1764200000050 } from './migrations/1764200000050-outbox-relay-indexes.js';
import { FundDealing1764400000000 } from './migrations/1764400000000-fund-dealing.js';

/** Every migration, in order. Schema changes happen only here, never through `synchronize`. */
export const MIGRATIONS = [
  InitialSchema1764190000000,
  KytRulesAndReview1764200000000,
  ChainHoldings1764200000001,
  ChainTransfers1764200000002,
  TransactionReplacements1764200000010,
  MintBatches1764200000011,
  OrderFailureCode1764200000020,
  ContentionFreeSequences1764200000030,
  AuditSealing1764200000040,
  OutboxRelayIndexes1764200000050,
  FundDealing1764400000000,
];

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
    // Named prepared statements (SqlStatement.execute: the hot paths) keep one generic plan per
    // connection instead of re-planning: their plans are index lookups whatever the parameters,
    // and planning a multi-order statement costs several times its execution. Unnamed statements
    // (everything else) are planned on every call as always.
    extra: { max: 20, options: '-c plan_cache_mode=force_generic_plan' },
  };
}
