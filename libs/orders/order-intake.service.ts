import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, type AuditEntry } from '@rwa/audit';
import { actorName, currencyDecimals, numericToScaled, TtlCache, type Actor } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import type { EventInput } from '@rwa/events';
import { SqlStatement } from '@rwa/database';
import { dealingScheduleFor, FundsService, type BusinessCalendar, type FundEntity } from '@rwa/funds';
import { IdempotencyService, type StoredResponse } from '@rwa/idempotency';
import { InvestorsService, type InvestorEntity } from '@rwa/investors';
import { investorScreeningLockSql, InlineOrderScreeningService, type InlineOrderScreening } from '@rwa/kyt';
import { WalletsService, WalletStatus, type WalletEntity } from '@rwa/wallets';
import type { CreateOrderRequestDto, OrderResponseDto } from './dtos/order.dto.js';
import { GroupCommit, HOT_PATH_GROUPS } from './group-commit.js';
import { newOrder } from './new-order.js';
import { OrderEvents, orderEvent } from './order-events.js';
import { OrderEntity, OrderStatus, OrderType } from './order.entity.js';
import { OrdersService } from './orders.service.js';
import { estimatedUnits, fundRefusal, hasHolderLimits, holderLimitsSql } from './order-rules.js';
import { subscriptionTerms } from './subscription-terms.js';

interface PreparedSubscription {
  order: OrderEntity;
  fund: FundEntity;
  investor: InvestorEntity;
  wallet: WalletEntity;
  calendar: BusinessCalendar;
  /** Units the order is estimated to buy, for the fund's holder caps (when it has any). */
  estimatedUnits: bigint;
  screening: InlineOrderScreening;
  key: string;
  requestHash: string;
  response: StoredResponse;
  audit: AuditEntry[];
  events: EventInput[];
  at: Date;
}

/**
 * POST /v1/orders, once per Idempotency-Key. The common case, a clean subscription, commits in one
 * statement (one round trip): the idempotency record, the order, its KYT screening record and its
 * audit rows, guarded by the conditions that may have changed since the fund, investor and wallet
 * were read (they are cached for ORDER_INTAKE_CACHE_MS). Subscriptions arriving while earlier
 * statements run share the next one (GroupCommit); each keeps its own guards and answer. When a guard fails, the key was seen
 * before, or the order needs more than that (a redemption, a KYT finding, a rule error), the full
 * path runs in a transaction of its own and gives the exact answer: the fast path never decides
 * anything the full path would decide differently.
 */
@Injectable()
export class OrderIntakeService {
  private readonly fundCache: TtlCache<FundEntity>;
  private readonly investorCache: TtlCache<InvestorEntity>;
  private readonly walletCache: TtlCache<WalletEntity>;
  private readonly group: GroupCommit<PreparedSubscription>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
    private readonly orders: OrdersService,
    private readonly funds: FundsService,
    private readonly investors: InvestorsService,
    private readonly wallets: WalletsService,
    private readonly screening: InlineOrderScreeningService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly orderEvents: OrderEvents,
  ) {
    this.fundCache = new TtlCache(config.intake.cacheMs);
    this.investorCache = new TtlCache(config.intake.cacheMs);
    this.walletCache = new TtlCache(config.intake.cacheMs);
    this.group = new GroupCommit<PreparedSubscription>({
      ...HOT_PATH_GROUPS,
      keysOf: (item) => [`${item.order.distributorId}:${item.key}`],
      commit: (items) => this.commit(items),
    });
  }

  async place(actor: Actor, key: string, requestHash: string, request: CreateOrderRequestDto): Promise<StoredResponse> {
    // A stablecoin subscription reads its permit from the chain first: the full path.
    const prepared = request.type === OrderType.SUBSCRIPTION && !request.payment ? await this.prepareSubscription(actor, key, requestHash, request) : null;
    if (prepared && (await this.group.submit(prepared))) return prepared.response;
    if (prepared) this.forget(actor.organizationId, request);
    // Network reads (the chain balance of a redemption, an external KYT verdict) come first: none runs inside the transaction.
    const context = await this.orders.preparePlacement(actor, request);
    return this.idempotency.runOnce(actor.organizationId, key, requestHash, HttpStatus.CREATED, (manager) => this.orders.place(actor, request, manager, context));
  }

  /** A clean subscription, with its answer, ready for the intake statement; null when the full path must run. */
  private async prepareSubscription(actor: Actor, key: string, requestHash: string, request: CreateOrderRequestDto): Promise<PreparedSubscription | null> {
    const distributorId = actor.organizationId;
    const context = await this.context(distributorId, request).catch(() => null); // not found: the full path answers
    if (!context) return null;
    const { fund, investor, wallet } = context;
    const now = new Date();
    if (fundRefusal(fund, OrderType.SUBSCRIPTION) || wallet.status !== WalletStatus.VERIFIED || wallet.frozen) return this.forget(distributorId, request);
    const terms = await this.funds.dealingTermsOf(fund).catch(() => null);
    if (!terms) return this.forget(distributorId, request);
    let amount: string;
    try {
      amount = subscriptionTerms(fund, investor, request.amount!, now).amount;
    } catch {
      return this.forget(distributorId, request); // the full path reads afresh and answers the error
    }
    const cashDecimals = currencyDecimals(fund.currency);
    const orderId = randomUUID();
    const screening = await this.screening.screen(
      { orderId, fundId: fund.id, investorId: investor.id, type: OrderType.SUBSCRIPTION, walletAddress: wallet.address, walletBoundAt: wallet.createdAt, amount: numericToScaled(amount, cashDecimals), cashDecimals, at: now },
      request.travelRule,
    );
    if (!screening) return null;

    const order = newOrder(this.dataSource.manager, {
      id: orderId,
      type: OrderType.SUBSCRIPTION,
      status: OrderStatus.AWAITING_PAYMENT,
      distributorId,
      fund,
      investorId: investor.id,
      walletId: wallet.id,
      amount,
      units: null,
      travelRule: request.travelRule,
      now,
      schedule: dealingScheduleFor(now, terms),
    });
    const at = now.toISOString();
    const body: OrderResponseDto = this.orders.map(order, fund, [
      { from: null, to: OrderStatus.RECEIVED, at, reason: null },
      { from: OrderStatus.RECEIVED, to: OrderStatus.AWAITING_PAYMENT, at, reason: 'screened clean' },
    ]);
    const actorId = actorName(actor);
    return {
      order,
      fund,
      investor,
      wallet,
      calendar: terms.calendar,
      estimatedUnits: hasHolderLimits(fund) ? estimatedUnits(amount, cashDecimals, fund.nav, fund.unitDecimals) : 0n,
      screening,
      key,
      requestHash,
      response: { statusCode: HttpStatus.CREATED, body },
      audit: [
        { entityType: 'order', entityId: order.id, action: 'placed', toStatus: OrderStatus.RECEIVED, actor: actorId, data: { type: order.type } },
        { entityType: 'order', entityId: order.id, action: 'status-changed', fromStatus: OrderStatus.RECEIVED, toStatus: OrderStatus.AWAITING_PAYMENT, actor: actorId, reason: 'screened clean' },
      ],
      events: [orderEvent(Object.assign(new OrderEntity(), order, { status: OrderStatus.RECEIVED }), fund, now), orderEvent(order, fund, now)],
      at: now,
    };
  }

  /**
   * One statement for a group of prepared subscriptions (distinct keys): `ok` keeps those whose
   * guards hold, `recorded` those of them whose key is new, and only those are placed, screened and
   * audited. Answers the ones placed.
   */
  private async commit(items: PreparedSubscription[]): Promise<ReadonlySet<PreparedSubscription>> {
    const s = new SqlStatement();
    // Orders of one investor in this statement cannot see each other: each counts those before it.
    const seen = new Map<string, number>();
    const earlier = items.map((item) => {
      const count = seen.get(item.order.investorId) ?? 0;
      seen.set(item.order.investorId, count + 1);
      return count;
    });
    const guarded = items.map(
      (item, index) =>
        `SELECT ${s.param(item.order.id, 'uuid')} AS id WHERE ${this.funds.orderableSql(s, item.fund, item.order.distributorId, item.calendar)} AND ${this.investors.subscribableSql(s, item.investor, item.at)}
          AND ${this.wallets.orderableSql(s, item.wallet)} AND ${item.screening.guardSql(s, earlier[index])}${
            hasHolderLimits(item.fund)
              ? ` AND (SELECT holders_ok AND units_ok FROM (${holderLimitsSql(s, { fund: item.fund, walletId: item.wallet.id, address: item.wallet.address, units: item.estimatedUnits, orderId: item.order.id })}) limits)`
              : ''
          }`,
    );
    const orderRows = items.map(
      ({ order, key, at }) =>
        `(${s.param(order.distributorId, 'uuid')}, ${s.param(key, 'varchar')}, ${s.param(order.id, 'uuid')}, ${s.param(order.type, 'varchar')}, ${s.param(order.status, 'varchar')}, ` +
        `${s.param(order.issuerId, 'uuid')}, ${s.param(order.fundId, 'uuid')}, ${s.param(order.investorId, 'uuid')}, ${s.param(order.walletId, 'uuid')}, ${s.param(order.amount, 'numeric')}, ` +
        `${s.param(order.dealingDate, 'date')}, ${s.param(order.cutOffAt, 'timestamptz')}, ${s.param(order.settlementDate, 'date')}, ` +
        `${s.param(order.travelRule === null ? null : JSON.stringify(order.travelRule), 'jsonb')}, ${s.param(at, 'timestamptz')})`,
    );
    const text = `WITH ok AS (${guarded.join(' UNION ALL ')}),
      recorded AS (${this.idempotency.insertSql(
        s,
        'ok',
        items.map((item) => ({ subjectId: item.order.id, organizationId: item.order.distributorId, key: item.key, requestHash: item.requestHash, response: item.response })),
      )}),
      placed AS (
        INSERT INTO orders (id, type, status, distributor_id, issuer_id, fund_id, investor_id, wallet_id, amount, dealing_date, cut_off_at, settlement_date, travel_rule, created_at, updated_at)
        SELECT v.id, v.type, v.status, v.distributor_id, v.issuer_id, v.fund_id, v.investor_id, v.wallet_id, v.amount, v.dealing_date, v.cut_off_at, v.settlement_date, v.travel_rule, v.at, v.at
        FROM (VALUES ${orderRows.join(', ')}) AS v(distributor_id, key, id, type, status, issuer_id, fund_id, investor_id, wallet_id, amount, dealing_date, cut_off_at, settlement_date, travel_rule, at)
        JOIN recorded r ON r.organization_id = v.distributor_id AND r.key = v.key
        RETURNING id
      ),
      screened AS (${this.screening.insertSql(s, 'placed', items.map((item) => item.screening))}),
      audited AS (${this.audit.insertSql(s, 'placed', items.flatMap((item) => item.audit.map((entry) => ({ ...entry, at: item.at }))))}),
      evented AS (${this.orderEvents.insertSql(s, 'placed', items.flatMap((item) => item.events))})
      SELECT id FROM placed`;
    // The investors' screening locks first, in a statement of their own: the velocity guard's count
    // then sees every order of theirs committed before (the full path takes the same locks).
    const investors = [...new Set(items.map((item) => item.order.investorId))];
    const rows = await s.executeAfter<{ id: string }>(this.dataSource, investorScreeningLockSql(investors), text);
    const placed = new Set(rows.map((row) => row.id));
    return new Set(items.filter((item) => placed.has(item.order.id)));
  }

  private async context(distributorId: string, request: CreateOrderRequestDto): Promise<{ fund: FundEntity; investor: InvestorEntity; wallet: WalletEntity }> {
    const manager = this.dataSource.manager;
    const [fund, investor, wallet] = await Promise.all([
      this.fundCache.get(`${distributorId}:${request.fundId}`, () => this.funds.findForOrder(manager, distributorId, request.fundId)),
      this.investorCache.get(`${distributorId}:${request.investorId}`, () => this.investors.findOwned(manager, distributorId, request.investorId)),
      this.walletCache.get(`${distributorId}:${request.investorId}:${request.walletId}`, () => this.wallets.findForOrder(manager, distributorId, request.investorId, request.walletId)),
    ]);
    return { fund, investor, wallet };
  }

  /** Something read may be stale: the next order reads afresh. */
  private forget(distributorId: string, request: CreateOrderRequestDto): null {
    this.fundCache.delete(`${distributorId}:${request.fundId}`);
    this.investorCache.delete(`${distributorId}:${request.investorId}`);
    this.walletCache.delete(`${distributorId}:${request.investorId}:${request.walletId}`);
    return null;
  }
}
