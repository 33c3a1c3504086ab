import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TransactionManager } from '@rwa/chain';
import { AppConfig } from '@rwa/config';

/**
 * Runs TransactionManager.fillNonceGaps every CHAIN_NONCE_GAP_CHECK_MS: a transaction persisted by
 * a worker killed before it broadcast, or a nonce spent without a transaction, would otherwise
 * block every later nonce of the signer until its own job happened to be retried.
 */
@Injectable()
export class NonceGapMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NonceGapMonitor.name);
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionManager,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      await sleep(this.config.chain.nonceGapCheckMs);
      if (!this.running) break;
      try {
        const { resent, filled } = await this.transactions.fillNonceGaps();
        if (resent + filled > 0) this.logger.warn(`Nonce stream unblocked: ${resent} transaction(s) sent again, ${filled} gap(s) filled`);
      } catch (error) {
        this.logger.warn(`Nonce gap check failed, trying again later: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
}
