/**
 * The event types of the contract ("Webhooks and the event feed"). The statuses are spelled out
 * here (libs/events depends on no domain module; a unit test checks them against the domains' enums).
 */
export const ORDER_EVENT_STATUSES = [
  'RECEIVED',
  'ON_HOLD',
  'REJECTED',
  'AWAITING_PAYMENT',
  'PAYMENT_CONFIRMED',
  'PRICING',
  'MINTING',
  'BURNING',
  'PAYOUT_PENDING',
  'SETTLED',
  'FAILED',
  'CANCELLED',
  'REFUND_PENDING',
  'REFUNDED',
] as const;
export const WALLET_EVENT_STATUSES = ['PENDING_SCREENING', 'PENDING_REVIEW', 'VERIFIED', 'REJECTED', 'REVOKED'] as const;
export const FUND_EVENT_STATUSES = ['PENDING_DEPLOYMENT', 'ACTIVE', 'PAUSED', 'CLOSED', 'FAILED'] as const;

export const EventType = {
  WALLET_FROZEN: 'wallet.frozen',
  WALLET_UNFROZEN: 'wallet.unfrozen',
  FUND_NAV_PUBLISHED: 'fund.nav_published',
  FUND_DISTRIBUTION_COMPLETED: 'fund.distribution_completed',
  KYT_ALERT_OPENED: 'kyt.alert_opened',
  KYT_ALERT_DECIDED: 'kyt.alert_decided',
  RECONCILIATION_BREAK: 'reconciliation.break',
  WEBHOOK_TEST: 'webhook.test',
  WEBHOOK_DISABLED: 'webhook.disabled',
} as const;

/** `order.settled` for SETTLED, and so on. */
export function statusEventType(subject: 'order' | 'wallet' | 'fund', status: string): string {
  return `${subject}.${status.toLowerCase()}`;
}

/** Every event type a subscription or the feed may name. */
export const EVENT_TYPES: readonly string[] = [
  ...ORDER_EVENT_STATUSES.map((status) => statusEventType('order', status)),
  ...WALLET_EVENT_STATUSES.map((status) => statusEventType('wallet', status)),
  ...FUND_EVENT_STATUSES.map((status) => statusEventType('fund', status)),
  ...Object.values(EventType),
];

/** The types only compliance officers receive. */
export const COMPLIANCE_EVENT_TYPES: readonly string[] = [EventType.KYT_ALERT_OPENED, EventType.KYT_ALERT_DECIDED];
