import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * An ambient transaction that the code running inside it joins without being told: what lets the
 * HTTP layer claim an Idempotency-Key in the same transaction as the effect of a request, without
 * every service taking a manager argument.
 *
 * While `run(work)` is active (AsyncLocalStorage, so per request), on the app's one DataSource:
 * - `dataSource.transaction(fn)` runs `fn` in a SAVEPOINT of the ambient transaction (TypeORM nests
 *   transactions of one query runner that way), so a service's own transaction still rolls back
 *   alone when it throws, and commits with the ambient one;
 * - `dataSource.manager`, `getRepository(...)`, `createQueryBuilder(...)` and `query(...)` run on the
 *   ambient transaction's connection;
 * - `SqlStatement.execute(dataSource, ...)` (the hot paths' named statements) does too.
 * A transaction that asks for an isolation level of its own (a REPEATABLE READ snapshot) keeps its
 * own connection, as before: a savepoint cannot change the isolation level.
 * Outside `run`, nothing changes. Code that reads `manager.queryRunner` sees the ambient one.
 *
 * Chosen over @nestjs-cls/transactional (every service would inject a TransactionHost and use its
 * `tx` instead of the DataSource: edits everywhere) and typeorm-transactional (cls-hooked, an
 * async_hooks hook on every promise of the hot paths, and no support for statements sent on the
 * pool directly); see docs/input-and-load-controls.md.
 */
const ambient = new AsyncLocalStorage<QueryRunner>();

function activeRunner(): QueryRunner | undefined {
  const runner = ambient.getStore();
  return runner && !runner.isReleased ? runner : undefined;
}

const installed = new WeakSet<DataSource>();

/** Makes `dataSource` join the ambient transaction (idempotent; done by TransactionContext). */
export function installTransactionPropagation(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  const manager = dataSource.manager;
  // Every EntityManager method takes `this.queryRunner ?? a new one`, so this one getter makes the
  // shared manager (and the repositories it hands out) work on the ambient transaction.
  Object.defineProperty(manager, 'queryRunner', { configurable: true, enumerable: true, get: activeRunner });
  // Repositories are cached per manager with the query runner of the moment: create them outside
  // the ambient transaction, so that a cached one never holds a released runner.
  const getRepository = manager.getRepository.bind(manager);
  manager.getRepository = ((target: Parameters<EntityManager['getRepository']>[0]) => ambient.exit(() => getRepository(target))) as EntityManager['getRepository'];
  const getTreeRepository = manager.getTreeRepository.bind(manager);
  manager.getTreeRepository = ((target: Parameters<EntityManager['getTreeRepository']>[0]) => ambient.exit(() => getTreeRepository(target))) as EntityManager['getTreeRepository'];

  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((isolationOrWork: unknown, work?: unknown) =>
    typeof isolationOrWork === 'string' ? ambient.exit(() => transaction(isolationOrWork, work)) : transaction(isolationOrWork)) as EntityManager['transaction'];

  const query = dataSource.query.bind(dataSource);
  dataSource.query = ((sql: string, parameters?: unknown[], runner?: QueryRunner) => query(sql, parameters, runner ?? activeRunner())) as DataSource['query'];
  const createQueryBuilder = dataSource.createQueryBuilder.bind(dataSource) as (...args: unknown[]) => unknown;
  dataSource.createQueryBuilder = ((entityOrRunner?: unknown, alias?: string, runner?: QueryRunner) =>
    alias === undefined ? createQueryBuilder(entityOrRunner ?? activeRunner()) : createQueryBuilder(entityOrRunner, alias, runner ?? activeRunner())) as DataSource['createQueryBuilder'];
}

/** The pooled client of the ambient transaction, for statements sent below TypeORM (SqlStatement). */
export async function ambientClient(): Promise<PoolClient | undefined> {
  const runner = activeRunner();
  return runner ? ((await runner.connect()) as PoolClient) : undefined;
}

/** True inside TransactionContext.run. */
export function inAmbientTransaction(): boolean {
  return activeRunner() !== undefined;
}

@Injectable()
export class TransactionContext {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    installTransactionPropagation(dataSource);
  }

  /**
   * Runs `work` in one transaction that everything it does on the DataSource joins; commits when
   * it resolves, rolls back when it throws. Nested calls join the outer transaction.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const outer = activeRunner();
    if (outer) return work(outer.manager);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const result = await ambient.run(runner, () => work(runner.manager));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
