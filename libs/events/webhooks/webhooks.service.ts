import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { AppConfig } from '@rwa/config';
import { actorName, type Actor, type Page, type PageRequest } from '@rwa/common';
import { keysetPage } from '@rwa/database';
import {
  DeliveryStatus,
  type AcceptedResponseDto,
  type CreatedWebhookResponseDto,
  type CreateWebhookRequestDto,
  type DeliveryListQueryDto,
  type DeliveryResponseDto,
  type RotatedSecretResponseDto,
  type UpdateWebhookRequestDto,
  type WebhookResponseDto,
} from '../dtos/webhook.dto.js';
import { EventType } from '../event-types.js';
import { EventsErrorCode, EventsException } from '../events.exception.js';
import { EventsService } from '../events.service.js';
import { newWebhookSecret, SecretBox } from './secret-box.js';
import { WebhookTargetGuard, WebhookTargetRefused } from './target-guard.js';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhook.entities.js';

/** Subscriptions of an organisation's own endpoints; every other organisation's are not found. */
@Injectable()
export class WebhooksService {
  private readonly box: SecretBox;
  private readonly guard: WebhookTargetGuard;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {
    this.box = new SecretBox(config.webhooks.secretEncryptionKey);
    this.guard = new WebhookTargetGuard(config.webhooks.allowPrivateTargets);
  }

  async create(actor: Actor, request: CreateWebhookRequestDto): Promise<CreatedWebhookResponseDto> {
    await this.checkTarget(request.url);
    const secret = newWebhookSecret();
    const entity = await this.dataSource.transaction(async (manager) => {
      const created = manager.create(WebhookSubscriptionEntity, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        role: actor.role,
        url: request.url,
        events: request.events,
        description: request.description ?? null,
        enabled: true,
        secretEnc: this.box.seal(secret),
        previousSecretEnc: null,
        previousSecretExpiresAt: null,
        failingSince: null,
        disabledReason: null,
      });
      await manager.insert(WebhookSubscriptionEntity, created);
      await this.audit.record(manager, { entityType: 'webhook', entityId: created.id, action: 'created', actor: actorName(actor), data: { url: created.url, events: created.events } });
      return manager.findOneByOrFail(WebhookSubscriptionEntity, { id: created.id });
    });
    return { ...this.map(entity), secret };
  }

  async list(actor: Actor, page: PageRequest): Promise<Page<WebhookResponseDto>> {
    const query = this.dataSource.getRepository(WebhookSubscriptionEntity).createQueryBuilder('w').where('w.organization_id = :org', { org: actor.organizationId });
    return keysetPage(query, page, (row) => this.map(row));
  }

  async get(actor: Actor, id: string): Promise<WebhookResponseDto> {
    return this.map(await this.findOwned(this.dataSource.manager, actor, id));
  }

  async update(actor: Actor, id: string, request: UpdateWebhookRequestDto): Promise<WebhookResponseDto> {
    // Another organisation's webhook is not found, whatever the url (checked next, before any lock: it resolves DNS).
    await this.findOwned(this.dataSource.manager, actor, id);
    if (request.url !== undefined) await this.checkTarget(request.url);
    await this.dataSource.transaction(async (manager) => {
      const webhook = await this.findOwned(manager, actor, id, true);
      const changes: Partial<WebhookSubscriptionEntity> = {};
      if (request.url !== undefined) changes.url = request.url;
      if (request.events !== undefined) changes.events = request.events;
      if (request.description !== undefined) changes.description = request.description;
      if (request.enabled !== undefined) {
        changes.enabled = request.enabled;
        // Enabled again: the failures so far no longer count towards disabling it.
        if (request.enabled) Object.assign(changes, { disabledReason: null, failingSince: null });
      }
      if (Object.keys(changes).length === 0) return;
      await manager.update(WebhookSubscriptionEntity, { id: webhook.id }, changes);
      await this.audit.record(manager, { entityType: 'webhook', entityId: webhook.id, action: 'updated', actor: actorName(actor), data: { ...request } });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const webhook = await this.findOwned(manager, actor, id, true);
      await manager.delete(WebhookSubscriptionEntity, { id: webhook.id });
      await this.audit.record(manager, { entityType: 'webhook', entityId: webhook.id, action: 'deleted', actor: actorName(actor), data: { url: webhook.url } });
    });
  }

  /** A new secret; the current one becomes the previous, and keeps signing too for the overlap. */
  async rotateSecret(actor: Actor, id: string): Promise<RotatedSecretResponseDto> {
    const secret = newWebhookSecret();
    const expiresAt = new Date(Date.now() + this.config.webhooks.secretOverlapMs);
    await this.dataSource.transaction(async (manager) => {
      const webhook = await this.findOwned(manager, actor, id, true);
      await manager.update(WebhookSubscriptionEntity, { id: webhook.id }, { secretEnc: this.box.seal(secret), previousSecretEnc: webhook.secretEnc, previousSecretExpiresAt: expiresAt });
      await this.audit.record(manager, { entityType: 'webhook', entityId: webhook.id, action: 'secret-rotated', actor: actorName(actor), data: { previousSecretExpiresAt: expiresAt.toISOString() } });
    });
    return { secret, previousSecretExpiresAt: expiresAt.toISOString() };
  }

  /** Sends a `webhook.test` event to this endpoint only (through the same delivery path as any event). */
  async test(actor: Actor, id: string): Promise<AcceptedResponseDto> {
    const eventId = await this.dataSource.transaction(async (manager) => {
      const webhook = await this.findOwned(manager, actor, id);
      return this.events.emit(manager, {
        type: EventType.WEBHOOK_TEST,
        subject: { type: 'webhook', id: webhook.id },
        data: { webhookId: webhook.id, url: webhook.url },
        audience: { organizationId: webhook.organizationId },
        subscriptionId: webhook.id,
      });
    });
    return { accepted: true, eventId };
  }

  async deliveries(actor: Actor, id: string, query: DeliveryListQueryDto, page: PageRequest): Promise<Page<DeliveryResponseDto>> {
    const webhook = await this.findOwned(this.dataSource.manager, actor, id);
    const builder = this.dataSource.getRepository(WebhookDeliveryEntity).createQueryBuilder('d').where('d.subscription_id = :id', { id: webhook.id });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    return keysetPage(builder, page, mapDelivery);
  }

  /** Sends a delivery again (with the same webhook-id), now, with a new retry window. */
  async redeliver(actor: Actor, id: string, deliveryId: string): Promise<AcceptedResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const webhook = await this.findOwned(manager, actor, id);
      const result = (await manager.query(
        `UPDATE webhook_deliveries SET status = 'PENDING', ready = true, next_attempt_at = now(), retry_started_at = now(), lease_until = NULL, updated_at = now()
         WHERE id = $1 AND subscription_id = $2 RETURNING id`,
        [deliveryId, webhook.id],
      )) as [unknown[], number];
      if (result[1] === 0) throw new EventsException(EventsErrorCode.DELIVERY_NOT_FOUND, `Delivery ${deliveryId} not found`);
      await this.audit.record(manager, { entityType: 'webhook', entityId: webhook.id, action: 'redelivery-requested', actor: actorName(actor), data: { deliveryId } });
    });
    return { accepted: true };
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await this.guard.check(url);
    } catch (error) {
      if (error instanceof WebhookTargetRefused) throw new EventsException(EventsErrorCode.WEBHOOK_TARGET_REFUSED, `Webhook url refused: ${error.message}`);
      throw error;
    }
  }

  private async findOwned(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<WebhookSubscriptionEntity> {
    const webhook = await manager.findOne(WebhookSubscriptionEntity, { where: { id, organizationId: actor.organizationId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!webhook) throw new EventsException(EventsErrorCode.WEBHOOK_NOT_FOUND, `Webhook ${id} not found`);
    return webhook;
  }

  private map(webhook: WebhookSubscriptionEntity): WebhookResponseDto {
    return {
      id: webhook.id,
      url: webhook.url,
      events: webhook.events,
      description: webhook.description,
      enabled: webhook.enabled,
      disabledReason: webhook.disabledReason,
      createdAt: webhook.createdAt.toISOString(),
    };
  }
}

function mapDelivery(row: WebhookDeliveryEntity): DeliveryResponseDto {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.status === DeliveryStatus.PENDING ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
