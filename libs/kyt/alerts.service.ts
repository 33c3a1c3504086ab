import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService, EventType } from '@rwa/events';
import { alertEvent } from './alert-events.js';
import { AuditService } from '@rwa/audit';
import { actorName, assertTransition, InputValidationException, personOf, SYSTEM_ACTOR, type Actor, type Page, type PageRequest } from '@rwa/common';
import { keysetPage } from '@rwa/database';
import type {
  AlertDecisionRequestDto,
  AlertListQueryDto,
  AlertResponseDto,
  ApproveAlertDecisionRequestDto,
  AssignAlertRequestDto,
  CommentAlertRequestDto,
  EscalateAlertRequestDto,
  SendBackAlertDecisionRequestDto,
} from './dtos/kyt.dto.js';
import type { AlertSubjectContextDto } from './dtos/alert-context.dto.js';
import { KytSubjectHandlers, type AlertOutcome } from './kyt-subject-handlers.js';
import { ALERT_STATE_MACHINE, AlertDecision, alertDueAt, AlertSeverity, AlertStatus, KytAlertEntity, RESOLUTION_CODES_BY_DECISION, ResolutionCode } from './kyt.entities.js';
import type { ScreeningResult } from './kyt.service.js';
import { KytErrorCode, KytException } from './kyt.exception.js';

/** Severities whose decision needs a second, different officer (four-eyes). */
const FOUR_EYES_SEVERITIES = new Set([AlertSeverity.HIGH, AlertSeverity.SEVERE]);

/**
 * Four-eyes: whether `actor` is the officer who proposed the alert's decision. The one rule
 * behind the approval's refusal and the `proposedByCaller` an officer is shown.
 */
function proposedBy(alert: KytAlertEntity, actor: Actor): boolean {
  // Two keys of one user are one person; a key without a user is a person of its own.
  return alert.decidedBy === personOf(actor);
}

/** The compliance officers' review of alerts, and the decisions that release or reject their subjects. */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly subjectHandlers: KytSubjectHandlers,
    private readonly events: EventsService,
  ) {}

  /** Oldest first, or (sort=dueAt) the one due soonest first; both keyset-paged. */
  async list(query: AlertListQueryDto, page: PageRequest, actor?: Actor): Promise<Page<AlertResponseDto>> {
    const builder = this.dataSource.getRepository(KytAlertEntity).createQueryBuilder('alert');
    if (query.status) builder.andWhere('alert.status = :status', { status: query.status });
    if (query.severity) builder.andWhere('alert.severity = :severity', { severity: query.severity });
    if (query.subjectType) builder.andWhere('alert.subject_type = :subjectType', { subjectType: query.subjectType });
    if (query.overdue !== undefined) {
      const overdue = "alert.due_at < now() AND alert.status NOT IN ('CLEARED', 'CONFIRMED')";
      builder.andWhere(query.overdue ? overdue : `NOT (${overdue})`);
    }
    return keysetPage(builder, page, (row) => this.map(row, [], actor), query.sort === 'dueAt' ? 'due_at' : 'created_at');
  }

  /** `actor`: the caller, told whether it proposed the decision waiting for approval. */
  async get(alertId: string, actor?: Actor): Promise<AlertResponseDto> {
    const alert = await this.find(this.dataSource.manager, alertId);
    return this.map(alert, await this.audit.statusHistory(this.dataSource.manager, 'kyt_alert', alert.id), actor);
  }

  /** The alert's subject as its owning modules describe it (wallet, investor, holdings, order, transfer...). */
  async context(alertId: string): Promise<AlertSubjectContextDto> {
    const alert = await this.find(this.dataSource.manager, alertId);
    const sections = await this.subjectHandlers.describe(this.dataSource.manager, alert.subjectType, alert.subjectId);
    return { alertId: alert.id, subjectType: alert.subjectType, subjectId: alert.subjectId, ...sections };
  }

  /** Takes the alert into review, by the caller or a named officer. */
  async assign(actor: Actor, alertId: string, request: AssignAlertRequestDto): Promise<AlertResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const alert = await this.findOpen(manager, alertId);
      const assignee = request.assignee ?? actorName(actor);
      const to = alert.status === AlertStatus.OPEN ? assertTransition(ALERT_STATE_MACHINE, alert.status, AlertStatus.IN_REVIEW) : alert.status;
      await manager.update(KytAlertEntity, { id: alert.id }, { assignee, status: to });
      await this.audit.record(manager, {
        entityType: 'kyt_alert',
        entityId: alert.id,
        action: 'assigned',
        fromStatus: alert.status,
        toStatus: to === alert.status ? null : to,
        actor: actorName(actor),
        data: { assignee },
      });
    });
    return this.get(alertId, actor);
  }

  async comment(actor: Actor, alertId: string, request: CommentAlertRequestDto): Promise<AlertResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const alert = await this.find(manager, alertId, true);
      const comment = { author: actorName(actor), text: request.text, at: new Date().toISOString() };
      await manager.update(KytAlertEntity, { id: alert.id }, { comments: [...alert.comments, comment] as never });
      await this.audit.record(manager, { entityType: 'kyt_alert', entityId: alert.id, action: 'commented', actor: actorName(actor), data: { text: request.text } });
    });
    return this.get(alertId, actor);
  }

  async escalate(actor: Actor, alertId: string, request: EscalateAlertRequestDto): Promise<AlertResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const alert = await this.findOpen(manager, alertId);
      const to = assertTransition(ALERT_STATE_MACHINE, alert.status, AlertStatus.ESCALATED);
      await manager.update(KytAlertEntity, { id: alert.id }, { status: to });
      await this.audit.record(manager, { entityType: 'kyt_alert', entityId: alert.id, action: 'escalated', fromStatus: alert.status, toStatus: to, actor: actorName(actor), reason: request.reason });
    });
    return this.get(alertId, actor);
  }

  /**
   * Decides an alert. LOW and MEDIUM decisions act at once; HIGH and SEVERE wait in
   * PENDING_APPROVAL for a second officer.
   */
  async decide(actor: Actor, alertId: string, request: AlertDecisionRequestDto): Promise<AlertResponseDto> {
    const resolutionCode = request.resolutionCode ?? ResolutionCode.OTHER;
    if (!RESOLUTION_CODES_BY_DECISION[request.decision].includes(resolutionCode)) {
      throw new InputValidationException([{ field: 'resolutionCode', message: `resolutionCode of a ${request.decision} must be one of ${RESOLUTION_CODES_BY_DECISION[request.decision].join(', ')}` }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const alert = await this.findOpen(manager, alertId);
      if (FOUR_EYES_SEVERITIES.has(alert.severity)) {
        const to = assertTransition(ALERT_STATE_MACHINE, alert.status, AlertStatus.PENDING_APPROVAL);
        // The person, not the key: the approval must come from someone else (personOf).
        await manager.update(KytAlertEntity, { id: alert.id }, { status: to, pendingDecision: request.decision, decidedBy: personOf(actor), decisionReason: request.reason, resolutionCode });
        await this.audit.record(manager, {
          entityType: 'kyt_alert',
          entityId: alert.id,
          action: 'decision-proposed',
          fromStatus: alert.status,
          toStatus: to,
          actor: actorName(actor),
          reason: request.reason,
          data: { decision: request.decision, resolutionCode },
        });
        return;
      }
      await this.close(manager, alert, request.decision, actorName(actor), request.reason, resolutionCode);
    });
    return this.get(alertId, actor);
  }

  /** The second officer's approval of a proposed HIGH or SEVERE decision. */
  async approve(actor: Actor, alertId: string, request: ApproveAlertDecisionRequestDto): Promise<AlertResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const alert = await this.findPendingApproval(manager, alertId);
      if (proposedBy(alert, actor)) {
        throw new KytException(KytErrorCode.FOUR_EYES_REQUIRED, 'The decision must be approved by another officer than the one who made it (another user, not another key of the same user)');
      }
      await this.close(manager, alert, alert.pendingDecision!, actorName(actor), request.comment ?? alert.decisionReason, alert.resolutionCode ?? ResolutionCode.OTHER);
    });
    return this.get(alertId, actor);
  }

  /**
   * Sends a proposed HIGH or SEVERE decision back to review instead of approving it: the alert
   * returns to IN_REVIEW without a pending decision, and the reason is in its history.
   */
  async sendBack(actor: Actor, alertId: string, request: SendBackAlertDecisionRequestDto): Promise<AlertResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const alert = await this.findPendingApproval(manager, alertId);
      const to = assertTransition(ALERT_STATE_MACHINE, alert.status, AlertStatus.IN_REVIEW);
      await manager.update(KytAlertEntity, { id: alert.id }, { status: to, pendingDecision: null, decidedBy: null, decisionReason: null, resolutionCode: null });
      await this.audit.record(manager, {
        entityType: 'kyt_alert',
        entityId: alert.id,
        action: 'decision-sent-back',
        fromStatus: alert.status,
        toStatus: to,
        actor: actorName(actor),
        reason: request.reason,
        data: { decision: alert.pendingDecision, resolutionCode: alert.resolutionCode, proposedBy: alert.decidedBy },
      });
    });
    return this.get(alertId, actor);
  }

  /**
   * Re-screening outcome of an alert raised because no provider answered: clean, the system
   * clears it (there never was a finding) and its subject is released; with findings, the alert
   * keeps its place in the queue with the real reasons, severity and due time.
   */
  async resolveRescreened(manager: EntityManager, alert: KytAlertEntity, screening: ScreeningResult): Promise<'released' | 'flagged'> {
    if (screening.clean) {
      await this.close(manager, alert, AlertDecision.CLEAR, SYSTEM_ACTOR, 'screened again: clean', ResolutionCode.RESCREENED_CLEAN);
      return 'released';
    }
    const severity = screening.severity ?? AlertSeverity.MEDIUM;
    await manager.update(KytAlertEntity, { id: alert.id }, { reasons: screening.reasons as never, severity, score: screening.score, dueAt: alertDueAt(severity, alert.createdAt) });
    await this.audit.record(manager, {
      entityType: 'kyt_alert',
      entityId: alert.id,
      action: 'rescreened',
      actor: SYSTEM_ACTOR,
      data: { severity, score: screening.score, reasons: screening.reasons.map((reason) => reason.code) },
    });
    return 'flagged';
  }

  private async close(manager: EntityManager, alert: KytAlertEntity, decision: AlertDecision, actor: string, reason: string | null, resolutionCode: ResolutionCode): Promise<void> {
    const outcome: AlertOutcome = decision === AlertDecision.CLEAR ? 'CLEARED' : 'CONFIRMED';
    const to = assertTransition(ALERT_STATE_MACHINE, alert.status, AlertStatus[outcome]);
    await manager.update(KytAlertEntity, { id: alert.id }, { status: to, pendingDecision: null, resolutionCode });
    await this.audit.record(manager, { entityType: 'kyt_alert', entityId: alert.id, action: 'decided', fromStatus: alert.status, toStatus: to, actor, reason, data: { decision, resolutionCode } });
    await this.events.emit(manager, alertEvent(EventType.KYT_ALERT_DECIDED, Object.assign(new KytAlertEntity(), alert, { status: to, pendingDecision: null, resolutionCode })));
    // The decision and its effect on the held subject commit together.
    await this.subjectHandlers.get(alert.subjectType)?.onAlertDecided(manager, alert.subjectId, outcome, actor);
  }

  /** An alert with a decision waiting for a second officer, locked. */
  private async findPendingApproval(manager: EntityManager, alertId: string): Promise<KytAlertEntity> {
    const alert = await this.find(manager, alertId, true);
    if (alert.status !== AlertStatus.PENDING_APPROVAL || !alert.pendingDecision) {
      throw new KytException(KytErrorCode.ALERT_NOT_PENDING_APPROVAL, `Alert ${alert.id} has no decision waiting for approval`);
    }
    return alert;
  }

  /** An alert still under review (not decided, not waiting for approval), locked. */
  private async findOpen(manager: EntityManager, alertId: string): Promise<KytAlertEntity> {
    const alert = await this.find(manager, alertId, true);
    if (ALERT_STATE_MACHINE.isTerminal(alert.status) || alert.status === AlertStatus.PENDING_APPROVAL) {
      throw new KytException(KytErrorCode.ALERT_CLOSED, `Alert ${alert.id} is ${alert.status} and takes no further review steps`);
    }
    return alert;
  }

  private async find(manager: EntityManager, alertId: string, lock = false): Promise<KytAlertEntity> {
    const alert = await manager.findOne(KytAlertEntity, { where: { id: alertId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!alert) throw new KytException(KytErrorCode.ALERT_NOT_FOUND, `Alert ${alertId} not found`);
    return alert;
  }

  private map(alert: KytAlertEntity, history: AlertResponseDto['history'], actor: Actor | undefined): AlertResponseDto {
    return {
      id: alert.id,
      severity: alert.severity,
      status: alert.status,
      subjectType: alert.subjectType,
      subjectId: alert.subjectId,
      reasons: alert.reasons,
      assignee: alert.assignee,
      pendingDecision: alert.pendingDecision,
      score: alert.score,
      dueAt: alert.dueAt.toISOString(),
      overdue: !ALERT_STATE_MACHINE.isTerminal(alert.status) && alert.dueAt.getTime() < Date.now(),
      resolutionCode: alert.resolutionCode,
      comments: alert.comments,
      history,
      createdAt: alert.createdAt.toISOString(),
      proposal:
        alert.status === AlertStatus.PENDING_APPROVAL && alert.pendingDecision && alert.decidedBy
          ? { decision: alert.pendingDecision, resolutionCode: alert.resolutionCode, reason: alert.decisionReason, proposedBy: alert.decidedBy, proposedByCaller: actor !== undefined && proposedBy(alert, actor) }
          : null,
    };
  }
}
