import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { assertTransition, SYSTEM_ACTOR } from '@rwa/common';
import { PlatformMetrics } from '@rwa/metrics';
import { OutboxService, type JobItem } from '@rwa/queue';
import { OrderEvents } from './order-events.js';
import { OrderEntity, OrderStatus, stateMachineOf } from './order.entity.js';

/** The outcome of one order's on-chain step, to be recorded with its audit row and its job's completion. */
export interface StepOutcome {
  orderId: string;
  job: JobItem;
  /** The status the order waited in; an order found in another status was already moved on. */
  waitingIn: OrderStatus;
  to: OrderStatus;
  reason: string;
  txHash?: string;
  failureCode?: string | null;
}

interface Pending {
  outcome: StepOutcome;
  resolve(): void;
  reject(error: unknown): void;
}

/** Most outcomes in one transaction: it holds their orders' row locks to the commit. */
const MAX_PER_TRANSACTION = 100;

/**
 * Records the outcomes of on-chain steps. Every job of a mint batch resumes in the same turn of the
 * event loop when the batch's transaction is confirmed; recording each in a transaction of its own
 * made the worker, not the chain, the limit (a lock, an update, an audit row and an outbox update per
 * order, each waiting for a pooled connection). Outcomes handed in during one turn are therefore
 * written together: the orders locked (in id order, so concurrent writers cannot deadlock), each
 * transition checked against the state machine, one UPDATE, one audit row per order (in the same
 * transaction as the change) and one outbox statement. A failure fails every outcome of that
 * transaction; their jobs retry, and each step is idempotent.
 */
@Injectable()
export class SettlementCommitter {
  private pending: Pending[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly orderEvents: OrderEvents,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  /** Resolves once the outcome is committed (or found already recorded by another job). */
  commit(outcome: StepOutcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ outcome, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const taken = this.pending;
    this.pending = [];
    for (let start = 0; start < taken.length; start += MAX_PER_TRANSACTION) {
      const chunk = taken.slice(start, start + MAX_PER_TRANSACTION);
      try {
        const settledAfter = await this.dataSource.transaction((manager) => this.write(manager, chunk.map((entry) => entry.outcome)));
        for (const entry of chunk) entry.resolve();
        for (const seconds of settledAfter) this.metrics?.settlementLatency.observe(seconds);
      } catch (error) {
        for (const entry of chunk) entry.reject(error);
      }
    }
  }

  /** Writes the outcomes; returns, per order settled, the seconds since its payment was confirmed. */
  private async write(manager: EntityManager, outcomes: StepOutcome[]): Promise<number[]> {
    const ids = [...new Set(outcomes.map((outcome) => outcome.orderId))];
    const locked = await manager.find(OrderEntity, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const byId = new Map(locked.map((order) => [order.id, order]));
    const applied: { order: OrderEntity; outcome: StepOutcome; paymentConfirmedAt: Date }[] = [];
    for (const outcome of outcomes) {
      const order = byId.get(outcome.orderId);
      // Gone or already moved on (another job of the same order, here or in another worker): only
      // the job's completion is left to record.
      if (!order || order.status !== outcome.waitingIn) continue;
      assertTransition(stateMachineOf(order.type), order.status, outcome.to);
      // A subscription enters MINTING in the transaction that confirms its payment and nothing
      // touches it until it settles: its updatedAt is the payment confirmation time.
      applied.push({ order, outcome, paymentConfirmedAt: order.updatedAt });
      order.status = outcome.to;
    }
    await this.outbox.completeMany(manager, outcomes.map((outcome) => outcome.job));
    if (applied.length > 0) {
      await manager.query(
        `UPDATE orders o SET status = u.status, tx_hash = coalesce(u.tx_hash, o.tx_hash), failure_code = coalesce(u.failure_code, o.failure_code), updated_at = now()
         FROM unnest($1::uuid[], $2::varchar[], $3::char(66)[], $4::varchar[]) AS u(id, status, tx_hash, failure_code)
         WHERE o.id = u.id`,
        [
          applied.map(({ order }) => order.id),
          applied.map(({ outcome }) => outcome.to),
          applied.map(({ outcome }) => outcome.txHash ?? null),
          applied.map(({ outcome }) => outcome.failureCode ?? null),
        ],
      );
      await this.audit.recordMany(
        manager,
        applied.map(({ order, outcome }) => ({
          entityType: 'order' as const,
          entityId: order.id,
          action: 'status-changed',
          fromStatus: outcome.waitingIn,
          toStatus: outcome.to,
          actor: SYSTEM_ACTOR,
          reason: outcome.reason,
        })),
      );
      for (const { order, outcome } of applied) Object.assign(order, { txHash: outcome.txHash ?? order.txHash, failureCode: outcome.failureCode ?? order.failureCode });
      await this.orderEvents.emit(
        manager,
        applied.map(({ order }) => order),
      );
    }
    const now = Date.now();
    return applied.filter(({ outcome }) => outcome.to === OrderStatus.SETTLED).map(({ paymentConfirmedAt }) => (now - paymentConfirmedAt.getTime()) / 1000);
  }
}
