import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { ChainIndexerService } from '@rwa/holdings';
import { PeriodicTask } from './periodic-task.js';

/** Every CHAIN_INDEXER_INTERVAL_MS, applies the newly confirmed token events to the holder register. */
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
    return report.transfers > 0 ? `indexed ${report.transfers} transfers` : null;
  }
}
