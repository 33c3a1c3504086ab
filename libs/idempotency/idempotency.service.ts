import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson, DomainException } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { TransactionContext, type SqlStatement } from '@rwa/database';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

export enum IdempotencyErrorCode {
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_REQUIRED = 'IDEMPOTENCY_KEY_REQUIRED',
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  /** The first answer carried a secret, which is never stored: it cannot be given again. */
  IDEMPOTENT_REPLAY_UNAVAILABLE = 'IDEMPOTENT_REPLAY_UNAVAILABLE',
  /** A request with this key is still running (its transaction held the key past the lock timeout). */
  IDEMPOTENCY_REQUEST_IN_PROGRESS = 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
}

export class IdempotencyException extends DomainException<IdempotencyErrorCode> {
  constructor(code: IdempotencyErrorCode, message: string) {
    super(code, message);
  }
}

/** A response as first given: replayed as it was. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** Identifies a request: the same key with another request is a conflict. */
export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(canonicalJson([method, path, body])).digest('hex');
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const LOCK_NOT_AVAILABLE = '55P03';
const PRUNE_BATCH = 10_000;

/** Options of a claimed run. */
export interface ClaimOptions {
  /** The answer carries a secret: store a marker instead of the body; a replay answers 409. */
  withholdAnswer?: boolean;
}

/**
 * Idempotency-Key handling, scoped to the caller's organisation (api-contract.md). A key is claimed
 * in the transaction of the effect it guards; a record is honoured for IDEMPOTENCY_TTL_SECONDS and
 * then reclaimable, and pruned in the background.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionContext,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.pruneTimer = setInterval(() => {
      this.prune().catch((error: unknown) => this.logger.warn(`Pruning expired idempotency records failed: ${(error as Error).message}`));
    }, this.config.idempotency.pruneIntervalMs);
    this.pruneTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruneTimer);
  }

  assertValidKey(key: string): void {
    if (!KEY_PATTERN.test(key)) {
      throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
  }

  /**
   * Runs `work` and records its answer in the same transaction, so the effect and its record commit
   * together. A concurrent request with the same key waits on the row and then replays the answer.
   */
  async runOnce(organizationId: string, key: string, requestHash: string, statusCode: number, work: (manager: EntityManager) => Promise<unknown>): Promise<StoredResponse> {
    return this.claimed(organizationId, key, requestHash, async (manager) => ({ statusCode, body: await work(manager) }));
  }

  /**
   * Claims the key, runs `work` and records its answer, all in one ambient transaction
   * (TransactionContext) that everything `work` does on the DataSource joins: the effect and its
   * record commit together or not at all (a refused request leaves no record). A concurrent request
   * with the same key waits for the first to commit and replays its answer; the same key with
   * another request is 409 IDEMPOTENCY_KEY_REUSED.
   */
  async claimed(organizationId: string, key: string, requestHash: string, work: (manager: EntityManager) => Promise<StoredResponse>, options: ClaimOptions = {}): Promise<StoredResponse> {
    return this.transactions.run(async (manager) => {
      if (!(await this.claim(manager, organizationId, key, requestHash))) return this.replay(manager, organizationId, key, requestHash);
      const response = await work(manager);
      await manager.query(
        'UPDATE idempotency_records SET status_code = $3, response_body = $4, answer_withheld = $5 WHERE organization_id = $1 AND key = $2',
        [organizationId, key, response.statusCode, options.withholdAnswer ? null : JSON.stringify(response.body ?? null), options.withholdAnswer === true],
      );
      return response;
    });
  }

  /**
   * Inserts the key's record, or takes over an expired one; false when a live record exists (after
   * waiting for a transaction that holds it to end).
   */
  private async claim(manager: EntityManager, organizationId: string, key: string, requestHash: string): Promise<boolean> {
    try {
      const claimed = (await manager.query(
        `INSERT INTO idempotency_records (organization_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response_body = NULL, answer_withheld = false, created_at = now()
           WHERE idempotency_records.created_at < now() - make_interval(secs => $4)
         RETURNING key`,
        [organizationId, key, requestHash, this.config.idempotency.ttlSeconds],
      )) as unknown[];
      return claimed.length > 0;
    } catch (error) {
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) {
        throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS, 'A request with this Idempotency-Key is still in progress; retry later');
      }
      throw error;
    }
  }

  /** Deletes records older than the time they are honoured, a batch at a time. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM idempotency_records WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM idempotency_records WHERE created_at < now() - make_interval(secs => $1) LIMIT ${PRUNE_BATCH}))`,
        [this.config.idempotency.ttlSeconds],
      )) as [unknown, number];
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }

  /**
   * An INSERT of keys' records with their answers, for one statement assembled by a hot path: a
   * record is written only if its subject's id is among the `id`s the CTE `from` returns, and is
   * returned (organization_id, key) only when its key was new: a key seen before inserts nothing,
   * so nothing chained to it happens and the caller replays it. With `onSeenKey: 'fail'` a key seen
   * before fails the whole statement instead (for statements whose change does not wait for the
   * record). Keys must be distinct.
   */
  insertSql(
    statement: SqlStatement,
    from: string,
    records: readonly { subjectId: string; organizationId: string; key: string; requestHash: string; response: StoredResponse }[],
    onSeenKey: 'skip' | 'fail' = 'skip',
  ): string {
    const rows = records.map(
      (record) =>
        `(${statement.param(record.subjectId, 'uuid')}, ${statement.param(record.organizationId, 'uuid')}, ${statement.param(record.key, 'varchar')}, ${statement.param(record.requestHash, 'char(64)')}, ` +
        `${statement.param(record.response.statusCode, 'int')}, ${statement.param(JSON.stringify(record.response.body ?? null), 'json')})`,
    );
    return `INSERT INTO idempotency_records (organization_id, key, request_hash, status_code, response_body)
      SELECT v.organization_id, v.key, v.request_hash, v.status_code, v.response_body
      FROM (VALUES ${rows.join(', ')}) AS v(subject_id, organization_id, key, request_hash, status_code, response_body)
      WHERE v.subject_id IN (SELECT id FROM ${from})
      ${onSeenKey === 'skip' ? 'ON CONFLICT (organization_id, key) DO NOTHING ' : ''}RETURNING organization_id, key`;
  }

  /** A boolean SQL expression: true while the organisation has not used the key. */
  unusedKeySql(statement: SqlStatement, organizationId: string, key: string): string {
    return `NOT EXISTS (SELECT 1 FROM idempotency_records WHERE organization_id = ${statement.param(organizationId, 'uuid')} AND key = ${statement.param(key, 'varchar')})`;
  }

  /** The first answer for a key, as recorded (hot paths replay a key their statement found seen). */
  async replay(manager: EntityManager, organizationId: string, key: string, requestHash: string): Promise<StoredResponse> {
    const record = await manager.findOneByOrFail(IdempotencyRecordEntity, { organizationId, key });
    if (record.requestHash !== requestHash || record.statusCode === null) {
      throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used with another request');
    }
    if (record.answerWithheld) {
      throw new IdempotencyException(
        IdempotencyErrorCode.IDEMPOTENT_REPLAY_UNAVAILABLE,
        'The first answer to this Idempotency-Key carried a secret, which is never stored; it cannot be given again',
      );
    }
    return { statusCode: record.statusCode, body: record.responseBody };
  }
}
