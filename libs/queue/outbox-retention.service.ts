import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { returnedRows } from '@rwa/common';
import { QueueName } from './jobs.js';

const BATCH = 1000;

/**
 * Keeps the outbox and BullMQ's job records from growing forever. A completed intent older than its
 * retention is deleted and its job id kept in `outbox_retired_jobs`, which the outbox's duplicate
 * guard reads too: a business intent asked for again after pruning still gets no second job. Rows
 * go in batches, each one short transaction, claimed with SKIP LOCKED so that several workers share
 * the work. Open intents are never touched.
 */
@Injectable()
export class OutboxRetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.CHAIN) private readonly chainQueue: Queue,
  ) {}

  /** Prunes intents completed before `completedBefore`; returns how many. */
  async pruneCompletedIntents(completedBefore: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = returnedRows(await this.dataSource.query(
        `WITH doomed AS (
           SELECT id, job_id FROM outbox_messages WHERE completed_at < $1 ORDER BY completed_at LIMIT $2 FOR UPDATE SKIP LOCKED
         ), retired AS (
           INSERT INTO outbox_retired_jobs (job_id) SELECT job_id FROM doomed ON CONFLICT (job_id) DO NOTHING
         )
         DELETE FROM outbox_messages o USING doomed d WHERE o.id = d.id RETURNING o.id`,
        [completedBefore, BATCH],
      ));
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }

  /** Removes BullMQ's records of jobs completed more than `graceMs` ago; returns how many. */
  async pruneCompletedJobs(graceMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const removed = await this.chainQueue.clean(graceMs, BATCH, 'completed');
      total += removed.length;
      if (removed.length < BATCH) return total;
    }
  }
}
