import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { ReconciliationService } from '@rwa/income';
import { PeriodicTask } from './periodic-task.js';

/** How often the loop looks for funds due a scheduled reconciliation (at most: a shorter interval looks as often). */
const CHECK_EVERY_MS = 60_000;

/** A reconciliation of every fund with a token every RECONCILIATION_INTERVAL_MS (default daily; 0: on demand only). */
@Injectable()
export class ReconciliationLoop extends PeriodicTask {
  protected readonly logger = new Logger(ReconciliationLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly reconciliations: ReconciliationService,
  ) {
    super();
  }

  override onApplicationBootstrap(): void {
    if (this.config.income.reconciliationIntervalMs > 0) super.onApplicationBootstrap();
  }

  protected intervalMs(): number {
    return Math.min(CHECK_EVERY_MS, this.config.income.reconciliationIntervalMs);
  }

  protected async runOnce(): Promise<string | null> {
    const made = await this.reconciliations.schedule(this.config.income.reconciliationIntervalMs);
    return made > 0 ? `scheduled ${made} reconciliation(s)` : null;
  }
}
