import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@rwa/config';
import { RescreenService } from '@rwa/kyt';
import { PeriodicTask } from './periodic-task.js';

/**
 * Every KYT_RESCREEN_INTERVAL_MS, screens again the subjects held because no provider answered,
 * so they proceed (or get real findings) once the provider is back, without anyone's action.
 */
@Injectable()
export class KytRescreenLoop extends PeriodicTask {
  protected readonly logger = new Logger(KytRescreenLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly rescreen: RescreenService,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.kyt.rescreenIntervalMs;
  }

  protected async runOnce(): Promise<string | null> {
    const report = await this.rescreen.rescreenHeld();
    if (report.checked === 0) return null;
    return `re-screened ${report.checked} held subjects: ${report.released} released, ${report.flagged} flagged, ${report.stillUnavailable} still waiting`;
  }
}
