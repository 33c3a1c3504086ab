import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@rwa/config';
import { WEBHOOK_QUEUE, WebhookDeliveryService } from '@rwa/events';

/** A thin adapter: one delivery attempt per job (the attempt's outcome is recorded in the database). */
@Processor(WEBHOOK_QUEUE, { lockDuration: 30_000, stalledInterval: 15_000 })
export class WebhookProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: WebhookDeliveryService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.webhooks.concurrency;
  }

  process(job: Job<{ deliveryId: string }>): Promise<string> {
    return this.deliveries.deliver(job.data.deliveryId);
  }
}
