import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@rwa/common';
import { AuditService } from '@rwa/audit';
import { AppConfig } from '@rwa/config';
import { EventType } from '../event-types.js';
import { EventsService } from '../events.service.js';
import { retryDelayMs, withinRetryWindow } from './backoff.js';
import { SecretBox } from './secret-box.js';
import { signDelivery } from './signing.js';
import { WebhookTargetGuard } from './target-guard.js';
import { isDelivered, sendWebhook, type SendOutcome } from './webhook-sender.js';

export const WEBHOOK_QUEUE = 'webhooks';
export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';
const DISPATCH_BATCH = 500;
/** Outcomes recorded in one transaction at most. */
const RECORD_BATCH = 200;
const DELIVERY_COLUMNS = `SELECT d.id, d.status, d.attempts, d.subject_id, d.retry_started_at, d.subscription_id, e.id AS event_id, e.type AS event_type, e.data, e.occurred_at,
         w.url, w.enabled, w.organization_id, w.secret_enc, w.previous_secret_enc, w.previous_secret_expires_at`;
/** A claimed delivery whose attempt is not recorded within twice its timeout and a second is claimed again (its job was lost). */
export function deliveryLeaseMs(timeoutMs: number): number {
  return 2 * timeoutMs + 1000;
}

/** The job of one attempt: BullMQ ids may not contain ':'; the attempt number dedupes re-enqueueing a claim. */
export function deliveryJobId(deliveryId: string, attempts: number): string {
  return `whd-${deliveryId}-${attempts}`;
}

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  subject_id: string;
  retry_started_at: Date;
  subscription_id: string;
  event_id: string;
  event_type: string;
  data: unknown;
  occurred_at: Date;
  url: string;
  enabled: boolean;
  organization_id: string;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Delivers webhooks. The database is the truth: a PENDING delivery that is due, whose subscription
 * is enabled and that has no earlier PENDING delivery of the same subject to the same endpoint
 * (per-subject order), is claimed with a lease and attempted at once by the process that claimed it
 * (dispatchDue), on a keep-alive connection; outcomes are recorded in batches, and the next delivery
 * of each subject is claimed in the same transaction and attempted at once. A process killed
 * mid-attempt, or a recording that failed, leaves the lease to run out and the delivery is claimed
 * again: nothing is lost (Redis plays no part), and a duplicate carries the same webhook-id (the
 * event id). A job of the queue (deliver) is still honoured.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly box: SecretBox;
  private readonly guard: WebhookTargetGuard;
  /** Attempts started here (dispatchDue) whose outcome is not recorded yet. */
  private inFlight = 0;
  private readonly outcomes: { row: DeliveryRow; outcome: SendOutcome }[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {
    this.box = new SecretBox(config.webhooks.secretEncryptionKey);
    this.guard = new WebhookTargetGuard(config.webhooks.allowPrivateTargets);
  }

  /**
   * Claims the due deliveries (as many as this process has room for: WEBHOOK_CONCURRENCY attempts in
   * flight) and starts their attempts here, at once, on keep-alive connections; the outcomes are
   * recorded in batches (recordDelivered). No queue job is needed: the claim's lease is the
   * recovery (a process killed mid-attempt leaves it to run out, and a process claims it again).
   * Answers how many were claimed.
   */
  async dispatchDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const room = Math.min(DISPATCH_BATCH, this.config.webhooks.concurrency - this.inFlight);
      if (room <= 0) return total;
      const claimed = (await this.dataSource.query(
        `WITH claimed AS (
           UPDATE webhook_deliveries d SET lease_until = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
           WHERE d.id IN (
             SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id AND w.enabled
             WHERE d.status = 'PENDING' AND d.ready AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
             ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED
           )
           RETURNING d.id, d.status, d.attempts, d.subject_id, d.retry_started_at, d.subscription_id, d.event_id
         )
         ${DELIVERY_COLUMNS} FROM claimed d JOIN events e ON e.id = d.event_id JOIN webhook_subscriptions w ON w.id = d.subscription_id`,
        [room, deliveryLeaseMs(this.config.webhooks.timeoutMs)],
      )) as DeliveryRow[];
      this.startAll(claimed);
      total += claimed.length;
      if (claimed.length < room) return total;
    }
  }

  /** Waits until every attempt started here is sent and its outcome recorded (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Starts the attempts of claimed deliveries; each counts as in flight until its outcome is recorded. */
  private startAll(rows: readonly DeliveryRow[]): void {
    for (const row of rows) {
      this.inFlight++;
      void this.attempt(row).then(
        (outcome) => this.toRecord(row, outcome),
        (error: Error) => {
          this.inFlight--;
          this.logger.warn(`Delivery ${row.id} not attempted: ${error.message}`);
        },
      );
    }
  }

  private toRecord(row: DeliveryRow, outcome: SendOutcome | null): void {
    if (outcome === null) {
      this.inFlight--;
      return;
    }
    this.outcomes.push({ row, outcome });
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** Records the outcomes gathered so far, in batches, while more keep arriving. */
  private async flush(): Promise<void> {
    while (this.outcomes.length > 0) {
      const batch = this.outcomes.splice(0, RECORD_BATCH);
      try {
        const delivered = batch.filter((entry) => isDelivered(entry.outcome));
        const next: { id: string; attempts: number }[] = [];
        if (delivered.length > 0) next.push(...(await this.recordDeliveredRetrying(delivered)));
        for (const entry of batch) if (!isDelivered(entry.outcome)) next.push(...(await this.recordRetrying(entry.row, entry.outcome)));
        // The next deliveries of these subjects, made ready and claimed in the same transactions, go at once.
        if (next.length > 0) this.startAll(await this.rowsOf(next.map((entry) => entry.id)));
      } catch (error) {
        // Not recorded: the claims run out and the deliveries are attempted again (same webhook-id).
        this.logger.warn(`Recording ${batch.length} delivery outcomes failed: ${(error as Error).message}`);
      } finally {
        this.inFlight -= batch.length;
      }
    }
  }

  private async rowsOf(ids: readonly string[]): Promise<DeliveryRow[]> {
    return (await this.dataSource.query(
      `${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_subscriptions w ON w.id = d.subscription_id
       WHERE d.id = ANY($1::uuid[]) AND d.status = 'PENDING' AND w.enabled`,
      [ids],
    )) as DeliveryRow[];
  }

  /** Sends one attempt of a claimed delivery; null when there is nothing to send (no longer PENDING, endpoint disabled). */
  private async attempt(row: DeliveryRow): Promise<SendOutcome | null> {
    if (row.status !== 'PENDING' || !row.enabled) return null;
    const body = JSON.stringify({ id: row.event_id, type: row.event_type, occurredAt: new Date(row.occurred_at).toISOString(), data: row.data });
    const now = new Date();
    const secrets = [this.box.open(row.secret_enc)];
    if (row.previous_secret_enc && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > now) secrets.push(this.box.open(row.previous_secret_enc));
    return sendWebhook(this.guard, row.url, signDelivery(secrets, row.event_id, now, body), body, this.config.webhooks.timeoutMs);
  }

  private async enqueue(rows: readonly { id: string; attempts: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.queue.addBulk(
      rows.map((row) => ({ name: DELIVER_WEBHOOK_JOB, data: { deliveryId: row.id }, opts: { jobId: deliveryJobId(row.id, row.attempts), attempts: 1, removeOnComplete: true, removeOnFail: true } })),
    );
  }

  /** One attempt of a delivery (a job of the queue); answers what came of it. Idempotent: a delivery no longer PENDING is left alone. */
  async deliver(deliveryId: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_subscriptions w ON w.id = d.subscription_id WHERE d.id = $1`,
      [deliveryId],
    )) as DeliveryRow[];
    if (!row || row.status !== 'PENDING') return 'not pending';
    if (!row.enabled) return 'endpoint disabled';
    const outcome = (await this.attempt(row))!;
    const next = isDelivered(outcome) ? await this.recordDeliveredRetrying([{ row, outcome }]) : await this.recordRetrying(row, outcome);
    // The next delivery of the subject to this endpoint goes at once (claimed in the same transaction;
    // if this enqueue is lost, its claim runs out and the dispatcher takes it).
    await this.enqueue(next).catch((error: Error) => this.logger.warn(`Enqueueing the next delivery failed: ${error.message}`));
    if (isDelivered(outcome)) return 'delivered';
    return 'statusCode' in outcome ? `answered ${outcome.statusCode}` : outcome.error;
  }

  /** As recordDelivered, tried again on a deadlock (40P01). */
  private async recordDeliveredRetrying(entries: readonly { row: DeliveryRow; outcome: SendOutcome }[]): Promise<{ id: string; attempts: number }[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.recordDelivered(entries);
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Records many delivered attempts in one transaction: the deliveries locked in line order (as the
   * positioner locks them), marked DELIVERED with one statement, their endpoints no longer failing;
   * then, in a later statement (which sees what the positioner committed meanwhile), the next
   * delivery of each of their lines made ready and claimed. Answers those.
   */
  private async recordDelivered(entries: readonly { row: DeliveryRow; outcome: SendOutcome }[]): Promise<{ id: string; attempts: number }[]> {
    const ids = entries.map((entry) => entry.row.id);
    const codes = entries.map((entry) => ('statusCode' in entry.outcome ? entry.outcome.statusCode : null));
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM webhook_deliveries WHERE id = ANY($1::uuid[]) ORDER BY subscription_id, subject_id, event_position FOR UPDATE', [ids]);
      const [done] = (await manager.query(
        `UPDATE webhook_deliveries d SET status = 'DELIVERED', attempts = d.attempts + 1, last_status_code = c.code, last_error = NULL, delivered_at = now(), lease_until = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS c(id, code)
         WHERE d.id = c.id AND d.status = 'PENDING'
         RETURNING d.subscription_id, d.subject_id`,
        [ids, codes],
      )) as [{ subscription_id: string; subject_id: string }[], number];
      if (done.length === 0) return [];
      await manager.query('UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = ANY($1::uuid[]) AND failing_since IS NOT NULL', [[...new Set(done.map((line) => line.subscription_id))]]);
      return this.readyNextOf(manager, done);
    });
  }

  /** As record, tried again on a deadlock (40P01): an outcome not recorded would wait for its claim to run out. */
  private async recordRetrying(row: DeliveryRow, outcome: SendOutcome): Promise<{ id: string; attempts: number }[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.record(row, outcome);
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= 3) throw error;
      }
    }
  }

  /** Records the attempt; answers the next delivery of the subject, made ready and claimed when this one is done. */
  private async record(row: DeliveryRow, outcome: SendOutcome): Promise<{ id: string; attempts: number }[]> {
    const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
    const error = 'error' in outcome ? outcome.error.slice(0, 500) : null;
    return this.dataSource.transaction(async (manager) => {
      if (isDelivered(outcome)) {
        const [, done] = (await manager.query(
          `UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_status_code = $2, last_error = NULL, delivered_at = now(), lease_until = NULL, updated_at = now()
           WHERE id = $1 AND status = 'PENDING'`,
          [row.id, statusCode],
        )) as [unknown[], number];
        await manager.query('UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [row.subscription_id]);
        return done > 0 ? this.readyNextOf(manager, [row]) : [];
      }
      const now = new Date();
      const attempts = row.attempts + 1;
      const failed = !withinRetryWindow(this.config.webhooks.retry, new Date(row.retry_started_at), now);
      const next = new Date(now.getTime() + retryDelayMs(this.config.webhooks.retry, attempts));
      const [, changed] = (await manager.query(
        `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4, next_attempt_at = $5, lease_until = NULL, updated_at = now()
         WHERE id = $1 AND status = 'PENDING'`,
        [row.id, failed ? 'FAILED' : 'PENDING', statusCode, error, next],
      )) as [unknown[], number];
      const [updated] = (await manager.query(
        `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, now()) WHERE id = $1
         RETURNING enabled, failing_since, failing_since <= now() - make_interval(secs => $2::double precision / 1000) AS overdue`,
        [row.subscription_id, this.config.webhooks.disableAfterMs],
      )) as [{ enabled: boolean; failing_since: Date; overdue: boolean }[], number];
      const subscription = updated[0];
      if (subscription?.enabled && subscription.overdue) await this.disable(manager, row, new Date(subscription.failing_since));
      return failed && changed > 0 ? this.readyNextOf(manager, [row]) : [];
    });
  }

  /**
   * The delivery after each done one of the same subject to the same endpoint, now at the head of its
   * line: made ready and claimed. (The positioner, creating one concurrently, locks the earlier ones
   * first: this statement, run after the done ones are no longer PENDING, then sees what it committed.)
   */
  private async readyNextOf(manager: EntityManager, lines: readonly { subscription_id: string; subject_id: string }[]): Promise<{ id: string; attempts: number }[]> {
    const [rows] = (await manager.query(
      `UPDATE webhook_deliveries d SET ready = true, lease_until = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
       FROM (
         SELECT DISTINCT ON (n.subscription_id, n.subject_id) n.id
         FROM webhook_deliveries n JOIN (SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[])) AS c(subscription_id, subject_id) ON n.subscription_id = c.subscription_id AND n.subject_id = c.subject_id
         WHERE n.status = 'PENDING'
         ORDER BY n.subscription_id, n.subject_id, n.event_position
       ) h
       WHERE d.id = h.id AND NOT d.ready
       RETURNING d.id, d.attempts`,
      [lines.map((line) => line.subscription_id), lines.map((line) => line.subject_id), deliveryLeaseMs(this.config.webhooks.timeoutMs)],
    )) as [{ id: string; attempts: number }[], number];
    return rows;
  }

  /** An endpoint failing since `since` for longer than WEBHOOK_DISABLE_AFTER_MS: disabled, and its owner told. */
  private async disable(manager: EntityManager, row: DeliveryRow, since: Date): Promise<void> {
    const reason = `failing since ${since.toISOString()}`;
    await manager.query("UPDATE webhook_subscriptions SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1", [row.subscription_id, reason]);
    await this.audit.record(manager, { entityType: 'webhook', entityId: row.subscription_id, action: 'disabled', actor: SYSTEM_ACTOR, reason });
    await this.events.emit(manager, {
      type: EventType.WEBHOOK_DISABLED,
      subject: { type: 'webhook', id: row.subscription_id },
      data: { webhookId: row.subscription_id, url: row.url, enabled: false, disabledReason: reason },
      audience: { organizationId: row.organization_id },
    });
    this.logger.warn(`Webhook ${row.subscription_id} disabled: ${reason}`);
  }
}
