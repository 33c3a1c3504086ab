// The shapes of the public REST API that the console reads: the types generated from openapi.json
// (clients/typescript, `npm run openapi`), under the console's names; a few constants of its own.
import type { components } from '../../../clients/typescript/schema';

type Schemas = components['schemas'];

export type Role = 'ADMIN' | 'COMPLIANCE' | 'ISSUER' | 'DISTRIBUTOR';

export type Me = Schemas['MeResponseDto'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'SEVERE'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATUSES = ['OPEN', 'IN_REVIEW', 'ESCALATED', 'PENDING_APPROVAL', 'CLEARED', 'CONFIRMED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const SUBJECT_TYPES = ['WALLET', 'ORDER', 'TRANSFER'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export type Decision = 'CLEAR' | 'CONFIRM';

/** The resolution codes each decision takes (the API says the same in its 400 when they do not fit). */
export const RESOLUTION_CODES: Record<Decision, readonly string[]> = {
  CLEAR: ['FALSE_POSITIVE', 'RISK_ACCEPTED', 'INFORMATION_PROVIDED', 'OTHER'],
  CONFIRM: ['TRUE_MATCH', 'SUSPICIOUS_ACTIVITY', 'POLICY_BREACH', 'OTHER'],
};

export interface StatusEvent {
  from: string | null;
  to: string | null;
  at: string;
  reason: string | null;
  actor?: string;
}

export type Alert = Schemas['AlertResponseDto'];

export type Wallet = Schemas['WalletResponseDto'];

export interface Investor {
  id: string;
  externalRef: string;
  type: string;
  jurisdiction: string;
  investorClass: string;
  kycStatus: string;
  kycExpiresAt: string | null;
}

export interface TransferParty {
  address: string;
  walletId: string | null;
  investorId: string | null;
  blocklisted: boolean;
}

export type AlertContext = Schemas['AlertSubjectContextDto'];

export type BlocklistEntry = Schemas['BlocklistEntryResponseDto'];

export type BlocklistImport = Schemas['BlocklistImportResponseDto'];

export const AUDIT_ENTITY_TYPES = ['kyt_alert', 'wallet', 'order', 'investor', 'fund', 'blocklist', 'organization', 'api_key', 'kyt_fund_rules'] as const;

export type AuditEvent = Schemas['AuditEventDto'];

export type AuditVerification = Schemas['AuditVerificationDto'];

/** An RFC 9457 problem details answer (or one the console makes of a network failure, without type or code). */
export type Problem = Partial<Schemas['ProblemDetailsDto']> & { status: number };
