import type { EventInput } from '@rwa/events';
import type { KytAlertEntity } from './kyt.entities.js';

/**
 * A KYT alert event (`kyt.alert_opened`, `kyt.alert_decided`): the alert as the API shows it
 * (without its comments and history), to the compliance officers only.
 */
export function alertEvent(type: string, alert: KytAlertEntity): EventInput {
  return {
    type,
    subject: { type: 'kyt_alert', id: alert.id },
    data: {
      id: alert.id,
      severity: alert.severity,
      status: alert.status,
      subjectType: alert.subjectType,
      subjectId: alert.subjectId,
      reasons: alert.reasons,
      assignee: alert.assignee,
      score: alert.score,
      dueAt: new Date(alert.dueAt).toISOString(),
      resolutionCode: alert.resolutionCode,
      createdAt: new Date(alert.createdAt).toISOString(),
    },
    audience: { compliance: true },
  };
}
