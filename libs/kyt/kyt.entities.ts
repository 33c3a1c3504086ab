import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StateMachine } from '@rwa/common';

/** An address the platform must not deal with, and where that knowledge came from. */
@Entity('kyt_blocklist')
export class BlocklistEntryEntity {
  @PrimaryColumn('char')
  address: `0x${string}`;

  @Column('text')
  reason: string;

  @Column('varchar')
  source: string;

  @Column({ name: 'added_by', type: 'varchar' })
  addedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export enum AlertSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  SEVERE = 'SEVERE',
}

export enum AlertStatus {
  OPEN = 'OPEN',
  IN_REVIEW = 'IN_REVIEW',
  ESCALATED = 'ESCALATED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  CLEARED = 'CLEARED',
  CONFIRMED = 'CONFIRMED',
}

export const ALERT_STATE_MACHINE = new StateMachine<AlertStatus>('alert', {
  [AlertStatus.OPEN]: [AlertStatus.IN_REVIEW, AlertStatus.ESCALATED, AlertStatus.PENDING_APPROVAL, AlertStatus.CLEARED, AlertStatus.CONFIRMED],
  [AlertStatus.IN_REVIEW]: [AlertStatus.ESCALATED, AlertStatus.PENDING_APPROVAL, AlertStatus.CLEARED, AlertStatus.CONFIRMED],
  [AlertStatus.ESCALATED]: [AlertStatus.IN_REVIEW, AlertStatus.PENDING_APPROVAL, AlertStatus.CLEARED, AlertStatus.CONFIRMED],
  // Back to IN_REVIEW: the second officer sends the proposed decision back instead of approving it.
  [AlertStatus.PENDING_APPROVAL]: [AlertStatus.CLEARED, AlertStatus.CONFIRMED, AlertStatus.IN_REVIEW],
  [AlertStatus.CLEARED]: [],
  [AlertStatus.CONFIRMED]: [],
});

export enum AlertSubjectType {
  WALLET = 'WALLET',
  ORDER = 'ORDER',
  TRANSFER = 'TRANSFER',
  /** A break between the chain, the register and the platform's ledger (libs/income reconciliation). */
  RECONCILIATION = 'RECONCILIATION',
}

export enum AlertDecision {
  CLEAR = 'CLEAR',
  CONFIRM = 'CONFIRM',
}

/** Why an alert was closed, as a stable code for reporting; each fits one decision. */
export enum ResolutionCode {
  FALSE_POSITIVE = 'FALSE_POSITIVE',
  RISK_ACCEPTED = 'RISK_ACCEPTED',
  INFORMATION_PROVIDED = 'INFORMATION_PROVIDED',
  TRUE_MATCH = 'TRUE_MATCH',
  SUSPICIOUS_ACTIVITY = 'SUSPICIOUS_ACTIVITY',
  POLICY_BREACH = 'POLICY_BREACH',
  OTHER = 'OTHER',
  /** Closed by the system: a hold for an unavailable provider, screened again and found clean. */
  RESCREENED_CLEAN = 'RESCREENED_CLEAN',
}

export const RESOLUTION_CODES_BY_DECISION: Record<AlertDecision, readonly ResolutionCode[]> = {
  [AlertDecision.CLEAR]: [ResolutionCode.FALSE_POSITIVE, ResolutionCode.RISK_ACCEPTED, ResolutionCode.INFORMATION_PROVIDED, ResolutionCode.OTHER],
  [AlertDecision.CONFIRM]: [ResolutionCode.TRUE_MATCH, ResolutionCode.SUSPICIOUS_ACTIVITY, ResolutionCode.POLICY_BREACH, ResolutionCode.OTHER],
};

/** How long an alert may wait for its decision, by severity (service levels of the review desk). */
export const ALERT_DUE_HOURS: Record<AlertSeverity, number> = {
  [AlertSeverity.SEVERE]: 4,
  [AlertSeverity.HIGH]: 24,
  [AlertSeverity.MEDIUM]: 72,
  [AlertSeverity.LOW]: 168,
};

export function alertDueAt(severity: AlertSeverity, raisedAt: Date): Date {
  return new Date(raisedAt.getTime() + ALERT_DUE_HOURS[severity] * 3_600_000);
}

/** A screening reason with a stable code. */
export interface AlertReason {
  code: string;
  message: string;
}

export interface AlertComment {
  author: string;
  text: string;
  at: string;
}

/** A KYT alert: it holds its subject (wallet, order, transfer) until a compliance decision. */
@Entity('kyt_alerts')
export class KytAlertEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  severity: AlertSeverity;

  @Column({ type: 'varchar' })
  status: AlertStatus;

  @Column({ name: 'subject_type', type: 'varchar' })
  subjectType: AlertSubjectType;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column('jsonb')
  reasons: AlertReason[];

  /** The provider's risk score (0-100) when the alert was raised. */
  @Column('int')
  score: number;

  /** The decision must be taken by then; later, the alert is overdue. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'resolution_code', type: 'varchar', nullable: true })
  resolutionCode: ResolutionCode | null;

  @Column({ type: 'varchar', nullable: true })
  assignee: string | null;

  @Column({ name: 'pending_decision', type: 'varchar', nullable: true })
  pendingDecision: AlertDecision | null;

  @Column({ name: 'decided_by', type: 'varchar', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column('jsonb')
  comments: AlertComment[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
