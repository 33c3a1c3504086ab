import type { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * A worker chore run every `intervalMs`: a run never overlaps the previous one (a slow chain or
 * database just skips ticks), and a failed run is logged and tried again at the next tick.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  /** How often to run, read once at start. */
  protected abstract intervalMs(): number;

  /** One run; what it returns is logged when there is something to say. */
  protected abstract runOnce(): Promise<string | null>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs());
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const summary = await this.runOnce();
      if (summary) this.logger.log(summary);
    } catch (error) {
      this.logger.warn(`${this.constructor.name} failed, trying again at the next tick: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      this.running = false;
    }
  }
}
