import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, type AuditEntry, type StatusEvent } from '@rwa/audit';
import { actorName, assertTransition, numericToScaled, NAV_DECIMALS, TtlCache, type Actor } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { hydrate, SqlStatement } from '@rwa/database';
import { FundsService, type FundEntity } from '@rwa/funds';
import { IdempotencyService, type StoredResponse } from '@rwa/idempotency';
import { currentRequestId } from '@rwa/logging';
import { JobName, OutboxService } from '@rwa/queue';
import type { OrderResponseDto, PaymentConfirmationRequestDto } from './dtos/order.dto.js';
import { GroupCommit, HOT_PATH_GROUPS } from './group-commit.js';
import { mintingStep } from './minting-step.js';
import { OrderEntity, OrderStatus, OrderType, stateMachineOf } from './order.entity.js';
import { OrdersService } from './orders.service.js';

interface PreparedConfirmation {
  order: OrderEntity;
  fund: FundEntity;
  /** The NAV the order was priced at, as read: the statement moves the order only while it still prices it. */
  nav: string;
  organizationId: string;
  idempotency: { key: string; requestHash: string } | undefined;
  response: StoredResponse;
  audit: (AuditEntry & { at: Date })[];
  /** The request's id, for the mint intent (the grouped statement runs in another request's context). */
  requestId: string | null;
}

/**
 * POST /v1/orders/{id}/payment-confirmation. The common case, a subscription AWAITING_PAYMENT whose
 * dealing day has a NAV, takes one read (the order with that NAV, and its history) and one
 * statement that moves it to MINTING with its reference, mint intent, audit rows and idempotency
 * record, under the guards that it is still AWAITING_PAYMENT and still priced by the same NAV.
 * Confirmations arriving together share a statement (GroupCommit). Anything else (a NAV not
 * published yet, an order in another state, a key seen before, a guard that failed) runs the full
 * path (OrdersService.confirmPayment), which gives the exact answer or error.
 */
@Injectable()
export class PaymentConfirmationService {
  private readonly fundCache: TtlCache<FundEntity | undefined>;
  private readonly group: GroupCommit<PreparedConfirmation>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
    private readonly orders: OrdersService,
    private readonly funds: FundsService,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {
    // A fund's currency and unit decimals, all pricing reads of it, never change.
    this.fundCache = new TtlCache(config.intake.cacheMs);
    this.group = new GroupCommit<PreparedConfirmation>({
      ...HOT_PATH_GROUPS,
      keysOf: (item) => [`order:${item.order.id}`, ...(item.idempotency ? [`key:${item.organizationId}:${item.idempotency.key}`] : [])],
      commit: (items) => this.commit(items),
    });
  }

  async confirm(actor: Actor, orderId: string, request: PaymentConfirmationRequestDto, idempotency?: { key: string; requestHash: string }): Promise<StoredResponse> {
    const prepared = await this.prepare(actor, orderId, request, idempotency);
    if (prepared && (await this.group.submit(prepared))) return prepared.response;
    if (!idempotency) return { statusCode: HttpStatus.OK, body: await this.orders.confirmPayment(actor, orderId, request) };
    // As the IdempotencyInterceptor does for every other POST: the key is claimed in the transaction the confirmation joins.
    return this.idempotency.claimed(actor.organizationId, idempotency.key, idempotency.requestHash, async () => ({
      statusCode: HttpStatus.OK,
      body: await this.orders.confirmPayment(actor, orderId, request),
    }));
  }

  /** The confirmation and its answer, ready for the statement; null when the full path must run. */
  private async prepare(actor: Actor, orderId: string, request: PaymentConfirmationRequestDto, idempotency: { key: string; requestHash: string } | undefined): Promise<PreparedConfirmation | null> {
    // One named statement: the order, the NAV of its dealing day and its history.
    const read = new SqlStatement();
    const [row] = await read.execute<Record<string, unknown> & { nav_for_date: string | null; status_history: StatusEvent[] }>(
      this.dataSource,
      `SELECT o.*, ${this.funds.navSql('o.fund_id', 'o.dealing_date')}::text AS nav_for_date, ${this.audit.statusHistorySql(read, 'order', 'o.id')} AS status_history
       FROM orders o WHERE o.id = ${read.param(orderId, 'uuid')} AND o.issuer_id = ${read.param(actor.organizationId, 'uuid')}`,
    );
    if (!row) return null;
    const order = hydrate(this.dataSource, OrderEntity, row);
    const nav = row.nav_for_date;
    if (order.type !== OrderType.SUBSCRIPTION || order.status !== OrderStatus.AWAITING_PAYMENT || nav === null) return null;
    const history = this.audit.statusHistoryFrom(row.status_history);
    const fund = await this.fundCache.get(order.fundId, async () => (await this.funds.findByIds([order.fundId])).get(order.fundId));
    if (!fund) return null;

    const now = new Date();
    const minting = mintingStep(order, fund, numericToScaled(nav, NAV_DECIMALS));
    const steps = [
      { to: OrderStatus.PAYMENT_CONFIRMED, reason: `payment ${request.reference}` },
      { to: OrderStatus.PRICING, reason: null },
      { to: minting.to, reason: minting.reason },
    ];
    const actorId = actorName(actor);
    const audit: PreparedConfirmation['audit'] = [];
    let from: OrderStatus = order.status;
    for (const step of steps) {
      assertTransition(stateMachineOf(order.type), from, step.to);
      audit.push({ entityType: 'order', entityId: order.id, action: 'status-changed', fromStatus: from, toStatus: step.to, actor: actorId, reason: step.reason, at: now });
      from = step.to;
    }
    const confirmed = Object.assign(new OrderEntity(), order, minting.changes, { status: OrderStatus.MINTING, paymentReference: request.reference, updatedAt: now });
    const events: Pick<StatusEvent, 'from' | 'to' | 'at' | 'reason'>[] = [...history, ...audit.map((entry) => ({ from: entry.fromStatus!, to: entry.toStatus!, at: now.toISOString(), reason: entry.reason ?? null }))];
    const body: OrderResponseDto = this.orders.map(confirmed, fund, events);
    return { order: confirmed, fund, nav, organizationId: actor.organizationId, idempotency, response: { statusCode: HttpStatus.OK, body }, audit, requestId: currentRequestId() };
  }

  /**
   * One statement for a group of confirmations (distinct orders and keys): `ok` keeps those whose
   * key is unused, `moved` those of them still AWAITING_PAYMENT at the same NAV (taking their order
   * references), and only those get their intent, audit rows and idempotency record. A key recorded
   * meanwhile by another request fails the whole statement: nothing of it is written and every
   * confirmation of it takes the full path.
   */
  private async commit(items: PreparedConfirmation[]): Promise<ReadonlySet<PreparedConfirmation>> {
    const s = new SqlStatement();
    const guarded = items.map(
      (item) => `SELECT ${s.param(item.order.id, 'uuid')} AS id${item.idempotency ? ` WHERE ${this.idempotency.unusedKeySql(s, item.organizationId, item.idempotency.key)}` : ''}`,
    );
    const updates = items.map(
      ({ order, organizationId, nav }) =>
        `(${s.param(order.id, 'uuid')}, ${s.param(organizationId, 'uuid')}, ${s.param(order.paymentReference, 'varchar')}, ${s.param(nav, 'numeric')}, ${s.param(order.units, 'numeric')}, ` +
        `${s.param(order.cashRemainder, 'numeric')}, ${s.param(this.funds.referenceSequenceName(order.fundId), 'text')}, ${s.param(order.updatedAt, 'timestamptz')})`,
    );
    const recorded = items.filter((item) => item.idempotency);
    const text = `WITH ok AS (${guarded.join(' UNION ALL ')}),
      moved AS (
        UPDATE orders o SET status = ${s.param(OrderStatus.MINTING, 'varchar')}, payment_reference = v.payment_reference, nav = v.nav, units = v.units,
          cash_remainder = v.cash_remainder, reference_seq = nextval(v.reference_sequence::regclass), updated_at = v.at
        FROM (VALUES ${updates.join(', ')}) AS v(id, issuer_id, payment_reference, nav, units, cash_remainder, reference_sequence, at)
        WHERE o.id = v.id AND o.id IN (SELECT id FROM ok) AND o.issuer_id = v.issuer_id AND o.status = ${s.param(OrderStatus.AWAITING_PAYMENT, 'varchar')}
          AND ${this.funds.navSql('o.fund_id', 'o.dealing_date')} = v.nav
        RETURNING o.id
      ),
      ${
        recorded.length > 0
          ? `recorded AS (${this.idempotency.insertSql(
              s,
              'moved',
              recorded.map((item) => ({ subjectId: item.order.id, organizationId: item.organizationId, key: item.idempotency!.key, requestHash: item.idempotency!.requestHash, response: item.response })),
              'fail',
            )}),`
          : ''
      }
      queued AS (${this.outbox.insertSql(s, 'moved', items.map((item) => ({ subjectId: item.order.id, requestId: item.requestId, job: { name: JobName.MINT_ORDER, data: { orderId: item.order.id } } })))}),
      audited AS (${this.audit.insertSql(s, 'moved', items.flatMap((item) => item.audit))})
      SELECT id FROM moved`;
    const moved = new Set((await s.execute<{ id: string }>(this.dataSource, text)).map((row) => row.id));
    return new Set(items.filter((item) => moved.has(item.order.id)));
  }
}
