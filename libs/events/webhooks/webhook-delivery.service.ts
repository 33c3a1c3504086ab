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
 * (per-subject order), is claimed with a lease and enqueued (dispatchDue); an attempt records its
 * outcome (deliver). A job lost with Redis, or with a worker killed mid-attempt, leaves its lease
 * to expire and the delivery is claimed again: nothing is lost, and a duplicate carries the same
 * webhook-id (the event id).
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly box: SecretBox;
  private readonly guard: WebhookTargetGuard;

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

  /** Claims the due deliveries and enqueues their attempts; answers how many. */
  async dispatchDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = (await this.dataSource.query(
        `UPDATE webhook_deliveries d SET lease_until = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
         WHERE d.id IN (
           SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id AND w.enabled
           WHERE d.status = 'PENDING' AND d.ready AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
           ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED
         )
         RETURNING d.id, d.attempts`,
        [DISPATCH_BATCH, deliveryLeaseMs(this.config.webhooks.timeoutMs)],
      )) as [{ id: string; attempts: number }[], number];
      const rows = claimed[0];
      await this.enqueue(rows);
      total += rows.length;
      if (rows.length < DISPATCH_BATCH) return total;
    }
  }

  private async enqueue(rows: readonly { id: string; attempts: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.queue.addBulk(
      rows.map((row) => ({ name: DELIVER_WEBHOOK_JOB, data: { deliveryId: row.id }, opts: { jobId: deliveryJobId(row.id, row.attempts), attempts: 1, removeOnComplete: true, removeOnFail: true } })),
    );
  }

  /** One attempt of a delivery; answers what came of it. Idempotent: a delivery no longer PENDING is left alone. */
  async deliver(deliveryId: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT d.id, d.status, d.attempts, d.subject_id, d.retry_started_at, d.subscription_id, e.id AS event_id, e.type AS event_type, e.data, e.occurred_at,
         w.url, w.enabled, w.organization_id, w.secret_enc, w.previous_secret_enc, w.previous_secret_expires_at
       FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_subscriptions w ON w.id = d.subscription_id
       WHERE d.id = $1`,
      [deliveryId],
    )) as DeliveryRow[];
    if (!row || row.status !== 'PENDING') return 'not pending';
    if (!row.enabled) return 'endpoint disabled';
    const body = JSON.stringify({ id: row.event_id, type: row.event_type, occurredAt: new Date(row.occurred_at).toISOString(), data: row.data });
    const now = new Date();
    const secrets = [this.box.open(row.secret_enc)];
    if (row.previous_secret_enc && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > now) secrets.push(this.box.open(row.previous_secret_enc));
    const outcome = await sendWebhook(this.guard, row.url, signDelivery(secrets, row.event_id, now, body), body, this.config.webhooks.timeoutMs);
    const next = await this.recordRetrying(row, outcome);
    // The next delivery of the subject to this endpoint goes at once (claimed in the same transaction;
    // if this enqueue is lost, its claim runs out and the dispatcher takes it).
    await this.enqueue(next).catch((error: Error) => this.logger.warn(`Enqueueing the next delivery failed: ${error.message}`));
    if (isDelivered(outcome)) return 'delivered';
    return 'statusCode' in outcome ? `answered ${outcome.statusCode}` : outcome.error;
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
        return done > 0 ? this.readyNext(manager, row) : [];
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
      return failed && changed > 0 ? this.readyNext(manager, row) : [];
    });
  }

  /**
   * The delivery after `row` of the same subject to the same endpoint, now at the head of its line:
   * made ready and claimed. (The positioner, creating one concurrently, locks the earlier ones
   * first: this statement, run after this row is no longer PENDING, then sees what it committed.)
   */
  private async readyNext(manager: EntityManager, row: DeliveryRow): Promise<{ id: string; attempts: number }[]> {
    const [rows] = (await manager.query(
      `UPDATE webhook_deliveries SET ready = true, lease_until = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
       WHERE id = (SELECT id FROM webhook_deliveries WHERE subscription_id = $1 AND subject_id = $2 AND status = 'PENDING' ORDER BY event_position LIMIT 1)
         AND NOT ready
       RETURNING id, attempts`,
      [row.subscription_id, row.subject_id, deliveryLeaseMs(this.config.webhooks.timeoutMs)],
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
