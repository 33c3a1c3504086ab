import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import { AppConfig } from '@rwa/config';
import { QueueName } from './jobs.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxRetentionService } from './outbox-retention.service.js';
import { OutboxService } from './outbox.service.js';
import { migratePostgresQueueSchema } from './postgres-queue-schema.js';
import { QueueMetricsService } from './queue-metrics.service.js';
import { redisOptionsFromUrl } from './redis-connection.js';

/** What the API needs: job intents are written to the outbox, never sent to Redis on the request path. */
@Module({
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}

/** The BullMQ connection and the platform's queues (Redis, or BullMQ's Postgres backend), for the worker and the queue dashboard. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<QueueOptions> => {
        if (config.queue.backend === 'postgres') {
          // No Redis at all (a bare machine): BullMQ keeps its queues in Postgres instead, in a
          // schema of its own that must be migrated before any queue or worker uses it.
          await migratePostgresQueueSchema(config.database.url);
          setDefaultBackendFactory(createPostgresBackend);
          return { connection: config.database.url as never };
        }
        return { connection: redisOptionsFromUrl(config.queue.redisUrl), prefix: config.queue.prefix };
      },
    }),
    BullModule.registerQueue({ name: QueueName.CHAIN }),
  ],
  exports: [BullModule],
})
export class QueueConnectionModule {}

/** What the worker needs: BullMQ queues and the outbox relay. */
@Module({
  imports: [OutboxModule, QueueConnectionModule],
  providers: [OutboxRelay, QueueMetricsService, OutboxRetentionService],
  exports: [QueueConnectionModule, OutboxModule, OutboxRetentionService],
})
export class QueueWorkerModule {}
