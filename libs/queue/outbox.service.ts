import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlStatement } from '@rwa/database';
import { currentRequestId } from '@rwa/logging';
import { jobIdOf, type JobItem } from './jobs.js';

/** An intent of a hot path's statement: written only if its subject is among the statement's rows. */
export interface StatementIntent {
  subjectId: string;
  job: JobItem;
  /** The request that asked for it (captured in the request: a grouped statement runs for many). */
  requestId?: string | null;
}

/**
 * Writes and completes job intents inside the caller's transaction. Each intent keeps the id of the
 * request that asked for it (the worker logs it with the job). A job id is refused while its intent
 * is in the table and after retention pruning moved it to `outbox_retired_jobs` (`unretired`).
 */
@Injectable()
export class OutboxService {
  /**
   * Records a job intent. A second intent with the same job id is ignored: a business intent
   * produces one job, however often it is asked for.
   */
  async add(manager: EntityManager, job: JobItem): Promise<void> {
    await manager.query(
      `INSERT INTO outbox_messages (job_id, job_name, payload, request_id)
       SELECT v.job_id, v.job_name, v.payload, v.request_id FROM (VALUES ($1::varchar, $2::varchar, $3::jsonb, $4::varchar)) AS v(job_id, job_name, payload, request_id)
       WHERE ${unretired('v.job_id')}
       ON CONFLICT (job_id) DO NOTHING`,
      [jobIdOf(job), job.name, JSON.stringify(job.data), currentRequestId()],
    );
  }

  /**
   * An INSERT of job intents for one statement assembled by a hot path: an intent is written only if
   * its subject's id is among the `id`s the CTE `from` returns. Like add(), an intent already
   * recorded (or retired) is ignored.
   */
  insertSql(statement: SqlStatement, from: string, intents: readonly StatementIntent[]): string {
    const rows = intents.map(
      ({ subjectId, job, requestId }) =>
        `(${statement.param(subjectId, 'uuid')}, ${statement.param(jobIdOf(job), 'varchar')}, ${statement.param(job.name, 'varchar')}, ${statement.param(JSON.stringify(job.data), 'jsonb')}, ${statement.param(requestId ?? null, 'varchar')})`,
    );
    return `INSERT INTO outbox_messages (job_id, job_name, payload, request_id)
      SELECT v.job_id, v.job_name, v.payload, v.request_id FROM (VALUES ${rows.join(', ')}) AS v(subject_id, job_id, job_name, payload, request_id)
      WHERE v.subject_id IN (SELECT id FROM ${from}) AND ${unretired('v.job_id')}
      ON CONFLICT (job_id) DO NOTHING`;
  }

  /** Marks the intent done, in the transaction that records its outcome. */
  async complete(manager: EntityManager, job: JobItem): Promise<void> {
    await manager.query('UPDATE outbox_messages SET completed_at = now() WHERE job_id = $1', [jobIdOf(job)]);
  }

  /** Marks several intents done in one statement, in the transaction that records their outcomes. */
  async completeMany(manager: EntityManager, jobs: readonly JobItem[]): Promise<void> {
    if (jobs.length === 0) return;
    await manager.query('UPDATE outbox_messages SET completed_at = now() WHERE job_id = ANY($1::varchar[]) AND completed_at IS NULL', [[...new Set(jobs.map(jobIdOf))]]);
  }
}

/** The one duplicate guard beside the unique index: a job id retired by pruning stays used. */
function unretired(jobIdColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM outbox_retired_jobs r WHERE r.job_id = ${jobIdColumn})`;
}
