import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { RescreenService } from '@rwa/kyt';

/**
 * Every KYT_RESCREEN_INTERVAL_MS, screens again the subjects held because no provider answered,
 * so they proceed (or get real findings) once the provider is back, without anyone's action.
 */
@Injectable()
export class KytRescreenLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KytRescreenLoop.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly config: AppConfig,
    private readonly rescreen: RescreenService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.kyt.rescreenIntervalMs);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await this.rescreen.rescreenHeld();
      if (report.checked > 0) this.logger.log(`re-screened ${report.checked} held subjects: ${report.released} released, ${report.flagged} flagged, ${report.stillUnavailable} still waiting`);
    } catch (error) {
      this.logger.warn(`re-screening failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
