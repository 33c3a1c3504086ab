import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why a transaction was replaced at its nonce. */
export type ReplacementReason = 'timeout' | 'underpriced';

/** Which kind of process a registry describes: each shows only what it can count. */
export type MetricsRole = 'api' | 'worker';

/** Circuit breaker states as a gauge value. */
export const BREAKER_STATE_VALUE = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 } as const;

/**
 * The platform's Prometheus metrics, one registry per process. The API serves them at
 * `GET /metrics`, each worker on its metrics port (docs/operations.md lists them all). A metric is
 * registered only in the processes that change it: the API's answer has no chain counters (only
 * workers send transactions), a worker's has no HTTP metrics. Every field exists in every process
 * so that shared code can count unconditionally; what a process does not register is not shown.
 * Node's default process metrics keep their standard names (no prefix), as stock dashboards expect.
 */
export class PlatformMetrics {
  readonly registry = new Registry();

  // --- HTTP (API)
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  // --- chain (workers)
  /** Transactions signed and broadcast for the first time. */
  readonly transactionsSubmitted: Counter;
  readonly transactionsConfirmed: Counter;
  readonly transactionsReplaced: Counter<'reason'>;
  readonly transactionsFailed: Counter;
  readonly transactionsReorged: Counter;
  readonly nonceGapsFilled: Counter;
  readonly settlementLatency: Histogram;

  // --- queues and jobs (workers)
  readonly queueDepth: Gauge<'queue' | 'state'>;
  readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  readonly jobFailures: Counter<'queue' | 'job' | 'kind'>;
  readonly recordsPruned: Counter<'table'>;

  // --- KYT provider (both: the API screens orders and wallets, workers re-screen)
  readonly kytProviderCalls: Counter<'endpoint' | 'outcome'>;
  readonly kytProviderCallDuration: Histogram<'endpoint'>;
  readonly kytBreakerState: Gauge;
  private readonly breakerStates: (() => keyof typeof BREAKER_STATE_VALUE)[] = [];

  constructor(options: { role: MetricsRole; defaultMetrics?: boolean }) {
    const api = options.role === 'api' ? [this.registry] : [];
    const worker = options.role === 'worker' ? [this.registry] : [];
    const both = [this.registry];

    this.httpRequests = new Counter({ name: 'rwa_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers: api });
    this.httpRequestDuration = new Histogram({
      name: 'rwa_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: api,
    });

    this.transactionsSubmitted = new Counter({ name: 'rwa_chain_transactions_submitted_total', help: 'Transactions signed and broadcast for the first time', registers: worker });
    this.transactionsConfirmed = new Counter({ name: 'rwa_chain_transactions_confirmed_total', help: 'Transactions that reached the configured number of confirmations', registers: worker });
    this.transactionsReplaced = new Counter({ name: 'rwa_chain_transactions_replaced_total', help: 'Transactions replaced at the same nonce with higher fees', labelNames: ['reason'], registers: worker });
    this.transactionsFailed = new Counter({ name: 'rwa_chain_transactions_failed_total', help: 'Transactions that failed permanently (reverted)', registers: worker });
    this.transactionsReorged = new Counter({ name: 'rwa_chain_transactions_reorged_total', help: 'Mined transactions whose receipt disappeared (reorg) and that were sent again', registers: worker });
    this.nonceGapsFilled = new Counter({ name: 'rwa_chain_nonce_gaps_filled_total', help: 'Unused nonces filled with a no-op transaction so later ones are not blocked', registers: worker });
    this.settlementLatency = new Histogram({
      name: 'rwa_order_settlement_seconds',
      help: 'From payment confirmation to SETTLED (subscriptions)',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
      registers: worker,
    });

    this.queueDepth = new Gauge({ name: 'rwa_queue_depth', help: 'Jobs per queue and state (waiting, active, delayed, failed) and outbox intents not yet completed', labelNames: ['queue', 'state'], registers: worker });
    this.jobDuration = new Histogram({
      name: 'rwa_job_duration_seconds',
      help: 'Time one attempt of a job took, by job name and outcome (completed, failed)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: worker,
    });
    this.jobFailures = new Counter({
      name: 'rwa_job_failures_total',
      help: 'Failed job attempts by job name; kind "retry" will be tried again, "permanent" will not',
      labelNames: ['queue', 'job', 'kind'],
      registers: worker,
    });
    this.recordsPruned = new Counter({ name: 'rwa_retention_pruned_total', help: 'Operational records deleted after their retention, by table', labelNames: ['table'], registers: worker });

    this.kytProviderCalls = new Counter({
      name: 'rwa_kyt_provider_calls_total',
      help: 'Calls to the external KYT screening service by endpoint and outcome (ok, error, circuit_open)',
      labelNames: ['endpoint', 'outcome'],
      registers: both,
    });
    this.kytProviderCallDuration = new Histogram({
      name: 'rwa_kyt_provider_call_seconds',
      help: 'Time one call to the external KYT screening service took',
      labelNames: ['endpoint'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: both,
    });
    const states = this.breakerStates;
    this.kytBreakerState = new Gauge({
      name: 'rwa_kyt_provider_breaker_state',
      help: 'Circuit breaker of the external KYT screening service: 0 closed, 1 half-open, 2 open (absent without an external provider)',
      registers: both,
      collect() {
        if (states.length > 0) this.set(Math.max(...states.map((state) => BREAKER_STATE_VALUE[state()])));
      },
    });

    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** One answered HTTP request. */
  observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpRequestDuration.observe(labels, seconds);
  }

  /** Reports a circuit breaker's state at every scrape. */
  watchKytBreaker(state: () => keyof typeof BREAKER_STATE_VALUE): void {
    this.breakerStates.push(state);
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
