import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { ChainIndexerService } from '@rwa/holdings';

/** Every CHAIN_INDEXER_INTERVAL_MS, applies the newly confirmed token events to the holder register. */
@Injectable()
export class ChainIndexerLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChainIndexerLoop.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly config: AppConfig,
    private readonly indexer: ChainIndexerService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.chain.indexerIntervalMs);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await this.indexer.indexOnce();
      if (report.transfers > 0) this.logger.log(`indexed ${report.transfers} transfers`);
    } catch (error) {
      this.logger.warn(`chain indexing failed: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      this.running = false;
    }
  }
}
