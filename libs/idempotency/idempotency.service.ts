import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson, DomainException } from '@rwa/common';
import type { SqlStatement } from '@rwa/database';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

export enum IdempotencyErrorCode {
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_REQUIRED = 'IDEMPOTENCY_KEY_REQUIRED',
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
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

/** Idempotency-Key handling, scoped to the caller's organisation (api-contract.md). */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO idempotency_records (organization_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, key) DO NOTHING RETURNING key`,
        [organizationId, key, requestHash],
      )) as unknown[];
      if (inserted.length === 0) return this.replay(manager, organizationId, key, requestHash);
      const body = await work(manager);
      await manager.update(IdempotencyRecordEntity, { organizationId, key }, { statusCode, responseBody: body as object });
      return { statusCode, body };
    });
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

  /** The stored answer for a key, if any (for endpoints whose work runs its own transaction). */
  async find(organizationId: string, key: string, requestHash: string): Promise<StoredResponse | undefined> {
    const record = await this.dataSource.getRepository(IdempotencyRecordEntity).findOneBy({ organizationId, key });
    if (!record) return undefined;
    return this.replay(this.dataSource.manager, organizationId, key, requestHash, record);
  }

  /** Records the first answer for a key; a concurrent first answer wins. */
  async save(organizationId: string, key: string, requestHash: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO idempotency_records (organization_id, key, request_hash, status_code, response_body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, key) DO NOTHING`,
      [organizationId, key, requestHash, response.statusCode, JSON.stringify(response.body ?? null)],
    );
  }

  private async replay(manager: EntityManager, organizationId: string, key: string, requestHash: string, known?: IdempotencyRecordEntity): Promise<StoredResponse> {
    const record = known ?? (await manager.findOneByOrFail(IdempotencyRecordEntity, { organizationId, key }));
    if (record.requestHash !== requestHash || record.statusCode === null) {
      throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used with another request');
    }
    return { statusCode: record.statusCode, body: record.responseBody };
  }
}
