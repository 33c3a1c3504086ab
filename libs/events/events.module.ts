import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueConnectionModule } from '@rwa/queue';
import { EventPositioner } from './event-positioner.service.js';
import { EventRetentionService } from './event-retention.service.js';
import { EventsService } from './events.service.js';
import { WebhookDeliveryService, WEBHOOK_QUEUE } from './webhooks/webhook-delivery.service.js';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhooks/webhook.entities.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

/** Events (the outbox every module writes to), the feed and webhook subscriptions: what the API and the domain modules need. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity, WebhookDeliveryEntity])],
  providers: [EventsService, WebhooksService],
  exports: [EventsService, WebhooksService],
})
export class EventsModule {}

/** The worker's side: positioning events, delivering webhooks (their BullMQ queue), pruning old events. */
@Module({
  imports: [EventsModule, QueueConnectionModule, BullModule.registerQueue({ name: WEBHOOK_QUEUE })],
  providers: [EventPositioner, WebhookDeliveryService, EventRetentionService],
  exports: [EventsModule, EventPositioner, WebhookDeliveryService, EventRetentionService],
})
export class EventsWorkerModule {}
