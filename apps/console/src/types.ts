// The shapes of the public REST API that the console reads (api-contract.md, /docs-json). A
// hand-kept subset until the generated OpenAPI client lands; the field names are the contract's.

export type Role = 'ADMIN' | 'COMPLIANCE' | 'ISSUER' | 'DISTRIBUTOR';

export interface Me {
  organizationId: string;
  organizationType: string;
  role: Role;
  /** Present once keys belong to users (the people-and-keys addition of the contract). */
  userId?: string | null;
  userName?: string | null;
}

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

export interface Alert {
  id: string;
  severity: Severity;
  status: AlertStatus;
  subjectType: SubjectType;
  subjectId: string;
  reasons: { code: string; message: string }[];
  assignee: string | null;
  pendingDecision: Decision | null;
  score: number;
  dueAt: string;
  overdue: boolean;
  resolutionCode: string | null;
  comments: { author: string; text: string; at: string }[];
  history: StatusEvent[];
  createdAt: string;
  proposal: { decision: Decision; resolutionCode: string | null; reason: string | null; proposedBy: string; proposedByCaller: boolean } | null;
}

export interface Wallet {
  id: string;
  investorId: string;
  address: string;
  chainId: number;
  status: string;
  onchain: string;
  frozen: boolean;
  frozenUnits: string | null;
  freezeSync: 'SYNCED' | 'PENDING' | 'FAILED';
  createdAt: string;
}

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

export interface AlertContext {
  alertId: string;
  subjectType: SubjectType;
  subjectId: string;
  wallet?: Wallet;
  investor?: Investor;
  distributor?: { id: string; name: string };
  holdings?: { fundId: string; fundName: string; symbol: string; units: string }[];
  counterparties?: {
    address: string;
    fundId: string;
    sent: number;
    received: number;
    unitsSent: string;
    unitsReceived: string;
    lastBlock: string;
    investorId: string | null;
    blocklisted: boolean;
  }[];
  order?: {
    id: string;
    type: string;
    status: string;
    fundId: string;
    investorId: string;
    walletId: string;
    currency: string;
    amount: string | null;
    units: string | null;
    dealingDate: string | null;
    createdAt: string;
    events: StatusEvent[];
  };
  fund?: { id: string; name: string; symbol: string; currency: string; tokenAddress: string | null };
  transfer?: { id: string; fundId: string; txHash: string; logIndex: number; blockNumber: string; units: string; from: TransferParty; to: TransferParty };
}

export interface BlocklistEntry {
  address: string;
  reason: string;
  source: string;
  addedBy: string;
  createdAt: string;
}

export interface BlocklistImport {
  source: string;
  dryRun: boolean;
  evmAddresses: number;
  otherChainsSkipped: number;
  alreadyListed: number;
  added: number;
  entries: { address: string; reason: string; listed: boolean }[];
  entriesTruncated: boolean;
}

export const AUDIT_ENTITY_TYPES = ['kyt_alert', 'wallet', 'order', 'investor', 'fund', 'blocklist', 'organization', 'api_key', 'kyt_fund_rules'] as const;

export interface AuditEvent {
  seq: string;
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
  at: string;
  prevHash: string | null;
  hash: string | null;
}

export interface AuditVerification {
  valid: boolean;
  checkedRows: number;
  unsealedRows: number;
  firstBroken: { seq: string; problem: string } | null;
  verifiedAt: string;
}

/** An RFC 9457 problem details answer. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}
