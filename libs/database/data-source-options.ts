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
import { IdempotencyWithheldAnswers1764410000000 } from './migrations/1764410000000-idempotency-withheld-answers.js';
import { PeopleAndKeys1764420000000 } from './migrations/1764420000000-people-and-keys.js';
import { AuditAppendOnly1764420000001 } from './migrations/1764420000001-audit-append-only.js';
import { RegistrySyncAndReorgSafeIndex1764430000000 } from './migrations/1764430000000-registry-sync-and-reorg-safe-index.js';
import { OutboxRequestIdsAndRetention1764440000000 } from './migrations/1764440000000-outbox-request-ids-and-retention.js';
import { RetentionIndexes1764440000001 } from './migrations/1764440000001-retention-indexes.js';
import { EventsAndWebhooks1764500000000 } from './migrations/1764500000000-events-and-webhooks.js';
import { IncomeRegisterReconciliation1764510000000 } from './migrations/1764510000000-income-register-reconciliation.js';
import { StablecoinSettlement1764520000000 } from './migrations/1764520000000-stablecoin-settlement.js';
import { StablecoinForwardRequests1764540000000 } from './migrations/1764540000000-stablecoin-forward-requests.js';
import { StablecoinReconciliation1764560000000 } from './migrations/1764560000000-stablecoin-reconciliation.js';

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
  IdempotencyWithheldAnswers1764410000000,
  PeopleAndKeys1764420000000,
  AuditAppendOnly1764420000001,
  RegistrySyncAndReorgSafeIndex1764430000000,
  OutboxRequestIdsAndRetention1764440000000,
  RetentionIndexes1764440000001,
  EventsAndWebhooks1764500000000,
  IncomeRegisterReconciliation1764510000000,
  StablecoinSettlement1764520000000,
  StablecoinForwardRequests1764540000000,
  StablecoinReconciliation1764560000000,
];

/**
 * One set of options shared by the apps, the setup command and the tests (style.md E12).
 * Entities are registered by their modules (autoLoadEntities) in the apps.
 */
/** Timeouts of every pooled connection, in milliseconds (0: none). */
export interface ConnectionTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * Defaults for callers without a configuration (setup, scripts): a statement or a lock wait never
 * hangs a request for good, and a transaction left open by a stuck caller releases its locks.
 */
export const DEFAULT_CONNECTION_TIMEOUTS: ConnectionTimeouts = { statementTimeoutMs: 30_000, lockTimeoutMs: 10_000, idleInTransactionTimeoutMs: 60_000 };

export function dataSourceOptions(databaseUrl: string, timeouts: ConnectionTimeouts = DEFAULT_CONNECTION_TIMEOUTS): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // One transaction per migration: some build indexes CONCURRENTLY, which no transaction may hold.
    migrationsTransactionMode: 'each',
    // Named prepared statements (SqlStatement.execute: the hot paths) keep one generic plan per
    // connection instead of re-planning: their plans are index lookups whatever the parameters,
    // and planning a multi-order statement costs several times its execution. Unnamed statements
    // (everything else) are planned on every call as always.
    // The timeouts are session settings of every pooled connection (a statement that runs past
    // statement_timeout fails with 57014, a lock wait past lock_timeout with 55P03, and a session
    // idle in a transaction past idle_in_transaction_session_timeout is closed by the server).
    extra: {
      max: 20,
      options:
        '-c plan_cache_mode=force_generic_plan' +
        ` -c statement_timeout=${timeouts.statementTimeoutMs} -c lock_timeout=${timeouts.lockTimeoutMs}` +
        ` -c idle_in_transaction_session_timeout=${timeouts.idleInTransactionTimeoutMs}`,
    },
  };
}
