import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import {
  actorName,
  assertTransition,
  currencyDecimals,
  formatDecimal,
  formatNav,
  fractionDigits,
  InputValidationException,
  InvalidTransitionError,
  numericToScaled,
  NAV_DECIMALS,
  parseDecimal,
  Role,
  SYSTEM_ACTOR,
  type Actor,
  type Page,
  type PageRequest,
} from '@rwa/common';
import { keysetPage } from '@rwa/database';
import { TokenGateway } from '@rwa/chain';
import { dealingScheduleFor, FundPricing, FundsService, FundStatus, type FundEntity } from '@rwa/funds';
import { InvestorsService } from '@rwa/investors';
import { AlertSubjectType, KytService, KytSubjectHandlers, type AlertOutcome, type OrderScreeningRequest, type PrescreenedOrder, type ScreeningResult } from '@rwa/kyt';
import { JobName, OutboxService, type JobItem } from '@rwa/queue';
import { WalletsService, WalletStatus, type WalletEntity } from '@rwa/wallets';
import { isInEscrow, StablecoinPaymentMethod, StablecoinPaymentsService, StablecoinsErrorCode, StablecoinsException, typedDataJson, type PayInQuote, type StablecoinPaymentEntity } from '@rwa/stablecoins';
import type {
  BatchPaymentConfirmationRequestDto,
  CreateOrderRequestDto,
  OrderListQueryDto,
  OrderResponseDto,
  PaymentAuthorizationRequestDto,
  PaymentConfirmationRequestDto,
  RefundConfirmationRequestDto,
} from './dtos/order.dto.js';
import { investorOf, movementScreening, type MovementState } from './movement-screening.js';
import { newOrder } from './new-order.js';
import { OrderEntity, OrderStatus, OrderType, stateMachineOf } from './order.entity.js';
import { checkHolderLimits, estimatedUnits, fundRefusal, hasHolderLimits, lockHolderLimits, redeemableUnits } from './order-rules.js';
import { OrdersErrorCode, OrdersException } from './orders.exception.js';
import { priceRedemption } from './pricing.js';
import { mintingStep } from './minting-step.js';
import { OrderEvents, orderView } from './order-events.js';
import { investorRefusal, subscriptionTerms } from './subscription-terms.js';

/**
 * What placement reads before its transaction opens, so that no network call runs while the
 * transaction holds row locks: the order's id and time, the external KYT verdict (if a provider
 * asks one over HTTP) and, for a redemption, the wallet's balance on chain and when it was read.
 */
export interface PlacementContext {
  orderId: string;
  now: Date;
  prescreened: PrescreenedOrder;
  balance?: { fundId: string; walletId: string; units: bigint; readAt: Date };
  /** A stablecoin subscription: its leg and the permit to sign (the nonce read from the token), or why there is none. */
  payIn?: { quote: PayInQuote } | { error: unknown };
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
    private readonly orderEvents: OrderEvents,
    private readonly stablecoinPayments: StablecoinPaymentsService,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.register(AlertSubjectType.ORDER, {
      onAlertDecided: (manager, orderId, outcome, actor) => this.onAlertDecided(manager, orderId, outcome, actor),
      rescreen: {
        prescreen: (orderId) => this.prescreenHeld(orderId),
        screen: (manager, orderId, prescreened) => this.rescreen(manager, orderId, prescreened),
      },
    });
    this.funds.onNavPublished((manager, fundId, asOf) => this.priceWaitingOrders(manager, fundId, asOf));
  }

  /**
   * The reads placement makes outside its transaction (PlacementContext). A fund, investor or
   * wallet that cannot be read is left for the transaction to refuse.
   */
  async preparePlacement(actor: Actor, request: CreateOrderRequestDto): Promise<PlacementContext> {
    const context: PlacementContext = { orderId: randomUUID(), now: new Date(), prescreened: undefined };
    const manager = this.dataSource.manager;
    const fund = await this.funds.findForOrder(manager, actor.organizationId, request.fundId, request.type === OrderType.REDEMPTION).catch(() => null);
    const wallet = fund ? await this.wallets.findForOrder(manager, actor.organizationId, request.investorId, request.walletId).catch(() => null) : null;
    if (!fund || !wallet) return context;
    if (request.type === OrderType.REDEMPTION && fund.tokenAddress) {
      const readAt = new Date();
      context.balance = { fundId: fund.id, walletId: wallet.id, units: await this.gateway.balanceOf(fund.tokenAddress, wallet.address), readAt };
    }
    if (request.type === OrderType.SUBSCRIPTION && request.payment && request.amount) {
      context.payIn = await this.stablecoinPayments.quotePayIn(fund.id, request.payment.stablecoinId, wallet.address, request.amount, context.now).then(
        (quote) => ({ quote }),
        (error: unknown) => ({ error }),
      );
    }
    const cashDecimals = currencyDecimals(fund.currency);
    const amount = request.type === OrderType.SUBSCRIPTION && request.amount && fractionDigits(request.amount) <= cashDecimals && request.amount.length <= 40 ? parseDecimal(request.amount, cashDecimals) : null;
    context.prescreened = await this.kyt.prescreenOrder({
      orderId: context.orderId,
      fundId: fund.id,
      investorId: request.investorId,
      type: request.type,
      walletAddress: wallet.address,
      walletBoundAt: wallet.createdAt,
      amount,
      cashDecimals,
      at: context.now,
    });
    return context;
  }

  /**
   * Places an order: checks the fund, investor and wallet and the fund's rules, screens the order,
   * and moves it on (a subscription to AWAITING_PAYMENT, a redemption to its pricing) or ON_HOLD
   * behind a KYT alert. Runs in the caller's transaction (with its idempotency record); nothing
   * persists on failure. `context` carries what was read before the transaction (preparePlacement);
   * a caller without one (a script, a test) gets it read here, on another connection.
   */
  async place(actor: Actor, request: CreateOrderRequestDto, manager: EntityManager, context?: PlacementContext): Promise<OrderResponseDto> {
    context ??= await this.preparePlacement(actor, request);
    const distributorId = actor.organizationId;
    const redemption = request.type === OrderType.REDEMPTION;
    if (redemption ? request.payment : request.payout) {
      throw new InputValidationException([{ field: redemption ? 'payment' : 'payout', message: redemption ? 'a redemption takes payout, not payment' : 'a subscription takes payment, not payout' }]);
    }
    const fund = await this.funds.findForOrder(manager, distributorId, request.fundId, redemption);
    const investor = await this.investors.findOwned(manager, distributorId, request.investorId);
    // Locked: redemptions on one wallet are serialised so the units left are checked exactly.
    const wallet = await this.wallets.findForOrder(manager, distributorId, request.investorId, request.walletId, redemption);
    const refusal = fundRefusal(fund, request.type);
    if (refusal) throw refusal;
    if (wallet.status !== WalletStatus.VERIFIED || wallet.frozen) {
      throw new OrdersException(OrdersErrorCode.WALLET_NOT_VERIFIED, `Wallet ${wallet.id} is ${wallet.frozen ? 'frozen' : wallet.status}, not VERIFIED`);
    }
    const now = context.now;
    const schedule = dealingScheduleFor(now, await this.funds.dealingTermsOf(fund, manager));
    let terms: { amount: string | null; units: string | null };
    if (!redemption) {
      terms = subscriptionTerms(fund, investor, request.amount!, now);
      // Not binding (payment confirmation counts again, under the fund's lock): an early, clear refusal.
      const units = estimatedUnits(terms.amount!, currencyDecimals(fund.currency), fund.nav, fund.unitDecimals);
      await checkHolderLimits(manager, { fund, walletId: wallet.id, address: wallet.address, units, orderId: context.orderId });
    } else terms = await this.checkRedemption(manager, fund, wallet, request.units!, context);

    const order = newOrder(manager, {
      id: context.orderId,
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
      schedule,
    });
    await manager.insert(OrderEntity, order);
    const actorId = actorName(actor);
    await this.audit.record(manager, { entityType: 'order', entityId: order.id, action: 'placed', toStatus: order.status, actor: actorId, data: { type: order.type } });
    const quote = request.payment ? await this.recordPayIn(manager, order, fund, context) : undefined;
    if (request.payout) {
      await this.stablecoinPayments.reserveInstantRedemption(manager, {
        orderId: order.id,
        fundId: fund.id,
        investorId: order.investorId,
        stablecoinId: request.payout.stablecoinId,
        units: BigInt(order.units!),
        unitDecimals: fund.unitDecimals,
        nav: numericToScaled(fund.nav, NAV_DECIMALS),
      });
    }
    // After the stablecoin leg is recorded: the event carries it.
    await this.orderEvents.emit(manager, [order]);
    const screening = await this.screen(manager, order, fund, wallet, now, context.prescreened);
    if (!screening.clean) {
      await this.kyt.raiseAlert(manager, AlertSubjectType.ORDER, order.id, screening);
      await this.transition(manager, order, OrderStatus.ON_HOLD, 'KYT alert raised', actorId);
    } else if (order.type === OrderType.SUBSCRIPTION) {
      await this.transition(manager, order, OrderStatus.AWAITING_PAYMENT, 'screened clean', actorId);
    } else {
      await this.transition(manager, order, OrderStatus.PRICING, 'screened clean', actorId);
      await this.priceAndBurn(manager, order, fund, actorId);
    }
    const payment = request.payment || request.payout ? await this.stablecoinPayments.paymentOf(order.id, manager) : null;
    const answer = this.map(order, fund, await this.audit.statusHistory(manager, 'order', order.id), payment);
    if (quote && order.status === OrderStatus.AWAITING_PAYMENT) answer.paymentAuthorization = { kind: 'EIP2612_PERMIT', typedData: typedDataJson(quote.typedData) };
    return answer;
  }

  /** A stablecoin subscription's leg, as quoted before the transaction, recorded with the order. */
  private async recordPayIn(manager: EntityManager, order: OrderEntity, fund: FundEntity, context: PlacementContext): Promise<PayInQuote> {
    const payIn = context.payIn;
    if (!payIn) throw new Error(`No stablecoin quote was read for order ${order.id} before placement`);
    if ('error' in payIn) throw payIn.error;
    const { quote } = payIn;
    if (parseDecimal(order.amount!, quote.stablecoin.decimals) !== quote.amount) throw new Error(`The stablecoin quote of order ${order.id} is not its amount`);
    await this.stablecoinPayments.recordPayIn(manager, { orderId: order.id, fundId: fund.id, investorId: order.investorId, stablecoinId: quote.stablecoin.id, amount: quote.amount, deadline: quote.deadline });
    return quote;
  }

  /**
   * The investor's wallet authorised a stablecoin subscription (a permit signature, or its own
   * approval). Checked on chain first, outside any transaction (signer, amount, deadline, balance,
   * pauses: a 422 and nothing changes). Then, under the order's lock, every control is run again
   * as it stands now: a screening hit (blocklist, freeze, wallet status, KYC) holds the order
   * behind an alert; the fund's and the investor's rules refuse it (422, nothing changes).
   * Otherwise the order is PAYMENT_CONFIRMED and at once priced at the fund's NAV and MINTING: the
   * worker submits the one settlement transaction.
   */
  async authorizePayment(actor: Actor, orderId: string, request: PaymentAuthorizationRequestDto): Promise<OrderResponseDto> {
    const manager = this.dataSource.manager;
    const order = await this.findVisible(manager, actor, orderId);
    const payment = order.type === OrderType.SUBSCRIPTION ? await this.stablecoinPayments.paymentOf(order.id) : null;
    if (!payment) throw new StablecoinsException(StablecoinsErrorCode.NOT_A_STABLECOIN_ORDER, `Order ${orderId} is not a stablecoin subscription`);
    assertTransition(stateMachineOf(order.type), order.status, OrderStatus.PAYMENT_CONFIRMED);
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    const wallet = await this.wallets.findById(manager, order.walletId);
    if (!fund.tokenAddress || !wallet) throw new OrdersException(OrdersErrorCode.WALLET_NOT_VERIFIED, `Order ${orderId} has no token or wallet`);
    const authorization =
      request.signature !== undefined ? { method: StablecoinPaymentMethod.PERMIT as const, signature: request.signature } : { method: StablecoinPaymentMethod.APPROVAL as const };
    await this.stablecoinPayments.checkPayIn(payment, wallet.address, fund.tokenAddress, authorization, new Date());
    await this.dataSource.transaction(async (tx) => {
      const current = await this.findVisible(tx, actor, orderId, true);
      assertTransition(stateMachineOf(current.type), current.status, OrderStatus.PAYMENT_CONFIRMED);
      const currentFund = (await this.funds.findByIds([current.fundId], tx)).get(current.fundId)!;
      const state = (await this.movementStates(tx, [current])).get(current.id)!;
      const now = new Date();
      const actorId = actorName(actor);
      const hit = movementScreening(state, now, true);
      const refusal = hit
        ? null
        : (fundRefusal(currentFund, current.type) ?? (state.investor ? investorRefusal(currentFund, investorOf(current, state.investor), now) : new OrdersException(OrdersErrorCode.KYC_NOT_APPROVED, 'The investor is gone')));
      if (refusal) throw refusal;
      const forward = currentFund.pricing === FundPricing.FORWARD;
      if (forward && !hit && now.getTime() >= current.cutOffAt.getTime()) {
        throw new OrdersException(OrdersErrorCode.CUT_OFF_PASSED, `The cut-off of dealing date ${current.dealingDate} (${current.cutOffAt.toISOString()}) has passed`);
      }
      await this.stablecoinPayments.recordAuthorization(tx, current.id, authorization);
      await this.transition(tx, current, OrderStatus.PAYMENT_CONFIRMED, `stablecoin payment authorised (${authorization.method})`, actorId);
      if (hit) return this.hold(tx, current, hit, actorId);
      if (forward) {
        // FORWARD: the stablecoin goes into escrow (a job: one request transaction, keyed by the order's
        // reference), then the order waits in PRICING for its dealing day's NAV.
        await this.stablecoinPayments.recordForwardReference(tx, current.id, await this.funds.allocateReferenceSeq(tx, currentFund.id));
        await this.outbox.add(tx, { name: JobName.REQUEST_STABLECOIN_DEPOSIT, data: { orderId: current.id } });
        return;
      }
      const priced = await this.funds.navFor(tx, currentFund.id, current.dealingDate);
      if (!priced) throw new OrdersException(OrdersErrorCode.FUND_NOT_ACTIVE, `Fund ${currentFund.id} has no NAV for ${current.dealingDate}`);
      const step = mintingStep(current, currentFund, priced.nav, priced.asOf);
      if (hasHolderLimits(currentFund)) {
        await lockHolderLimits(tx, currentFund);
        await checkHolderLimits(tx, { fund: currentFund, walletId: current.walletId, address: state.wallet!.address, units: BigInt(step.changes.units!), orderId: current.id });
      }
      const referenceSeq = await this.funds.allocateReferenceSeq(tx, currentFund.id);
      await this.transition(tx, current, step.to, step.reason, actorId, { ...step.changes, referenceSeq: referenceSeq.toString() });
      await this.outbox.add(tx, { name: JobName.MINT_ORDER, data: { orderId: current.id } });
    });
    return this.get(actor, orderId);
  }

  async get(actor: Actor, orderId: string): Promise<OrderResponseDto> {
    const manager = this.dataSource.manager;
    const order = await this.findVisible(manager, actor, orderId);
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    return this.map(order, fund, await this.audit.statusHistory(manager, 'order', order.id), await this.stablecoinPayments.paymentOf(order.id));
  }

  async list(actor: Actor, query: OrderListQueryDto, page: PageRequest): Promise<Page<OrderResponseDto>> {
    const builder = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    builder.where(actor.role === Role.ISSUER ? 'o.issuer_id = :org' : 'o.distributor_id = :org', { org: actor.organizationId });
    if (query.fundId) builder.andWhere('o.fund_id = :fundId', { fundId: query.fundId });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    const rows = await keysetPage(builder, page, (row) => row);
    const funds = await this.funds.findByIds(rows.items.map((row) => row.fundId));
    const payments = await this.stablecoinPayments.paymentsOf(rows.items.map((row) => row.id));
    // Lists carry no history; GET /v1/orders/{id} does.
    return { items: rows.items.map((row) => this.map(row, funds.get(row.fundId)!, [], payments.get(row.id) ?? null)), nextCursor: rows.nextCursor };
  }

  /**
   * The distributor withdraws an order until the cut-off of its dealing date: a subscription not
   * yet priced for minting (CANCELLED if no cash arrived, REFUND_PENDING if it did) or a redemption
   * not yet burning (CANCELLED).
   * @throws InvalidTransitionError for an order past those states; CUT_OFF_PASSED after the cut-off
   */
  async cancel(actor: Actor, orderId: string): Promise<OrderResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.findVisible(manager, actor, orderId, true);
      const payment = order.type === OrderType.SUBSCRIPTION ? await this.stablecoinPayments.paymentOf(order.id, manager) : null;
      // A FORWARD stablecoin request: cancellable once in escrow (PRICING), not while its request is on its way.
      const escrowed = payment?.referenceSeq != null;
      const to = escrowed && order.status !== OrderStatus.PRICING ? null : cancellationOf(order);
      if (!to) throw new InvalidTransitionError(stateMachineOf(order.type).entity, order.status, OrderStatus.CANCELLED);
      if (Date.now() >= order.cutOffAt.getTime()) {
        throw new OrdersException(OrdersErrorCode.CUT_OFF_PASSED, `The cut-off of dealing date ${order.dealingDate} (${order.cutOffAt.toISOString()}) has passed`);
      }
      if (escrowed) {
        await this.transition(manager, order, to, 'cancelled by the distributor: stablecoin to be refunded from escrow', actorName(actor));
        await this.outbox.add(manager, { name: JobName.CANCEL_STABLECOIN_DEPOSIT, data: { orderId: order.id } });
        return;
      }
      await this.transition(manager, order, to, to === OrderStatus.REFUND_PENDING ? 'cancelled by the distributor after payment: cash to be refunded' : 'cancelled by the distributor', actorName(actor));
    });
    return this.get(actor, orderId);
  }

  /** One order's payment confirmation (the batch of one). */
  async confirmPayment(actor: Actor, orderId: string, request: PaymentConfirmationRequestDto): Promise<OrderResponseDto> {
    const [answer] = await this.confirmPayments(actor, { reference: request.reference, orderIds: [orderId] });
    return answer!;
  }

  /**
   * The issuer confirms that one wire paid for `orderIds`, all or none: the reference is recorded
   * once per issuer (a constraint: a later confirmation with it is PAYMENT_REFERENCE_USED, however
   * concurrent), every order must be an AWAITING_PAYMENT subscription of the issuer's funds. Then,
   * order by order, as the contract has it: a screening hit (blocklist, frozen or no longer verified
   * wallet) holds it behind an alert; a rule that says no (KYC, eligibility, fund closed, holder
   * caps) sends its cash back (REFUND_PENDING); otherwise it is priced at its dealing day's NAV and
   * its mint intent recorded, or waits in PRICING for that NAV.
   */
  async confirmPayments(actor: Actor, request: BatchPaymentConfirmationRequestDto): Promise<OrderResponseDto[]> {
    const results = await this.dataSource.transaction(async (manager) => {
      const orders = await manager.find(OrderEntity, { where: { id: In(request.orderIds), issuerId: actor.organizationId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const byId = new Map(orders.map((order) => [order.id, order]));
      for (const orderId of request.orderIds) {
        const order = byId.get(orderId);
        if (!order) throw new OrdersException(OrdersErrorCode.ORDER_NOT_FOUND, `Order ${orderId} not found`);
        if (order.type !== OrderType.SUBSCRIPTION) throw new OrdersException(OrdersErrorCode.NOT_A_SUBSCRIPTION, `Order ${orderId} is a redemption: only subscriptions take a payment confirmation`);
        assertTransition(stateMachineOf(order.type), order.status, OrderStatus.PAYMENT_CONFIRMED);
      }
      const [recorded] = (await manager.query(
        'INSERT INTO payment_references (issuer_id, reference) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING reference',
        [actor.organizationId, request.reference],
      )) as unknown[];
      if (!recorded) throw new OrdersException(OrdersErrorCode.PAYMENT_REFERENCE_USED, `Payment reference ${request.reference} was used by an earlier confirmation`);
      const funds = await this.funds.findByIds([...new Set(orders.map((order) => order.fundId))], manager);
      const states = await this.movementStates(manager, orders);
      const results: { order: OrderEntity; fund: FundEntity }[] = [];
      for (const orderId of request.orderIds) {
        const order = byId.get(orderId)!;
        const fund = funds.get(order.fundId)!;
        await this.confirmOne(manager, actor, order, fund, states.get(order.id)!, request.reference);
        results.push({ order, fund });
      }
      return results;
    });
    // The answers are the orders as this transaction left them; only their histories are read after the commit.
    return Promise.all(results.map(async ({ order, fund }) => this.map(order, fund, await this.audit.statusHistory(this.dataSource.manager, 'order', order.id))));
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

  /**
   * The issuer confirms a subscription's cash was returned: REFUND_PENDING -> REFUNDED. Not for a stablecoin
   * that went into the settlement contract's escrow: marked REFUNDED by hand it would stay there, and the
   * cancellation's job, finding the order no longer REFUND_PENDING, would never send it back.
   */
  async confirmRefund(actor: Actor, orderId: string, request: RefundConfirmationRequestDto): Promise<OrderResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.findVisible(manager, actor, orderId, true);
      if (order.type !== OrderType.SUBSCRIPTION) throw new OrdersException(OrdersErrorCode.NOT_A_SUBSCRIPTION, 'Only subscriptions take a refund confirmation');
      if (await this.inEscrow(manager, order)) {
        throw new OrdersException(OrdersErrorCode.REFUND_FROM_ESCROW, `The stablecoin of order ${order.id} went into the settlement contract's escrow: it is refunded on chain, not confirmed by hand`);
      }
      await this.transition(manager, order, OrderStatus.REFUNDED, `refund ${request.reference}`, actorName(actor), { refundReference: request.reference });
    });
    return this.get(actor, orderId);
  }

  /** The order's stablecoin went into the settlement contract's escrow (a FORWARD request) and has not come out of it. */
  private async inEscrow(manager: EntityManager, order: OrderEntity): Promise<boolean> {
    if (order.type !== OrderType.SUBSCRIPTION) return false;
    return isInEscrow(await this.stablecoinPayments.paymentOf(order.id, manager));
  }

  /** Moves an order along its state machine with its audit row, in the caller's transaction. */
  async transition(manager: EntityManager, order: OrderEntity, to: OrderStatus, reason: string | null, actor: string, changes: Partial<OrderEntity> = {}): Promise<void> {
    assertTransition(stateMachineOf(order.type), order.status, to);
    await manager.update(OrderEntity, { id: order.id }, { ...changes, status: to });
    await this.audit.record(manager, { entityType: 'order', entityId: order.id, action: 'status-changed', fromStatus: order.status, toStatus: to, actor, reason });
    Object.assign(order, changes, { status: to });
    await this.orderEvents.emit(manager, [order]);
  }

  /**
   * Holds an order behind a new KYT alert (a screening hit where value moves: payment confirmation,
   * or the mint or burn job before it signs), in the caller's transaction.
   */
  async hold(manager: EntityManager, order: OrderEntity, screening: ScreeningResult, actor: string): Promise<void> {
    await this.kyt.raiseAlert(manager, AlertSubjectType.ORDER, order.id, screening);
    await this.transition(manager, order, OrderStatus.ON_HOLD, `KYT alert raised: ${screening.reasons.map((reason) => reason.code).join(', ')}`, actor);
  }

  /**
   * The wallet and investor state of each order, as the steps that move value screen them
   * (movementScreening): one statement, in the caller's transaction.
   */
  async movementStates(manager: EntityManager, orders: readonly OrderEntity[]): Promise<Map<string, MovementState>> {
    if (orders.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT o.id, ${this.wallets.stateSql('o.wallet_id')} AS wallet, ${this.investors.stateSql('o.investor_id')} AS investor,
         ${this.kyt.blocklistedSql(`(SELECT address FROM wallets WHERE id = o.wallet_id)`)} AS blocklisted
       FROM orders o WHERE o.id = ANY($1::uuid[])`,
      [orders.map((order) => order.id)],
    )) as ({ id: string } & MovementState)[];
    return new Map(rows.map((row) => [row.id, { wallet: row.wallet, investor: row.investor, blocklisted: row.blocklisted }]));
  }

  /** A paid subscription, checked, then held, refunded, priced or left waiting for its NAV. */
  private async confirmOne(manager: EntityManager, actor: Actor, order: OrderEntity, fund: FundEntity, state: MovementState, reference: string): Promise<void> {
    const actorId = actorName(actor);
    const now = new Date();
    await this.transition(manager, order, OrderStatus.PAYMENT_CONFIRMED, `payment ${reference}`, actorId, { paymentReference: reference });
    const screening = movementScreening(state, now, false);
    if (screening) return this.hold(manager, order, screening, actorId);
    // A paused fund's orders are priced and wait for the token (the mint job waits while it is paused).
    const refusal =
      (fund.status === FundStatus.PAUSED ? null : fundRefusal(fund, order.type)) ?? (state.investor ? investorRefusal(fund, investorOf(order, state.investor), now) : new OrdersException(OrdersErrorCode.KYC_NOT_APPROVED, 'The investor is gone'));
    if (refusal) return this.refund(manager, order, refusal, actorId);
    await this.transition(manager, order, OrderStatus.PRICING, null, actorId);
    await this.priceAndMint(manager, order, fund, actorId);
  }

  /** Cash arrived, units will not: REFUND_PENDING with the rule that refused as failureCode. */
  private async refund(manager: EntityManager, order: OrderEntity, refusal: OrdersException, actor: string): Promise<void> {
    await this.transition(manager, order, OrderStatus.REFUND_PENDING, `refused: ${refusal.message}; cash to be refunded`, actor, { failureCode: refusal.code });
  }

  /**
   * A FORWARD stablecoin cancellation the chain refused because the dealing day's cut-off had passed
   * there (the job ran late): the request is still in escrow and can only be settled with its day,
   * so the cancellation is undone (REFUND_PENDING -> PRICING, with the reason) and the order priced
   * at once if the day's NAV is out, as the other requests of the day were. In one transaction with
   * the job's completion. Answers false when the order was no longer REFUND_PENDING.
   */
  async reopenForPricing(orderId: string, job: JobItem, reason: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      await this.outbox.complete(manager, job);
      if (!order || order.status !== OrderStatus.REFUND_PENDING) return false;
      const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
      await this.transition(manager, order, OrderStatus.PRICING, reason, SYSTEM_ACTOR);
      await this.priceAndMint(manager, order, fund, SYSTEM_ACTOR);
      return true;
    });
  }

  /**
   * Prices a PRICING subscription at its dealing day's NAV (FundsService.navRowSql) and records the
   * mint intent, after the fund's holder caps (counted under the fund's lock, so concurrent
   * confirmations count each other) and refusing to REFUND_PENDING when they say no. Without that
   * NAV it waits; the fund row's key-share lock makes sure the strike of that NAV then sees it.
   */
  private async priceAndMint(manager: EntityManager, order: OrderEntity, fund: FundEntity, actor: string): Promise<void> {
    if (fund.pricing === FundPricing.FORWARD) await this.funds.lockForPricing(manager, fund.id);
    const priced = await this.funds.navFor(manager, fund.id, order.dealingDate);
    if (!priced) return;
    const step = mintingStep(order, fund, priced.nav, priced.asOf);
    // A FORWARD stablecoin request is minted under the reference its escrow request was keyed by.
    const forwardReference = fund.pricing === FundPricing.FORWARD ? (await this.stablecoinPayments.paymentOf(order.id, manager))?.referenceSeq : null;
    // Its stablecoin is in escrow already, and the way back after the cut-off is the token's own
    // refusal at the mint (rejectDepositRequest refunds it in full): refusing it here would leave the
    // escrow with no exit. The token enforces the same caps on chain.
    if (hasHolderLimits(fund) && !forwardReference) {
      await lockHolderLimits(manager, fund);
      const address = (await this.wallets.findById(manager, order.walletId))!.address;
      try {
        await checkHolderLimits(manager, { fund, walletId: order.walletId, address, units: BigInt(step.changes.units!), orderId: order.id });
      } catch (error) {
        if (error instanceof OrdersException) return this.refund(manager, order, error, actor);
        throw error;
      }
    }
    const referenceSeq = forwardReference ? BigInt(forwardReference) : await this.funds.allocateReferenceSeq(manager, fund.id);
    await this.transition(manager, order, step.to, step.reason, actor, { ...step.changes, referenceSeq: referenceSeq.toString() });
    await this.outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId: order.id } });
  }

  /** Prices a PRICING redemption at its dealing day's NAV and records the burn intent; otherwise it waits. */
  private async priceAndBurn(manager: EntityManager, order: OrderEntity, fund: FundEntity, actor: string): Promise<void> {
    if (fund.pricing === FundPricing.FORWARD) await this.funds.lockForPricing(manager, fund.id);
    const priced = await this.funds.navFor(manager, fund.id, order.dealingDate);
    if (!priced) return;
    const cashDecimals = currencyDecimals(fund.currency);
    const payout = priceRedemption(BigInt(order.units!), fund.unitDecimals, priced.nav, cashDecimals);
    const referenceSeq = await this.funds.allocateReferenceSeq(manager, fund.id);
    await this.transition(manager, order, OrderStatus.BURNING, `priced at NAV ${formatNav(priced.nav)} of ${priced.asOf}`, actor, {
      nav: formatDecimal(priced.nav, NAV_DECIMALS),
      navAsOf: priced.asOf,
      amount: formatDecimal(payout, cashDecimals),
      referenceSeq: referenceSeq.toString(),
    });
    await this.outbox.add(manager, { name: JobName.BURN_ORDER, data: { orderId: order.id } });
  }

  /**
   * The strike: a NAV was published, and the orders of its dealing day (for a STABLE_NAV fund, of
   * any day up to it) that waited in PRICING are priced at it together, their mints and burns
   * recorded in the publishing transaction (the mint batcher then sends them together).
   */
  private async priceWaitingOrders(manager: EntityManager, fundId: string, asOf: string): Promise<void> {
    const fund = (await this.funds.findByIds([fundId], manager)).get(fundId)!;
    const waiting = await manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.fund_id = :fundId AND o.status = :pricing', { fundId, pricing: OrderStatus.PRICING })
      .andWhere(fund.pricing === FundPricing.FORWARD ? 'o.dealing_date = :asOf' : 'o.dealing_date >= :asOf', { asOf })
      .orderBy('o.id', 'ASC')
      .getMany();
    for (const order of waiting) {
      if (order.type === OrderType.SUBSCRIPTION) await this.priceAndMint(manager, order, fund, SYSTEM_ACTOR);
      else await this.priceAndBurn(manager, order, fund, SYSTEM_ACTOR);
    }
  }

  /** Screens the order through KYT (travel rule, provider verdict), in the caller's transaction. */
  private screen(manager: EntityManager, order: OrderEntity, fund: FundEntity, wallet: WalletEntity, at: Date, prescreened?: PrescreenedOrder) {
    return this.kyt.screenOrder(manager, this.screeningRequest(order, fund, wallet, at), order.travelRule, prescreened);
  }

  private screeningRequest(order: OrderEntity, fund: FundEntity, wallet: WalletEntity, at: Date): OrderScreeningRequest {
    const cashDecimals = currencyDecimals(fund.currency);
    return {
      orderId: order.id,
      fundId: fund.id,
      investorId: order.investorId,
      type: order.type,
      walletAddress: wallet.address,
      walletBoundAt: wallet.createdAt,
      amount: order.amount === null ? null : numericToScaled(order.amount, cashDecimals),
      cashDecimals,
      at,
    };
  }

  /** The external part of screening a held order again, before any lock (undefined when it is no longer held). */
  private async prescreenHeld(orderId: string): Promise<PrescreenedOrder> {
    const manager = this.dataSource.manager;
    const order = await manager.findOneBy(OrderEntity, { id: orderId });
    if (!order || order.status !== OrderStatus.ON_HOLD) return undefined;
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    const wallet = await this.wallets.findForOrder(manager, order.distributorId, order.investorId, order.walletId);
    return this.kyt.prescreenOrder(this.screeningRequest(order, fund, wallet, order.createdAt));
  }

  /** An order held for review, screened again at its original time (its alert was raised because no provider answered). */
  private async rescreen(manager: EntityManager, orderId: string, prescreened: PrescreenedOrder) {
    const order = await manager.findOne(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.status !== OrderStatus.ON_HOLD) return null;
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    const wallet = await this.wallets.findForOrder(manager, order.distributorId, order.investorId, order.walletId);
    return this.screen(manager, order, fund, wallet, order.createdAt, prescreened);
  }

  /**
   * A decision on a held order releases it to where it was going, or rejects it: a priced order
   * back to its mint or burn, a paid one to its pricing, an unpaid one to AWAITING_PAYMENT; a
   * confirmed hit rejects it, and sends the cash of a paid subscription back (REFUND_PENDING).
   */
  private async onAlertDecided(manager: EntityManager, orderId: string, outcome: AlertOutcome, actor: string): Promise<void> {
    const order = await manager.findOneOrFail(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (order.status !== OrderStatus.ON_HOLD) return;
    const reason = `KYT alert ${outcome.toLowerCase()}`;
    const paid = order.type === OrderType.SUBSCRIPTION && order.paymentReference !== null;
    if (outcome === 'CONFIRMED') {
      if (paid) return this.transition(manager, order, OrderStatus.REFUND_PENDING, `${reason}: cash to be refunded`, actor);
      // A FORWARD request's stablecoin is in escrow: not REJECTED as if nothing had moved. It stays there
      // (no automatic refund to a wallet confirmed as a hit) until compliance and the issuer decide.
      if (await this.inEscrow(manager, order)) return this.transition(manager, order, OrderStatus.REFUND_PENDING, `${reason}: the stablecoin stays in the settlement contract's escrow`, actor);
      return this.transition(manager, order, OrderStatus.REJECTED, reason, actor);
    }
    if (order.referenceSeq !== null) {
      // Priced before the hold (the mint or burn job found it): back to that job, which screens again.
      const subscription = order.type === OrderType.SUBSCRIPTION;
      await this.transition(manager, order, subscription ? OrderStatus.MINTING : OrderStatus.BURNING, reason, actor);
      return this.outbox.add(manager, { name: subscription ? JobName.MINT_ORDER : JobName.BURN_ORDER, data: { orderId: order.id } });
    }
    if (order.type === OrderType.SUBSCRIPTION && !paid) return this.transition(manager, order, OrderStatus.AWAITING_PAYMENT, reason, actor);
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    await this.transition(manager, order, OrderStatus.PRICING, reason, actor);
    if (order.type === OrderType.SUBSCRIPTION) await this.priceAndMint(manager, order, fund, actor);
    else await this.priceAndBurn(manager, order, fund, actor);
  }

  /**
   * A redemption's units, checked against the wallet's units on chain (read before the
   * transaction) less those already on their way out and those still in the fund's lock-up. KYC
   * and eligibility are not checked: a holder whose KYC lapsed, whose class or jurisdiction is no
   * longer eligible, or whose distributor was unshelved can always redeem (a guaranteed exit).
   */
  private async checkRedemption(manager: EntityManager, fund: FundEntity, wallet: WalletEntity, unitsText: string, context: PlacementContext): Promise<{ amount: null; units: string }> {
    if (fractionDigits(unitsText) > fund.unitDecimals) {
      throw new InputValidationException([{ field: 'units', message: `units may have at most ${fund.unitDecimals} decimals in this fund` }]);
    }
    if (unitsText.split('.')[0]!.length > 60) throw new InputValidationException([{ field: 'units', message: 'units has too many digits' }]);
    const units = parseDecimal(unitsText, fund.unitDecimals);
    if (units === 0n) throw new InputValidationException([{ field: 'units', message: 'units must be greater than zero' }]);
    const balance = context.balance;
    if (!balance || balance.fundId !== fund.id || balance.walletId !== wallet.id) throw new Error(`No balance was read for wallet ${wallet.id} in fund ${fund.id} before placement`);
    const { available, unlocked } = await redeemableUnits(manager, fund, wallet.id, balance.units, balance.readAt);
    if (units > available) {
      throw new OrdersException(OrdersErrorCode.INSUFFICIENT_UNITS, `The wallet holds ${formatDecimal(available > 0n ? available : 0n, fund.unitDecimals)} redeemable units`);
    }
    if (units > unlocked) {
      throw new OrdersException(OrdersErrorCode.UNITS_LOCKED, `Only ${formatDecimal(unlocked > 0n ? unlocked : 0n, fund.unitDecimals)} of the wallet's units are out of the ${fund.lockupDays}-day lock-up`);
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

  map(
    order: OrderEntity,
    fund: FundEntity,
    events: { from: string | null; to: string | null; at: string; reason: string | null }[],
    payment: StablecoinPaymentEntity | null = null,
  ): OrderResponseDto {
    return orderView(order, fund, events, payment ? this.stablecoinPayments.legOf(payment) : undefined);
  }

}

/** Where a cancellation takes the order, or null when it can no longer be cancelled. */
function cancellationOf(order: OrderEntity): OrderStatus | null {
  if (order.type === OrderType.REDEMPTION) return order.status === OrderStatus.PRICING || order.status === OrderStatus.ON_HOLD ? OrderStatus.CANCELLED : null;
  switch (order.status) {
    case OrderStatus.RECEIVED:
    case OrderStatus.AWAITING_PAYMENT:
      return OrderStatus.CANCELLED;
    case OrderStatus.ON_HOLD:
      // Held after payment (or after pricing): the cash came, so it goes back.
      if (order.referenceSeq !== null) return null;
      return order.paymentReference === null ? OrderStatus.CANCELLED : OrderStatus.REFUND_PENDING;
    case OrderStatus.PAYMENT_CONFIRMED:
    case OrderStatus.PRICING:
      return OrderStatus.REFUND_PENDING;
    default:
      return null;
  }
}


