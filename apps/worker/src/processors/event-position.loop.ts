import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { EventPositioner, WebhookDeliveryService } from '@rwa/events';
import { PeriodicTask } from './periodic-task.js';

/**
 * Every EVENT_POSITION_INTERVAL_MS, gives committed events their feed position (creating their
 * deliveries), then claims the deliveries due and enqueues their attempts. Every worker runs it;
 * one positions at a time, and claims are taken with SKIP LOCKED. The claim of a delivery whose job
 * was lost (Redis restarted, a worker killed mid-attempt) runs out and is taken again here: the
 * database is the truth, the queue only a wake-up.
 */
@Injectable()
export class EventPositionLoop extends PeriodicTask {
  protected readonly logger = new Logger(EventPositionLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly positioner: EventPositioner,
    private readonly deliveries: WebhookDeliveryService,
  ) {
    super();
  }

  protected intervalMs(): number {
    return Math.min(this.config.events.positionIntervalMs, this.config.webhooks.dispatchIntervalMs);
  }

  protected async runOnce(): Promise<string | null> {
    await this.positioner.positionPending();
    await this.deliveries.dispatchDue();
    return null;
  }
}
