import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditEntry } from '@rwa/audit';
import {
  actorName,
  assertTransition,
  currencyDecimals,
  formatDecimal,
  formatNav,
  fractionDigits,
  InputValidationException,
  numericToScaled,
  NAV_DECIMALS,
  parseDecimal,
  Role,
  type Actor,
  type Page,
  type PageRequest,
} from '@rwa/common';
import { keysetPage } from '@rwa/database';
import { TokenGateway } from '@rwa/chain';
import { FundsService, FundStatus, type FundEntity } from '@rwa/funds';
import { InvestorsService } from '@rwa/investors';
import { AlertSubjectType, KytService, KytSubjectHandlers, type AlertOutcome } from '@rwa/kyt';
import { JobName, OutboxService } from '@rwa/queue';
import { WalletsService, WalletStatus, type WalletEntity } from '@rwa/wallets';
import type { CreateOrderRequestDto, OrderListQueryDto, OrderResponseDto, PaymentConfirmationRequestDto } from './dtos/order.dto.js';
import { newOrder } from './new-order.js';
import { OrderEntity, OrderStatus, OrderType, stateMachineOf } from './order.entity.js';
import { OrdersErrorCode, OrdersException } from './orders.exception.js';
import { priceRedemption } from './pricing.js';
import { mintingStep } from './minting-step.js';
import { subscriptionTerms } from './subscription-terms.js';

/** One move along an order's state machine, with its audit reason and the columns it sets. */
interface TransitionStep {
  to: OrderStatus;
  reason: string | null;
  changes?: Partial<OrderEntity>;
}

/** Orders from placement to their mint or burn intent; the chain side is OrderSettlementService's. */
@Injectable()
export class OrdersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly funds: FundsService,
    private readonly investors: InvestorsService,
    private readonly wallets: WalletsService,
    private readonly kyt: KytService,
    private readonly kytSubjects: KytSubjectHandlers,
    private readonly outbox: OutboxService,
    private readonly gateway: TokenGateway,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.register(AlertSubjectType.ORDER, {
      onAlertDecided: (manager, orderId, outcome, actor) => this.onAlertDecided(manager, orderId, outcome, actor),
      rescreen: (manager, orderId) => this.rescreen(manager, orderId),
    });
    this.funds.onNavPublished((manager, fundId, asOf) => this.priceWaitingOrders(manager, fundId, asOf));
  }

  /**
   * Places an order: checks the fund, investor and wallet, screens the wallet, and moves it on
   * (a subscription to AWAITING_PAYMENT, a redemption to its burn) or ON_HOLD behind a KYT alert.
   * Runs in the caller's transaction (with its idempotency record); nothing persists on failure.
   */
  async place(actor: Actor, request: CreateOrderRequestDto, manager: EntityManager): Promise<OrderResponseDto> {
    const distributorId = actor.organizationId;
    const fund = await this.funds.findForOrder(manager, distributorId, request.fundId);
    const investor = await this.investors.findOwned(manager, distributorId, request.investorId);
    // Locked: redemptions on one wallet are serialised so the units left are checked exactly.
    const wallet = await this.wallets.findForOrder(manager, distributorId, request.investorId, request.walletId, request.type === OrderType.REDEMPTION);
    if (fund.status !== FundStatus.ACTIVE) throw new OrdersException(OrdersErrorCode.FUND_NOT_ACTIVE, `Fund ${fund.id} is ${fund.status}, not ACTIVE`);
    if (wallet.status !== WalletStatus.VERIFIED || wallet.frozen) {
      throw new OrdersException(OrdersErrorCode.WALLET_NOT_VERIFIED, `Wallet ${wallet.id} is ${wallet.frozen ? 'frozen' : wallet.status}, not VERIFIED`);
    }
    const now = new Date();
    const terms =
      request.type === OrderType.SUBSCRIPTION
        ? subscriptionTerms(fund, investor, request.amount!, now)
        : await this.checkRedemption(manager, fund, wallet, request.units!);

    const order = newOrder(manager, {
      id: randomUUID(),
      type: request.type,
      status: OrderStatus.RECEIVED,
      distributorId,
      fund,
      investorId: investor.id,
      walletId: wallet.id,
      amount: terms.amount,
      units: terms.units,
      travelRule: request.travelRule,
      now,
    });
    await manager.insert(OrderEntity, order);
    const actorId = actorName(actor);
    await this.audit.record(manager, { entityType: 'order', entityId: order.id, action: 'placed', toStatus: order.status, actor: actorId, data: { type: order.type } });
    const screening = await this.screen(manager, order, fund, wallet, now);
    if (!screening.clean) {
      await this.kyt.raiseAlert(manager, AlertSubjectType.ORDER, order.id, screening);
      await this.transition(manager, order, OrderStatus.ON_HOLD, 'KYT alert raised', actorId);
    } else if (order.type === OrderType.SUBSCRIPTION) {
      await this.transition(manager, order, OrderStatus.AWAITING_PAYMENT, 'screened clean', actorId);
    } else {
      await this.transition(manager, order, OrderStatus.PRICING, 'screened clean', actorId);
      await this.priceAndBurn(manager, order, fund, actorId);
    }
    return this.map(order, fund, await this.audit.statusHistory(manager, 'order', order.id));
  }

  async get(actor: Actor, orderId: string): Promise<OrderResponseDto> {
    const manager = this.dataSource.manager;
    const order = await this.findVisible(manager, actor, orderId);
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    return this.map(order, fund, await this.audit.statusHistory(manager, 'order', order.id));
  }

  async list(actor: Actor, query: OrderListQueryDto, page: PageRequest): Promise<Page<OrderResponseDto>> {
    const builder = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    builder.where(actor.role === Role.ISSUER ? 'o.issuer_id = :org' : 'o.distributor_id = :org', { org: actor.organizationId });
    if (query.fundId) builder.andWhere('o.fund_id = :fundId', { fundId: query.fundId });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    const rows = await keysetPage(builder, page, (row) => row);
    const funds = await this.funds.findByIds(rows.items.map((row) => row.fundId));
    // Lists carry no history; GET /v1/orders/{id} does.
    return { items: rows.items.map((row) => this.map(row, funds.get(row.fundId)!, [])), nextCursor: rows.nextCursor };
  }

  /** The distributor withdraws an order before its payment is confirmed. */
  async cancel(actor: Actor, orderId: string): Promise<OrderResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.findVisible(manager, actor, orderId, true);
      await this.transition(manager, order, OrderStatus.CANCELLED, 'cancelled by the distributor', actorName(actor));
    });
    return this.get(actor, orderId);
  }

  /**
   * The issuer confirms the subscription cash arrived: the order is priced at its dealing day's NAV
   * and its mint intent is recorded, all in one transaction.
   */
  async confirmPayment(actor: Actor, orderId: string, request: PaymentConfirmationRequestDto): Promise<OrderResponseDto> {
    const { order, fund } = await this.dataSource.transaction(async (manager) => {
      const order = await this.findVisible(manager, actor, orderId, true);
      if (order.type !== OrderType.SUBSCRIPTION) throw new OrdersException(OrdersErrorCode.NOT_A_SUBSCRIPTION, 'Only subscriptions take a payment confirmation');
      const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
      const steps: TransitionStep[] = [
        { to: OrderStatus.PAYMENT_CONFIRMED, reason: `payment ${request.reference}`, changes: { paymentReference: request.reference } },
        { to: OrderStatus.PRICING, reason: null },
      ];
      const mint = await this.mintStep(manager, order, fund);
      if (mint) steps.push(mint);
      if (mint) await this.outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId: order.id } });
      await this.transitionThrough(manager, order, steps, actorName(actor));
      return { order, fund };
    });
    // The answer is the order as this transaction left it (no re-read of the order and its fund);
    // only its history is read, after the commit.
    return this.map(order, fund, await this.audit.statusHistory(this.dataSource.manager, 'order', order.id));
  }

  /** The issuer confirms a redemption's cash was paid out: the order settles. */
  async confirmPayout(actor: Actor, orderId: string, request: PaymentConfirmationRequestDto): Promise<OrderResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.findVisible(manager, actor, orderId, true);
      if (order.type !== OrderType.REDEMPTION) throw new OrdersException(OrdersErrorCode.NOT_A_REDEMPTION, 'Only redemptions take a payout confirmation');
      await this.transition(manager, order, OrderStatus.SETTLED, `payout ${request.reference}`, actorName(actor), { paymentReference: request.reference });
    });
    return this.get(actor, orderId);
  }

  /** Moves an order along its state machine with its audit row, in the caller's transaction. */
  async transition(manager: EntityManager, order: OrderEntity, to: OrderStatus, reason: string | null, actor: string, changes: Partial<OrderEntity> = {}): Promise<void> {
    assertTransition(stateMachineOf(order.type), order.status, to);
    await manager.update(OrderEntity, { id: order.id }, { ...changes, status: to });
    await this.audit.record(manager, { entityType: 'order', entityId: order.id, action: 'status-changed', fromStatus: order.status, toStatus: to, actor, reason });
    Object.assign(order, changes, { status: to });
  }

  /**
   * Several transitions in a row (each checked against the state machine, each with its audit row, in
   * order) written as one UPDATE to where they end: fewer round trips inside the caller's transaction,
   * the same rows and the same final state as calling transition() for each.
   */
  private async transitionThrough(manager: EntityManager, order: OrderEntity, steps: readonly TransitionStep[], actor: string): Promise<void> {
    const machine = stateMachineOf(order.type);
    const entries: AuditEntry[] = [];
    let from = order.status;
    for (const step of steps) {
      assertTransition(machine, from, step.to);
      entries.push({ entityType: 'order', entityId: order.id, action: 'status-changed', fromStatus: from, toStatus: step.to, actor, reason: step.reason });
      from = step.to;
    }
    const changes: Partial<OrderEntity> = Object.assign({}, ...steps.map((step) => step.changes ?? {}), { status: from });
    await manager.update(OrderEntity, { id: order.id }, changes);
    await this.audit.recordMany(manager, entries);
    Object.assign(order, changes);
  }

  /** The step that prices a PRICING subscription at its NAV, if the NAV is known (else it waits). */
  private async mintStep(manager: EntityManager, order: OrderEntity, fund: FundEntity): Promise<TransitionStep | undefined> {
    const priced = await this.funds.navAndReferenceFor(manager, fund.id, order.dealingDate);
    if (!priced) return undefined;
    const step = mintingStep(order, fund, priced.nav);
    return { ...step, changes: { ...step.changes, referenceSeq: priced.referenceSeq.toString() } };
  }

  /** Prices a PRICING order if its NAV is known and records the mint intent; otherwise it waits. */
  private async priceAndMint(manager: EntityManager, order: OrderEntity, fund: FundEntity, actor: string): Promise<void> {
    const step = await this.mintStep(manager, order, fund);
    if (!step) return;
    await this.transition(manager, order, step.to, step.reason, actor, step.changes);
    await this.outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId: order.id } });
  }

  /** Prices a PRICING redemption if its NAV is known and records the burn intent; otherwise it waits. */
  private async priceAndBurn(manager: EntityManager, order: OrderEntity, fund: FundEntity, actor: string): Promise<void> {
    const nav = await this.funds.navFor(manager, fund.id, order.dealingDate);
    if (nav === undefined) return;
    const cashDecimals = currencyDecimals(fund.currency);
    const payout = priceRedemption(BigInt(order.units!), fund.unitDecimals, nav, cashDecimals);
    const referenceSeq = await this.funds.allocateReferenceSeq(manager, fund.id);
    await this.transition(manager, order, OrderStatus.BURNING, `priced at NAV ${formatNav(nav)}`, actor, {
      nav: formatDecimal(nav, NAV_DECIMALS),
      amount: formatDecimal(payout, cashDecimals),
      referenceSeq: referenceSeq.toString(),
    });
    await this.outbox.add(manager, { name: JobName.BURN_ORDER, data: { orderId: order.id } });
  }

  /** A NAV was published: price the orders of its dealing day (or earlier) that waited for one. */
  private async priceWaitingOrders(manager: EntityManager, fundId: string, asOf: string): Promise<void> {
    const waiting = await manager.find(OrderEntity, { where: { fundId, status: OrderStatus.PRICING }, lock: { mode: 'pessimistic_write' } });
    const fund = (await this.funds.findByIds([fundId], manager)).get(fundId)!;
    for (const order of waiting.filter((candidate) => candidate.dealingDate <= asOf)) {
      if (order.type === OrderType.SUBSCRIPTION) await this.priceAndMint(manager, order, fund, 'system');
      else await this.priceAndBurn(manager, order, fund, 'system');
    }
  }

  /** Screens the order through KYT (travel rule, provider verdict), in the caller's transaction. */
  private screen(manager: EntityManager, order: OrderEntity, fund: FundEntity, wallet: WalletEntity, at: Date) {
    const cashDecimals = currencyDecimals(fund.currency);
    return this.kyt.screenOrder(
      manager,
      {
        orderId: order.id,
        fundId: fund.id,
        investorId: order.investorId,
        type: order.type,
        walletAddress: wallet.address,
        walletBoundAt: wallet.createdAt,
        amount: order.amount === null ? null : numericToScaled(order.amount, cashDecimals),
        cashDecimals,
        at,
      },
      order.travelRule,
    );
  }

  /** An order held for review, screened again at its original time (its alert was raised because no provider answered). */
  private async rescreen(manager: EntityManager, orderId: string) {
    const order = await manager.findOne(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.status !== OrderStatus.ON_HOLD) return null;
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    const wallet = await this.wallets.findForOrder(manager, order.distributorId, order.investorId, order.walletId);
    return this.screen(manager, order, fund, wallet, order.createdAt);
  }

  private async onAlertDecided(manager: EntityManager, orderId: string, outcome: AlertOutcome, actor: string): Promise<void> {
    const order = await manager.findOneOrFail(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (order.status !== OrderStatus.ON_HOLD) return;
    const reason = `KYT alert ${outcome.toLowerCase()}`;
    if (outcome === 'CONFIRMED') return this.transition(manager, order, OrderStatus.REJECTED, reason, actor);
    if (order.type === OrderType.SUBSCRIPTION) return this.transition(manager, order, OrderStatus.AWAITING_PAYMENT, reason, actor);
    await this.transition(manager, order, OrderStatus.PRICING, reason, actor);
    await this.priceAndBurn(manager, order, (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!, actor);
  }

  /**
   * A redemption's units, checked against the wallet's units on chain less those already on their
   * way out. KYC is not checked: a holder whose KYC lapsed can always redeem (a guaranteed exit).
   */
  private async checkRedemption(manager: EntityManager, fund: FundEntity, wallet: WalletEntity, unitsText: string): Promise<{ amount: null; units: string }> {
    if (fractionDigits(unitsText) > fund.unitDecimals) {
      throw new InputValidationException([{ field: 'units', message: `units may have at most ${fund.unitDecimals} decimals in this fund` }]);
    }
    const units = parseDecimal(unitsText, fund.unitDecimals);
    if (units === 0n) throw new InputValidationException([{ field: 'units', message: 'units must be greater than zero' }]);
    const [{ pending }] = (await manager.query(
      `SELECT coalesce(sum(units), 0)::text AS pending FROM orders
       WHERE wallet_id = $1 AND fund_id = $2 AND type = 'REDEMPTION' AND status IN ('RECEIVED', 'ON_HOLD', 'PRICING', 'BURNING')`,
      [wallet.id, fund.id],
    )) as [{ pending: string }];
    const available = (await this.gateway.balanceOf(fund.tokenAddress!, wallet.address)) - BigInt(pending);
    if (units > available) {
      throw new OrdersException(OrdersErrorCode.INSUFFICIENT_UNITS, `The wallet holds ${formatDecimal(available > 0n ? available : 0n, fund.unitDecimals)} redeemable units`);
    }
    return { amount: null, units: units.toString() };
  }

  /** A distributor sees its own orders; an issuer the orders in its funds. Others: not found. */
  private async findVisible(manager: EntityManager, actor: Actor, orderId: string, lock = false): Promise<OrderEntity> {
    const scope = actor.role === Role.ISSUER ? { issuerId: actor.organizationId } : { distributorId: actor.organizationId };
    const order = await manager.findOne(OrderEntity, { where: { id: orderId, ...scope }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!order) throw new OrdersException(OrdersErrorCode.ORDER_NOT_FOUND, `Order ${orderId} not found`);
    return order;
  }

  map(order: OrderEntity, fund: FundEntity, events: { from: string | null; to: string | null; at: string; reason: string | null }[]): OrderResponseDto {
    const cashDecimals = currencyDecimals(fund.currency);
    return {
      id: order.id,
      type: order.type,
      status: order.status,
      fundId: order.fundId,
      investorId: order.investorId,
      walletId: order.walletId,
      currency: fund.currency,
      amount: order.amount === null ? null : formatDecimal(numericToScaled(order.amount, cashDecimals), cashDecimals),
      units: order.units === null ? null : formatDecimal(BigInt(order.units), fund.unitDecimals),
      nav: order.nav === null ? null : formatNav(numericToScaled(order.nav, NAV_DECIMALS)),
      cashRemainder: order.cashRemainder === null ? null : formatDecimal(numericToScaled(order.cashRemainder, cashDecimals), cashDecimals),
      dealingDate: order.dealingDate,
      paymentReference: order.paymentReference,
      txHash: order.txHash,
      failureCode: order.failureCode,
      events: events.map((event) => ({ from: event.from, to: event.to, at: event.at, reason: event.reason })),
      createdAt: order.createdAt.toISOString(),
    };
  }
}
