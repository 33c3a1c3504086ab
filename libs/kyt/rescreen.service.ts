import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AlertsService } from './alerts.service.js';
import { KytSubjectHandlers } from './kyt-subject-handlers.js';
import { AlertStatus, KytAlertEntity, type AlertSubjectType } from './kyt.entities.js';
import { KytReasonCode } from './provider/kyt-provider.js';

export interface RescreenReport {
  checked: number;
  released: number;
  flagged: number;
  stillUnavailable: number;
}

const BATCH = 100;

/**
 * Screens again the subjects held because no provider answered (fail closed), once the provider
 * is back. Run periodically by the worker; several workers may run it (rows are claimed with
 * SKIP LOCKED, and each alert is handled in one transaction with its subject).
 */
@Injectable()
export class RescreenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly subjects: KytSubjectHandlers,
  ) {}

  async rescreenHeld(): Promise<RescreenReport> {
    const report: RescreenReport = { checked: 0, released: 0, flagged: 0, stillUnavailable: 0 };
    const candidates = (await this.dataSource.query(
      `SELECT id, subject_type AS "subjectType", subject_id AS "subjectId" FROM kyt_alerts WHERE status = $1 AND reasons @> $2::jsonb ORDER BY created_at LIMIT $3`,
      [AlertStatus.OPEN, JSON.stringify([{ code: KytReasonCode.SCREENING_UNAVAILABLE }]), BATCH],
    )) as { id: string; subjectType: AlertSubjectType; subjectId: string }[];
    for (const { id, subjectType, subjectId } of candidates) {
      const rescreen = this.subjects.get(subjectType)?.rescreen;
      if (!rescreen) continue;
      // The provider is asked before the transaction (no HTTP call under the locks below); the
      // subject's owner checks under its lock that the subject is still held.
      const prescreened = await rescreen.prescreen(subjectId);
      await this.dataSource.transaction(async (manager) => {
        const [alert] = await manager
          .createQueryBuilder(KytAlertEntity, 'alert')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('alert.id = :id AND alert.status = :open', { id, open: AlertStatus.OPEN })
          .getMany();
        if (!alert || !alert.reasons.some((reason) => reason.code === KytReasonCode.SCREENING_UNAVAILABLE)) return;
        const screening = await rescreen.screen(manager, alert.subjectId, prescreened as never);
        if (!screening) return;
        report.checked += 1;
        if (screening.unavailable) {
          report.stillUnavailable += 1;
          return;
        }
        report[await this.alerts.resolveRescreened(manager, alert, screening)] += 1;
      });
    }
    return report;
  }
}
