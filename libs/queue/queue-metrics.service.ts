import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { PlatformMetrics } from '@rwa/metrics';
import { QueueName } from './jobs.js';

const REFRESH_MS = 5000;
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Keeps the queue depth gauge current: BullMQ job counts per state and the outbox intents still open. */
@Injectable()
export class QueueMetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueMetricsService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.CHAIN) private readonly chainQueue: Queue,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.metrics) return;
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const counts = await this.chainQueue.getJobCounts(...STATES);
      for (const state of STATES) this.metrics!.queueDepth.set({ queue: QueueName.CHAIN, state }, counts[state] ?? 0);
      const [{ open }] = (await this.dataSource.query('SELECT count(*)::int AS open FROM outbox_messages WHERE completed_at IS NULL')) as { open: number }[];
      this.metrics!.queueDepth.set({ queue: 'outbox', state: 'open' }, open);
    } catch (error) {
      this.logger.debug(`Queue depth not refreshed: ${(error as Error).message}`);
    }
  }
}
