import { setTimeout as sleep } from 'node:timers/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { CHAIN_JOB_OPTIONS, QueueName, withJobMeta } from './jobs.js';

const BATCH_SIZE = 200;
const IDLE_POLL_MS = 100;
/**
 * After relaying a partial batch, look again this soon: under load intents keep arriving, and waiting
 * the idle interval added ~50 ms on average to every order's settlement. Short enough for latency,
 * long enough that a busy relay claims intents in batches rather than one poll per intent.
 */
const BUSY_POLL_MS = 10;
/**
 * An intent enqueued this long ago and still without an outcome is enqueued again. The job id is
 * deterministic, so a job still waiting or running is not duplicated; a job lost with Redis is restored.
 */
const REDELIVER_AFTER_SECONDS = 30;
const REDELIVERY_CHECK_MS = 5_000;

interface OutboxRow {
  id: string;
  job_id: string;
  job_name: string;
  payload: Record<string, unknown>;
  request_id: string | null;
}

/** Moves job intents from the outbox table to BullMQ. Several relays may run: rows are claimed with SKIP LOCKED. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.CHAIN) private readonly chainQueue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Enqueues one batch of new intents; returns how many. */
  async relayOnce(): Promise<number> {
    return this.relay(
      `SELECT id, job_id, job_name, payload, request_id FROM outbox_messages
       WHERE completed_at IS NULL AND enqueued_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [BATCH_SIZE],
    );
  }

  /** Enqueues again one batch of intents enqueued over REDELIVER_AFTER_SECONDS ago and still without an outcome. */
  async redeliverOverdue(): Promise<number> {
    return this.relay(
      `SELECT id, job_id, job_name, payload, request_id FROM outbox_messages
       WHERE completed_at IS NULL AND enqueued_at < now() - make_interval(secs => $2) ORDER BY enqueued_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [BATCH_SIZE, REDELIVER_AFTER_SECONDS],
    );
  }

  private async relay(select: string, parameters: unknown[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(select, parameters)) as OutboxRow[];
      if (rows.length === 0) return 0;
      await this.chainQueue.addBulk(rows.map((row) => ({ name: row.job_name, data: withJobMeta(row.payload, { requestId: row.request_id }), opts: { ...CHAIN_JOB_OPTIONS, jobId: row.job_id } })));
      await manager.query('UPDATE outbox_messages SET enqueued_at = now() WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let redeliveryDue = 0;
    while (this.running) {
      try {
        // Overdue intents are looked for every few seconds, not on every poll: the intents in
        // flight are many under load, and the read would pass over every completed one not yet vacuumed.
        if (Date.now() >= redeliveryDue) {
          let redelivered = BATCH_SIZE;
          while (redelivered === BATCH_SIZE && this.running) redelivered = await this.redeliverOverdue(); // a full batch: more may be due
          redeliveryDue = Date.now() + REDELIVERY_CHECK_MS;
        }
        const relayed = await this.relayOnce();
        if (relayed === 0) await sleep(IDLE_POLL_MS);
        else if (relayed < BATCH_SIZE) await sleep(BUSY_POLL_MS);
      } catch (error) {
        this.logger.error(`Outbox relay failed, retrying: ${(error as Error).message}`);
        await sleep(1000);
      }
    }
  }
}
