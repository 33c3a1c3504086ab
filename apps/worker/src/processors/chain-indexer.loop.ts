import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { ChainIndexerService } from '@rwa/holdings';
import { PeriodicTask } from './periodic-task.js';

/** Every CHAIN_INDEXER_INTERVAL_MS, rolls back reorged ranges and applies the newly confirmed token events to the holder register. */
@Injectable()
export class ChainIndexerLoop extends PeriodicTask {
  protected readonly logger = new Logger(ChainIndexerLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly indexer: ChainIndexerService,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.chain.indexerIntervalMs;
  }

  protected async runOnce(): Promise<string | null> {
    const report = await this.indexer.indexOnce();
    const parts = [report.rollbacks > 0 ? `rolled back ${report.rollbacks} reorged range(s)` : '', report.transfers > 0 ? `indexed ${report.transfers} transfers` : ''].filter(Boolean);
    return parts.length > 0 ? parts.join('; ') : null;
  }
}
