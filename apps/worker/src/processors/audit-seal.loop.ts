import { Injectable, Logger } from '@nestjs/common';
import { AuditSealer } from '@rwa/audit';
import { AppConfig } from '@rwa/config';
import { PeriodicTask } from './periodic-task.js';

/**
 * Every AUDIT_SEAL_INTERVAL_MS, links the audit rows committed since into their hash chains. Every
 * worker runs it; one seals at a time (the others skip the tick).
 */
@Injectable()
export class AuditSealLoop extends PeriodicTask {
  protected readonly logger = new Logger(AuditSealLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly sealer: AuditSealer,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.audit.sealIntervalMs;
  }

  protected async runOnce(): Promise<string | null> {
    await this.sealer.sealPending();
    return null;
  }
}
