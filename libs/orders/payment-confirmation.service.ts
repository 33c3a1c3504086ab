import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, type AuditEntry, type StatusEvent } from '@rwa/audit';
import { actorName, assertTransition, numericToScaled, NAV_DECIMALS, TtlCache, type Actor } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import type { EventInput } from '@rwa/events';
import { hydrate, SqlStatement } from '@rwa/database';
import { FundsService, FundStatus, type FundEntity } from '@rwa/funds';
import { InvestorsService } from '@rwa/investors';
import { KytService } from '@rwa/kyt';
import { WalletsService, type WalletEntity } from '@rwa/wallets';
import { IdempotencyService, type StoredResponse } from '@rwa/idempotency';
import { currentRequestId } from '@rwa/logging';
import { JobName, OutboxService } from '@rwa/queue';
import type { OrderResponseDto, PaymentConfirmationRequestDto } from './dtos/order.dto.js';
import { GroupCommit, HOT_PATH_GROUPS } from './group-commit.js';
import { mintingStep } from './minting-step.js';
import { OrderEvents, orderEvent } from './order-events.js';
import { OrderEntity, OrderStatus, OrderType, stateMachineOf } from './order.entity.js';
import { investorOf, movementScreening, type MovementState } from './movement-screening.js';
import { fundRefusal, hasHolderLimits } from './order-rules.js';
import { OrdersService } from './orders.service.js';
import { investorRefusal } from './subscription-terms.js';

interface PreparedConfirmation {
  order: OrderEntity;
  fund: FundEntity;
  /** The NAV the order was priced at, as read: the statement moves the order only while it still prices it. */
  nav: string;
  navAsOf: string;
  /** The wallet and investor as screened: the statement moves the order only while they still pass. */
  state: MovementState;
  at: Date;
  organizationId: string;
  idempotency: { key: string; requestHash: string } | undefined;
  response: StoredResponse;
  audit: (AuditEntry & { at: Date })[];
  events: EventInput[];
  /** The request's id, for the mint intent (the grouped statement runs in another request's context). */
  requestId: string | null;
}

/**
 * POST /v1/orders/{id}/payment-confirmation. The common case, a subscription AWAITING_PAYMENT whose
 * dealing day has its NAV (FundsService.navRowSql: for a FORWARD fund the NAV of that very day),
 * whose wallet and investor pass the screening of a step that moves value (movementScreening,
 * investorRefusal) and whose fund has no holder caps, takes one read and one statement that moves
 * it to MINTING with its reference, mint intent, audit rows, payment reference and idempotency
 * record, under the guards that it is still AWAITING_PAYMENT, still priced by the same NAV, its
 * wallet, investor and fund rules unchanged and the reference unused (its insert fails the
 * statement otherwise). Confirmations arriving together share a statement (GroupCommit). Anything
 * else (a NAV not published yet, a hit, a refusal, a capped fund, a key seen before, a guard that
 * failed) runs the full path (OrdersService.confirmPayments), which gives the exact answer or error.
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
    private readonly investors: InvestorsService,
    private readonly wallets: WalletsService,
    private readonly kyt: KytService,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly orderEvents: OrderEvents,
  ) {
    // The fund's currency and unit decimals never change; its rules may, and the statement checks their version.
    this.fundCache = new TtlCache(config.intake.cacheMs);
    this.group = new GroupCommit<PreparedConfirmation>({
      ...HOT_PATH_GROUPS,
      keysOf: (item) => [
        `order:${item.order.id}`,
        `ref:${item.organizationId}:${item.order.paymentReference}`,
        ...(item.idempotency ? [`key:${item.organizationId}:${item.idempotency.key}`] : []),
      ],
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
    // One named statement: the order, the NAV of its dealing day, its history, and what the step screens.
    const read = new SqlStatement();
    const [row] = await read.execute<
      Record<string, unknown> & {
        priced_as_of: string | null;
        priced_nav: string | null;
        status_history: StatusEvent[];
        wallet_state: MovementState['wallet'];
        investor_state: MovementState['investor'];
        blocklisted: boolean;
        reference_used: boolean;
      }
    >(
      this.dataSource,
      `SELECT o.*, p.as_of::text AS priced_as_of, p.nav::text AS priced_nav, ${this.audit.statusHistorySql(read, 'order', 'o.id')} AS status_history,
         ${this.wallets.stateSql('o.wallet_id')} AS wallet_state, ${this.investors.stateSql('o.investor_id')} AS investor_state,
         ${this.kyt.blocklistedSql('(SELECT address FROM wallets WHERE id = o.wallet_id)')} AS blocklisted,
         EXISTS (SELECT 1 FROM payment_references WHERE issuer_id = o.issuer_id AND reference = ${read.param(request.reference, 'varchar')}) AS reference_used
       FROM orders o LEFT JOIN LATERAL ${this.funds.navRowSql('o.fund_id', 'o.dealing_date', false)} p ON true
       WHERE o.id = ${read.param(orderId, 'uuid')} AND o.issuer_id = ${read.param(actor.organizationId, 'uuid')}`,
    );
    if (!row) return null;
    const order = hydrate(this.dataSource, OrderEntity, row);
    const nav = row.priced_nav;
    const navAsOf = row.priced_as_of;
    if (order.type !== OrderType.SUBSCRIPTION || order.status !== OrderStatus.AWAITING_PAYMENT || nav === null || navAsOf === null || row.reference_used) return null;
    const fund = await this.fundCache.get(order.fundId, async () => (await this.funds.findByIds([order.fundId])).get(order.fundId));
    if (!fund) return null;
    const now = new Date();
    const state: MovementState = { wallet: row.wallet_state, investor: row.investor_state, blocklisted: row.blocklisted };
    if (hasHolderLimits(fund) || movementScreening(state, now, false) || !state.investor) return null;
    if (fundRefusal(fund, order.type) && fund.status !== FundStatus.PAUSED) return null;
    if (investorRefusal(fund, investorOf(order, state.investor), now)) return null;
    const history = this.audit.statusHistoryFrom(row.status_history);

    const minting = mintingStep(order, fund, numericToScaled(nav, NAV_DECIMALS), navAsOf);
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
    const stepEvents = steps.map((step) => orderEvent(Object.assign(new OrderEntity(), confirmed, { status: step.to }), fund, now));
    return { order: confirmed, fund, nav, navAsOf, state, at: now, organizationId: actor.organizationId, idempotency, response: { statusCode: HttpStatus.OK, body }, audit, events: stepEvents, requestId: currentRequestId() };
  }

  /**
   * One statement for a group of confirmations (distinct orders, references and keys): `ok` keeps
   * those whose key is unused and whose wallet, investor and fund still pass, `moved` those of them
   * still AWAITING_PAYMENT at the same NAV (taking their order references and key-share locking
   * that NAV, which publishNav then cannot replace under them), and only those get their payment
   * reference, intent, audit rows and idempotency record. A reference or key recorded meanwhile by
   * another request fails the whole statement: nothing of it is written and every confirmation of
   * it takes the full path.
   */
  private async commit(items: PreparedConfirmation[]): Promise<ReadonlySet<PreparedConfirmation>> {
    const s = new SqlStatement();
    const guarded = items.map((item) => {
      const conditions = [
        this.investors.subscribableSql(s, investorOf(item.order, item.state.investor!), item.at),
        this.wallets.orderableSql(s, { id: item.order.walletId, investorId: item.order.investorId, distributorId: item.order.distributorId } as WalletEntity),
        `NOT ${this.kyt.blocklistedSql(s.param(item.state.wallet!.address, 'char(42)'))}`,
        `EXISTS (SELECT 1 FROM funds WHERE id = ${s.param(item.fund.id, 'uuid')} AND status IN ('ACTIVE', 'PAUSED') AND rules_version = ${s.param(item.fund.rulesVersion, 'int')})`,
        ...(item.idempotency ? [this.idempotency.unusedKeySql(s, item.organizationId, item.idempotency.key)] : []),
      ];
      return `SELECT ${s.param(item.order.id, 'uuid')} AS id WHERE ${conditions.join(' AND ')}`;
    });
    const updates = items.map(
      ({ order, organizationId, nav, navAsOf }) =>
        `(${s.param(order.id, 'uuid')}, ${s.param(organizationId, 'uuid')}, ${s.param(order.paymentReference, 'varchar')}, ${s.param(nav, 'numeric')}, ${s.param(navAsOf, 'date')}, ${s.param(order.units, 'numeric')}, ` +
        `${s.param(order.cashRemainder, 'numeric')}, ${s.param(this.funds.referenceSequenceName(order.fundId), 'text')}, ${s.param(order.updatedAt, 'timestamptz')})`,
    );
    const recorded = items.filter((item) => item.idempotency);
    const text = `WITH ok AS (${guarded.join(' UNION ALL ')}),
      moved AS (
        UPDATE orders o SET status = ${s.param(OrderStatus.MINTING, 'varchar')}, payment_reference = v.payment_reference, nav = v.nav, nav_as_of = v.nav_as_of, units = v.units,
          cash_remainder = v.cash_remainder, reference_seq = nextval(v.reference_sequence::regclass), updated_at = v.at
        FROM (VALUES ${updates.join(', ')}) AS v(id, issuer_id, payment_reference, nav, nav_as_of, units, cash_remainder, reference_sequence, at)
        WHERE o.id = v.id AND o.id IN (SELECT id FROM ok) AND o.issuer_id = v.issuer_id AND o.status = ${s.param(OrderStatus.AWAITING_PAYMENT, 'varchar')}
          AND (v.nav_as_of, v.nav) = ${this.funds.navRowSql('o.fund_id', 'o.dealing_date')}
        RETURNING o.id, o.issuer_id, o.payment_reference
      ),
      referenced AS (INSERT INTO payment_references (issuer_id, reference) SELECT issuer_id, payment_reference FROM moved),
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
      audited AS (${this.audit.insertSql(s, 'moved', items.flatMap((item) => item.audit))}),
      evented AS (${this.orderEvents.insertSql(s, 'moved', items.flatMap((item) => item.events))})
      SELECT id FROM moved`;
    const moved = new Set((await s.execute<{ id: string }>(this.dataSource, text)).map((row) => row.id));
    return new Set(items.filter((item) => moved.has(item.order.id)));
  }
}

