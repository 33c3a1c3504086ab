/** The platform's queues. */
export enum QueueName {
  CHAIN = 'chain',
}

/** Jobs of the chain queue: each turns one business intent into one on-chain effect. */
export enum JobName {
  DEPLOY_FUND = 'deploy-fund',
  REGISTER_WALLET = 'register-wallet',
  REMOVE_WALLET = 'remove-wallet',
  MINT_ORDER = 'mint-order',
  BURN_ORDER = 'burn-order',
  SYNC_WALLET_FREEZE = 'sync-wallet-freeze',
  SYNC_WALLET_IDENTITY = 'sync-wallet-identity',
  SYNC_FUND_RULES = 'sync-fund-rules',
  SYNC_FUND_LIFECYCLE = 'sync-fund-lifecycle',
  CONFIGURE_FUND_STABLECOIN = 'configure-fund-stablecoin',
  DISTRIBUTE_INCOME = 'distribute-income',
  RECONCILE_FUND = 'reconcile-fund',
  REQUEST_STABLECOIN_DEPOSIT = 'request-stablecoin-deposit',
  CANCEL_STABLECOIN_DEPOSIT = 'cancel-stablecoin-deposit',
}

/** Payloads carry ids only: the database row is the source of truth (style.md E15). */
export interface JobPayloads {
  [JobName.DEPLOY_FUND]: { fundId: string };
  [JobName.REGISTER_WALLET]: { walletId: string };
  [JobName.REMOVE_WALLET]: { walletId: string };
  [JobName.MINT_ORDER]: { orderId: string };
  [JobName.BURN_ORDER]: { orderId: string };
  /** Brings the wallet's freeze on chain to its state of `version` (each change is a new version). */
  [JobName.SYNC_WALLET_FREEZE]: { walletId: string; version: number };
  /** Brings the wallet's on-chain identity to its investor's registry version (at least `version`, a bigint as text). */
  [JobName.SYNC_WALLET_IDENTITY]: { walletId: string; version: string };
  /** Brings the token's compliance rules to the fund's rules of `version` (each PATCH of a rule is a new version). */
  [JobName.SYNC_FUND_RULES]: { fundId: string; version: number };
  /** Brings the token's pause state to the fund's lifecycle of `version` (each pause, resume or close is a new version). */
  [JobName.SYNC_FUND_LIFECYCLE]: { fundId: string; version: number };
  /** Brings the fund's settlement contract to its stablecoin settings of `version` (each PUT or DELETE is a new version). */
  [JobName.CONFIGURE_FUND_STABLECOIN]: { fundId: string; stablecoinId: string; version: number };
  /** Pays a distribution's holders of record (reinvested by batched mints, or recorded as cash payable). */
  [JobName.DISTRIBUTE_INCOME]: { distributionId: string };
  /** Compares the chain, the register and the platform's ledger of a fund at a block. */
  [JobName.RECONCILE_FUND]: { reconciliationId: string };
  /** Moves a FORWARD stablecoin subscription's payment into the settlement contract's escrow (scheduling its dealing day first). */
  [JobName.REQUEST_STABLECOIN_DEPOSIT]: { orderId: string };
  /** Refunds a cancelled FORWARD stablecoin subscription from escrow. */
  [JobName.CANCEL_STABLECOIN_DEPOSIT]: { orderId: string };
}

/**
 * What a job's data carries beside its payload (set by the outbox relay, never by a producer): the id
 * of the request that asked for the job, so the worker's log lines about it join the API's.
 */
export interface JobMeta {
  requestId?: string;
}

/** The job data the relay enqueues: the payload plus its meta (absent fields left out). */
export function withJobMeta(payload: Record<string, unknown>, meta: { requestId: string | null }): Record<string, unknown> {
  return meta.requestId === null ? payload : { ...payload, requestId: meta.requestId };
}

/** The meta part of a job's data. */
export function jobMetaOf(data: unknown): JobMeta {
  const requestId = (data as { requestId?: unknown } | null)?.requestId;
  return typeof requestId === 'string' ? { requestId } : {};
}

export type JobItem = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

/**
 * The deterministic job id of a business intent: enqueueing the same intent twice is a no-op.
 * BullMQ ids must not contain ':'.
 */
export function jobIdOf(job: JobItem): string {
  switch (job.name) {
    case JobName.DEPLOY_FUND:
      return `${job.name}-${job.data.fundId}`;
    case JobName.REGISTER_WALLET:
    case JobName.REMOVE_WALLET:
      return `${job.name}-${job.data.walletId}`;
    case JobName.MINT_ORDER:
    case JobName.BURN_ORDER:
    case JobName.REQUEST_STABLECOIN_DEPOSIT:
    case JobName.CANCEL_STABLECOIN_DEPOSIT:
      return `${job.name}-${job.data.orderId}`;
    case JobName.SYNC_WALLET_FREEZE:
      return `${job.name}-${job.data.walletId}-${job.data.version}`;
    case JobName.SYNC_WALLET_IDENTITY:
      return `${job.name}-${job.data.walletId}-v${job.data.version}`;
    case JobName.SYNC_FUND_RULES:
    case JobName.SYNC_FUND_LIFECYCLE:
      return `${job.name}-${job.data.fundId}-${job.data.version}`;
    case JobName.CONFIGURE_FUND_STABLECOIN:
      return `${job.name}-${job.data.fundId}-${job.data.stablecoinId}-${job.data.version}`;
    case JobName.DISTRIBUTE_INCOME:
      return `${job.name}-${job.data.distributionId}`;
    case JobName.RECONCILE_FUND:
      return `${job.name}-${job.data.reconciliationId}`;
  }
}

/** Attempts with exponential backoff; the outbox relay re-enqueues whatever still lacks an outcome. */
export const CHAIN_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000 },
  removeOnFail: true,
} as const;
