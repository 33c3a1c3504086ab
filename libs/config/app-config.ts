import type { Hex } from 'viem';

/** Hardhat's well-known development account #0: a default for the local chain only, never elsewhere. */
const LOCAL_CHAIN_ID = 31337;
/**
 * Default depth before a transaction's effect counts: one block on the local chain (it never
 * reorganises), twelve elsewhere (the common depth for a finality-free reorg margin on EVM chains).
 */
const LOCAL_CONFIRMATIONS = 1;
const REMOTE_CONFIRMATIONS = 12;
const LOCAL_DEV_SIGNER_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
/** Development secrets of the local chain only (like the signer key above): public, so never used elsewhere. */
const LOCAL_DEV_API_KEY_PEPPER = 'rwa-local-development-api-key-pepper-not-a-secret';
const LOCAL_DEV_AUDIT_SEAL_KEY = 'rwa-local-development-audit-seal-key-not-a-secret';
const LOCAL_DEV_WEBHOOK_SECRET_ENCRYPTION_KEY = 'rwa-local-development-webhook-secret-key-not-a-secret';
const DAY_MS = 86_400_000;
/** Shortest accepted server secret (API_KEY_PEPPER, AUDIT_SEAL_KEY): 32 characters. */
const MIN_SECRET_LENGTH = 32;

export type QueueBackend = 'redis' | 'postgres';

/**
 * The platform's configuration, parsed and validated once at start-up (style.md E9).
 * Nothing outside libs/config reads process.env.
 */
export class AppConfig {
  readonly http: { port: number };
  /** Timeouts set on every pooled connection (0: none): a statement, a lock wait, a transaction left idle. */
  readonly database: { url: string; statementTimeoutMs: number; lockTimeoutMs: number; idleInTransactionTimeoutMs: number };
  /** Idempotency records are honoured for `ttlSeconds`, then pruned every `pruneIntervalMs`. */
  readonly idempotency: { ttlSeconds: number; pruneIntervalMs: number };
  /** Requests per API key (or per client address without one) within `windowMs`; 0 turns the limit off. */
  readonly rateLimit: { limit: number; windowMs: number };
  readonly queue: { backend: QueueBackend; redisUrl: string; prefix: string; concurrency: number };
  readonly chain: {
    rpcUrl: string;
    chainId: number;
    confirmations: number;
    signerPrivateKey: Hex;
    receiptTimeoutMs: number;
    /** How often the worker's chain indexer looks for newly confirmed token events. */
    indexerIntervalMs: number;
    /** A transaction not mined after this long is replaced at the same nonce with higher fees. */
    replaceAfterMs: number;
    /** By how much each replacement raises both fee caps (nodes demand at least 10). */
    feeBumpPercent: number;
    /** How often the worker checks its signer's nonces for gaps and unsent transactions. */
    nonceGapCheckMs: number;
  };
  /** Mint intents ready within `mintWindowMs` of each other go out as one batchMint (0: one mint per order). */
  readonly batching: { mintWindowMs: number; mintMax: number };
  /**
   * Income: holders per distribution mint transaction; how often each DISTRIBUTING or ACTIVE fund is
   * reconciled (0: only on demand).
   */
  readonly income: { distributionMintBatch: number; reconciliationIntervalMs: number };
  /** Prometheus: the worker serves /metrics on this port (0: not served). The API serves GET /metrics. */
  readonly metrics: { workerPort: number };
  /**
   * `apiKeyPepper`: the server secret API key hashes are keyed with (HMAC-SHA256), kept outside the
   * database so a copy of the api_keys table alone does not allow guessing keys offline.
   */
  readonly auth: { platformAdminKey: string | undefined; apiKeyCacheMs: number; apiKeyPepper: string };
  readonly wallets: { challengeTtlSeconds: number; siweDomain: string; siweUri: string };
  readonly kyt: {
    blocklistRefreshMs: number;
    /** `rules`: the built-in rules only; `http`: the rules plus an external screening service. */
    provider: 'rules' | 'http';
    http: { url: string; apiKey: string; timeoutMs: number; retries: number; breakerFailures: number; breakerResetMs: number } | null;
    /** How often the worker re-screens subjects held because no provider answered. */
    rescreenIntervalMs: number;
  };
  /** How long the API keeps the fund, investor and wallet an order names (every use re-checks what may change). */
  readonly intake: { cacheMs: number };
  /**
   * `sealIntervalMs`: how often a worker seals newly committed audit rows into their hash chains.
   * `sealKey`: the HMAC key of the seals, kept outside the database (a database writer cannot
   * recompute a chain without it). `anchorIntervalMs`: how often a worker anchors the chains' heads
   * in the AuditAnchor contract (0: never).
   */
  readonly audit: { sealIntervalMs: number; sealKey: string; anchorIntervalMs: number };
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** This process's name in log lines and metrics (`npm start` sets api, worker-1, ...). */
  readonly processName: string;
  /**
   * How long finished operational records are kept before a worker prunes them: completed outbox
   * intents, BullMQ's records of completed jobs, expired or used wallet challenges. Business records
   * and the audit trail are never pruned.
   */
  readonly retention: { outboxHours: number; jobHours: number; challengeHours: number; intervalMs: number };
  /**
   * The event feed: events older than `retentionDays` are pruned by the retention job (with their
   * deliveries, once none is pending); the positioner gives committed events their feed position
   * every `positionIntervalMs`.
   */
  readonly events: { retentionDays: number; positionIntervalMs: number };
  /**
   * Webhook deliveries. `secretEncryptionKey`: the key the endpoints' signing secrets are encrypted
   * with at rest. `allowPrivateTargets`: private, loopback and link-local targets (and http) allowed,
   * for local receivers only. A delivery is retried with exponential backoff from `retry.baseMs` up
   * to `retry.maxMs` between attempts (with jitter) until `retry.windowMs` after it was first tried,
   * then FAILED; an endpoint failing for `disableAfterMs` is disabled.
   */
  readonly webhooks: {
    secretEncryptionKey: string;
    allowPrivateTargets: boolean;
    timeoutMs: number;
    retry: { baseMs: number; maxMs: number; windowMs: number };
    disableAfterMs: number;
    secretOverlapMs: number;
    dispatchIntervalMs: number;
    concurrency: number;
  };

  constructor(values: Omit<AppConfig, never>) {
    Object.assign(this, values);
  }
}

/** The Nest log levels at and above LOG_LEVEL, for the apps' loggers. */
export function logLevelsOf(config: AppConfig): ('error' | 'warn' | 'log' | 'debug')[] {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  return order.slice(0, order.indexOf(config.logLevel) + 1);
}

/** Raised at start-up with every problem found, so an operator fixes them in one go. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates the environment. Throws ConfigValidationError listing every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const chainId = read.int('CHAIN_ID', LOCAL_CHAIN_ID, 1);
  // Empty is unset, as for the other secrets (compose passes `${SIGNER_PRIVATE_KEY:-}`).
  const signerKey = env.SIGNER_PRIVATE_KEY || (chainId === LOCAL_CHAIN_ID ? LOCAL_DEV_SIGNER_KEY : undefined);
  if (signerKey === undefined) problems.push(`SIGNER_PRIVATE_KEY is required when CHAIN_ID is not ${LOCAL_CHAIN_ID}`);
  else if (!/^0x[0-9a-fA-F]{64}$/.test(signerKey)) problems.push('SIGNER_PRIVATE_KEY must be 0x followed by 64 hex digits');

  const backend = read.oneOf('QUEUE_BACKEND', ['redis', 'postgres'] as const, 'redis');
  const platformAdminKey = env.PLATFORM_ADMIN_KEY;
  if (platformAdminKey !== undefined && platformAdminKey.length < 24) problems.push('PLATFORM_ADMIN_KEY must be at least 24 characters');
  const port = read.int('PORT', 3000, 1, 65535);
  const apiKeyPepper = read.secret('API_KEY_PEPPER', chainId === LOCAL_CHAIN_ID ? LOCAL_DEV_API_KEY_PEPPER : undefined, MIN_SECRET_LENGTH, `when CHAIN_ID is not ${LOCAL_CHAIN_ID}`);
  const auditSealKey = read.secret('AUDIT_SEAL_KEY', chainId === LOCAL_CHAIN_ID ? LOCAL_DEV_AUDIT_SEAL_KEY : undefined, MIN_SECRET_LENGTH, `when CHAIN_ID is not ${LOCAL_CHAIN_ID}`);
  const webhookSecretKey = read.secret('WEBHOOK_SECRET_ENCRYPTION_KEY', chainId === LOCAL_CHAIN_ID ? LOCAL_DEV_WEBHOOK_SECRET_ENCRYPTION_KEY : undefined, MIN_SECRET_LENGTH, `when CHAIN_ID is not ${LOCAL_CHAIN_ID}`);
  const kytProvider = read.oneOf('KYT_PROVIDER', ['rules', 'http'] as const, 'rules');

  const config = new AppConfig({
    http: { port },
    database: {
      url: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/rwa', ['postgres:', 'postgresql:']),
      statementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
      lockTimeoutMs: read.int('DB_LOCK_TIMEOUT_MS', 10_000, 0, 3_600_000),
      idleInTransactionTimeoutMs: read.int('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 0, 3_600_000),
    },
    idempotency: {
      ttlSeconds: read.int('IDEMPOTENCY_TTL_SECONDS', 86_400, 60, 31_536_000),
      pruneIntervalMs: read.int('IDEMPOTENCY_PRUNE_INTERVAL_MS', 600_000, 1000, 86_400_000),
    },
    rateLimit: { limit: read.int('RATE_LIMIT_PER_KEY', 100_000, 0, 100_000_000), windowMs: read.int('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 3_600_000) },
    queue: {
      backend,
      redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
      prefix: read.pattern('QUEUE_PREFIX', 'rwa', /^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _'),
      concurrency: read.int('WORKER_CONCURRENCY', 16, 1, 1000),
    },
    chain: {
      rpcUrl: read.url('CHAIN_RPC_URL', 'http://127.0.0.1:8545', ['http:', 'https:', 'ws:', 'wss:']),
      chainId,
      confirmations: read.int('CONFIRMATIONS', chainId === LOCAL_CHAIN_ID ? LOCAL_CONFIRMATIONS : REMOTE_CONFIRMATIONS, 1, 1000),
      signerPrivateKey: (signerKey ?? '0x') as Hex,
      receiptTimeoutMs: read.int('CHAIN_RECEIPT_TIMEOUT_MS', 60_000, 1000),
      indexerIntervalMs: read.int('CHAIN_INDEXER_INTERVAL_MS', 1000, 50, 3_600_000),
      replaceAfterMs: read.int('CHAIN_REPLACE_AFTER_MS', 30_000, 100),
      feeBumpPercent: read.int('CHAIN_FEE_BUMP_PERCENT', 20, 10, 1000),
      nonceGapCheckMs: read.int('CHAIN_NONCE_GAP_CHECK_MS', 10_000, 100),
    },
    batching: { mintWindowMs: read.int('MINT_BATCH_WINDOW_MS', 50, 0, 10_000), mintMax: read.int('MINT_BATCH_MAX', 200, 1, 1000) },
    income: {
      distributionMintBatch: read.int('DISTRIBUTION_MINT_BATCH', 200, 1, 1000),
      reconciliationIntervalMs: read.int('RECONCILIATION_INTERVAL_MS', 86_400_000, 0, 31_536_000_000),
    },
    metrics: { workerPort: read.int('WORKER_METRICS_PORT', 0, 0, 65535) },
    auth: { platformAdminKey, apiKeyCacheMs: read.int('API_KEY_CACHE_MS', 30_000, 0), apiKeyPepper },
    wallets: {
      challengeTtlSeconds: read.int('WALLET_CHALLENGE_TTL_SECONDS', 600, 10, 86_400),
      siweDomain: env.SIWE_DOMAIN ?? `localhost:${port}`,
      siweUri: env.SIWE_URI ?? `http://localhost:${port}`,
    },
    kyt: {
      blocklistRefreshMs: read.int('KYT_BLOCKLIST_REFRESH_MS', 1000, 50, 3_600_000),
      provider: kytProvider,
      // Required only with KYT_PROVIDER=http (style.md E10).
      http:
        kytProvider === 'http'
          ? {
              url: read.url('KYT_HTTP_URL', '', ['http:', 'https:']),
              apiKey: read.required('KYT_HTTP_API_KEY', 'when KYT_PROVIDER=http'),
              timeoutMs: read.int('KYT_HTTP_TIMEOUT_MS', 2000, 50, 60_000),
              retries: read.int('KYT_HTTP_RETRIES', 2, 0, 10),
              breakerFailures: read.int('KYT_HTTP_BREAKER_FAILURES', 5, 1, 1000),
              breakerResetMs: read.int('KYT_HTTP_BREAKER_RESET_MS', 30_000, 100, 3_600_000),
            }
          : null,
      rescreenIntervalMs: read.int('KYT_RESCREEN_INTERVAL_MS', 30_000, 100, 86_400_000),
    },
    intake: { cacheMs: read.int('ORDER_INTAKE_CACHE_MS', 5000, 0, 3_600_000) },
    audit: {
      sealIntervalMs: read.int('AUDIT_SEAL_INTERVAL_MS', 500, 10, 60_000),
      sealKey: auditSealKey,
      anchorIntervalMs: read.int('AUDIT_ANCHOR_INTERVAL_MS', 60_000, 0, 86_400_000),
    },
    // `info` is accepted as the common name of Nest's `log` level.
    logLevel: ((level) => (level === 'info' ? 'log' : level))(read.oneOf('LOG_LEVEL', ['error', 'warn', 'info', 'log', 'debug'] as const, 'log')),
    processName: read.pattern('PROCESS_NAME', 'rwa', /^[\w.-]{1,64}$/, 'letters, digits, ., - and _ (at most 64)'),
    retention: {
      outboxHours: read.int('RETENTION_OUTBOX_HOURS', 168, 1, 87_600),
      jobHours: read.int('RETENTION_JOB_HOURS', 24, 1, 87_600),
      challengeHours: read.int('RETENTION_CHALLENGE_HOURS', 24, 1, 87_600),
      intervalMs: read.int('RETENTION_INTERVAL_MS', 600_000, 1000, 86_400_000),
    },
    events: {
      retentionDays: read.int('EVENT_RETENTION_DAYS', 90, 1, 36_500),
      positionIntervalMs: read.int('EVENT_POSITION_INTERVAL_MS', 50, 5, 60_000),
    },
    webhooks: {
      secretEncryptionKey: webhookSecretKey,
      allowPrivateTargets: read.bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      retry: {
        baseMs: read.int('WEBHOOK_RETRY_BASE_MS', 5000, 10, DAY_MS),
        maxMs: read.int('WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, DAY_MS),
        windowMs: read.int('WEBHOOK_RETRY_WINDOW_MS', DAY_MS, 1000, 30 * DAY_MS),
      },
      disableAfterMs: read.int('WEBHOOK_DISABLE_AFTER_MS', 5 * DAY_MS, 1000, 365 * DAY_MS),
      secretOverlapMs: read.int('WEBHOOK_SECRET_OVERLAP_MS', DAY_MS, 0, 30 * DAY_MS),
      dispatchIntervalMs: read.int('WEBHOOK_DISPATCH_INTERVAL_MS', 50, 5, 60_000),
      concurrency: read.int('WEBHOOK_CONCURRENCY', 200, 1, 1000),
    },
  });
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const raw = this.env[name] || fallback;
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol)) this.problems.push(`${name} must use ${protocols.join(' or ')}, got ${url.protocol}`);
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return raw;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'true' && raw !== 'false') {
      this.problems.push(`${name} must be true or false, got "${raw}"`);
      return fallback;
    }
    return raw === 'true';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  required(name: string, condition: string): string {
    const raw = this.env[name];
    if (raw === undefined || raw === '') {
      this.problems.push(`${name} is required ${condition}`);
      return '';
    }
    return raw;
  }

  /** A server secret: `fallback` (the local chain's) when unset, else required; at least `minLength` characters. */
  secret(name: string, fallback: string | undefined, minLength: number, condition: string): string {
    const raw = this.env[name];
    if (raw === undefined || raw === '') {
      if (fallback === undefined) this.problems.push(`${name} is required ${condition}`);
      return fallback ?? '';
    }
    if (raw.length < minLength) this.problems.push(`${name} must be at least ${minLength} characters`);
    return raw;
  }

  pattern(name: string, fallback: string, pattern: RegExp, description: string): string {
    const raw = this.env[name] || fallback;
    if (!pattern.test(raw)) this.problems.push(`${name} may contain only ${description}`);
    return raw;
  }
}
