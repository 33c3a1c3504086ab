import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlStatement } from '@rwa/database';
import { jobIdOf, type JobItem } from './jobs.js';

/** Writes and completes job intents inside the caller's transaction. */
@Injectable()
export class OutboxService {
  /**
   * Records a job intent. A second intent with the same job id is ignored: a business intent
   * produces one job, however often it is asked for.
   */
  async add(manager: EntityManager, job: JobItem): Promise<void> {
    await manager.query(
      `INSERT INTO outbox_messages (job_id, job_name, payload) VALUES ($1, $2, $3)
       ON CONFLICT (job_id) DO NOTHING`,
      [jobIdOf(job), job.name, JSON.stringify(job.data)],
    );
  }

  /**
   * An INSERT of job intents for one statement assembled by a hot path: an intent is written only if
   * its subject's id is among the `id`s the CTE `from` returns. Like add(), an intent already
   * recorded is ignored.
   */
  insertSql(statement: SqlStatement, from: string, intents: readonly { subjectId: string; job: JobItem }[]): string {
    const rows = intents.map(
      ({ subjectId, job }) => `(${statement.param(subjectId, 'uuid')}, ${statement.param(jobIdOf(job), 'varchar')}, ${statement.param(job.name, 'varchar')}, ${statement.param(JSON.stringify(job.data), 'jsonb')})`,
    );
    return `INSERT INTO outbox_messages (job_id, job_name, payload)
      SELECT v.job_id, v.job_name, v.payload FROM (VALUES ${rows.join(', ')}) AS v(subject_id, job_id, job_name, payload)
      WHERE v.subject_id IN (SELECT id FROM ${from})
      ON CONFLICT (job_id) DO NOTHING`;
  }

  /** Marks the intent done, in the transaction that records its outcome. */
  async complete(manager: EntityManager, job: JobItem): Promise<void> {
    await manager.query('UPDATE outbox_messages SET completed_at = now() WHERE job_id = $1', [jobIdOf(job)]);
  }

  /** True once the intent's handler has recorded its outcome (false for an intent never recorded). */
  async isCompleted(manager: EntityManager, job: JobItem): Promise<boolean> {
    const rows = (await manager.query('SELECT completed_at IS NOT NULL AS done FROM outbox_messages WHERE job_id = $1', [jobIdOf(job)])) as { done: boolean }[];
    return rows[0]?.done ?? false;
  }

  /** Marks several intents done in one statement, in the transaction that records their outcomes. */
  async completeMany(manager: EntityManager, jobs: readonly JobItem[]): Promise<void> {
    if (jobs.length === 0) return;
    await manager.query('UPDATE outbox_messages SET completed_at = now() WHERE job_id = ANY($1::varchar[]) AND completed_at IS NULL', [[...new Set(jobs.map(jobIdOf))]]);
  }
}
