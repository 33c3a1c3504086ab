import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why a transaction was replaced at its nonce. */
export type ReplacementReason = 'timeout' | 'underpriced';

/**
 * The platform's Prometheus metrics, one registry per process. The API serves them at
 * `GET /metrics`; the worker on its own metrics port (see README "Metrics").
 */
export class PlatformMetrics {
  readonly registry = new Registry();

  /** Transactions signed and broadcast for the first time. */
  readonly transactionsSubmitted = new Counter({
    name: 'rwa_chain_transactions_submitted_total',
    help: 'Transactions signed and broadcast for the first time',
    registers: [this.registry],
  });
  readonly transactionsConfirmed = new Counter({
    name: 'rwa_chain_transactions_confirmed_total',
    help: 'Transactions that reached the configured number of confirmations',
    registers: [this.registry],
  });
  readonly transactionsReplaced = new Counter({
    name: 'rwa_chain_transactions_replaced_total',
    help: 'Transactions replaced at the same nonce with higher fees',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly transactionsFailed = new Counter({
    name: 'rwa_chain_transactions_failed_total',
    help: 'Transactions that failed permanently (reverted)',
    registers: [this.registry],
  });
  readonly transactionsReorged = new Counter({
    name: 'rwa_chain_transactions_reorged_total',
    help: 'Mined transactions whose receipt disappeared (reorg) and that were sent again',
    registers: [this.registry],
  });
  readonly nonceGapsFilled = new Counter({
    name: 'rwa_chain_nonce_gaps_filled_total',
    help: 'Unused nonces filled with a no-op transaction so later ones are not blocked',
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'rwa_queue_depth',
    help: 'Jobs per queue and state (waiting, active, delayed, failed) and outbox intents not yet completed',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  readonly settlementLatency = new Histogram({
    name: 'rwa_order_settlement_seconds',
    help: 'From payment confirmation to SETTLED (subscriptions)',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'rwa_' });
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
