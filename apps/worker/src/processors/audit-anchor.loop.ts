import { Injectable, Logger } from '@nestjs/common';
import { AuditAnchorService } from '@rwa/audit';
import { AppConfig } from '@rwa/config';
import { PeriodicTask } from './periodic-task.js';

/**
 * Every AUDIT_ANCHOR_INTERVAL_MS (0: never), anchors the heads of the audit chains that moved in
 * the AuditAnchor contract. Every worker runs it; one creates each anchoring, and its transaction
 * is sent once (TransactionManager intent). Tail deletions or rewrites after the last anchoring are
 * what the interval leaves open (docs/audit.md).
 */
@Injectable()
export class AuditAnchorLoop extends PeriodicTask {
  protected readonly logger = new Logger(AuditAnchorLoop.name);

  constructor(
    private readonly config: AppConfig,
    private readonly anchors: AuditAnchorService,
  ) {
    super();
  }

  override onApplicationBootstrap(): void {
    if (this.config.audit.anchorIntervalMs > 0) super.onApplicationBootstrap();
  }

  protected intervalMs(): number {
    return this.config.audit.anchorIntervalMs;
  }

  protected async runOnce(): Promise<string | null> {
    const pass = await this.anchors.anchorHeads();
    return pass.anchored.length > 0 ? `Anchored the heads of audit chains ${pass.anchored.join(', ')}` : null;
  }
}
