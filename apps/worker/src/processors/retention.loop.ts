import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { EventRetentionService } from '@rwa/events';
import { PlatformMetrics } from '@rwa/metrics';
import { OutboxRetentionService } from '@rwa/queue';
import { ChallengeRetentionService } from '@rwa/wallets';
import { PeriodicTask } from './periodic-task.js';

const HOUR_MS = 3_600_000;

/**
 * Every RETENTION_INTERVAL_MS, deletes operational records past their retention (RETENTION_*_HOURS):
 * completed outbox intents, BullMQ's completed job records, expired wallet challenges, events past
 * EVENT_RETENTION_DAYS (with their deliveries). Business
 * records and the audit trail are never pruned.
 */
@Injectable()
export class RetentionLoop extends PeriodicTask {
  protected readonly logger = new Logger(RetentionLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRetentionService,
    private readonly challenges: ChallengeRetentionService,
    private readonly events: EventRetentionService,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.retention.intervalMs;
  }

  protected async runOnce(): Promise<string | null> {
    const { outboxHours, jobHours, challengeHours } = this.config.retention;
    const now = Date.now();
    const pruned = {
      outbox_messages: await this.outbox.pruneCompletedIntents(new Date(now - outboxHours * HOUR_MS)),
      bullmq_completed_jobs: await this.outbox.pruneCompletedJobs(jobHours * HOUR_MS),
      wallet_challenges: await this.challenges.pruneExpired(new Date(now - challengeHours * HOUR_MS)),
      events: await this.events.pruneBefore(new Date(now - this.config.events.retentionDays * 24 * HOUR_MS)),
    };
    for (const [table, count] of Object.entries(pruned)) if (count > 0) this.metrics?.recordsPruned.inc({ table }, count);
    if (Object.values(pruned).every((count) => count === 0)) return null;
    return `retention: pruned ${Object.entries(pruned).map(([table, count]) => `${count} ${table}`).join(', ')}`;
  }
}
