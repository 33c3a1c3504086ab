import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Address, Hex } from 'viem';
import { ChainErrorCode, ChainException, contractErrorCode, SettlementFailureReason, settlementFailureReason, TokenGateway } from '@rwa/chain';
import { hydrate, SqlStatement } from '@rwa/database';
import { FundsService } from '@rwa/funds';
import { JobName, OutboxService, type JobItem } from '@rwa/queue';
import { WalletsService } from '@rwa/wallets';
import { InvestorsService } from '@rwa/investors';
import { KytService, type ScreeningResult } from '@rwa/kyt';
import { NAV_DECIMALS, numericToScaled, SYSTEM_ACTOR } from '@rwa/common';
import { StablecoinPaymentsService, StablecoinsErrorCode, StablecoinsException } from '@rwa/stablecoins';
import { investorOf, movementScreening, type MovementState } from './movement-screening.js';
import { fundRefusal } from './order-rules.js';
import { investorRefusal } from './subscription-terms.js';
import { OrdersService } from './orders.service.js';
import { MintBatcher } from './mint-batcher.service.js';
import { OrderEntity, OrderStatus } from './order.entity.js';
import { SettlementCommitter } from './settlement-committer.service.js';

export type SettlementOutcome = 'settled' | 'burned' | 'skipped' | 'failed' | 'held' | 'refund-pending' | 'reopened';

/**
 * The fund's token is paused (or a pause or resume is not confirmed yet): the job waits, retried
 * with its backoff (and re-enqueued by the outbox relay after its attempts), and sends once the
 * token is unpaused. Nothing is lost and nothing is refused meanwhile.
 */
export class TokenPausedError extends Error {}

/** The token's custom error for a movement while paused. */
const PAUSED_ERROR = 'FundTokenEnforcedPause';

interface OnChainStep {
  job: JobItem;
  /** The status the order waits in while its transaction is under way. */
  waitingIn: OrderStatus;
  /** Where a confirmed transaction takes it. */
  confirmedTo: OrderStatus;
  outcome: SettlementOutcome;
  send: (order: OrderEntity, token: Address, walletAddress: Address) => Promise<Hex>;
  /** Whether the investor's KYC is screened again before sending (mints; a burn is the guaranteed exit). */
  checkKyc: boolean;
  /** Where a contract refusal takes the order: a subscription's cash goes back, a redemption fails (nothing moved). */
  refusedTo: OrderStatus;
}

/**
 * The chain side of orders (worker): mints a priced subscription and settles it, burns a priced
 * redemption and waits for the issuer's payout. Every step is idempotent: an order no longer in
 * the step's status is left alone, and the transaction is guarded by its record and, last, by
 * the token's order reference.
 */
@Injectable()
export class OrderSettlementService {
  private readonly logger = new Logger(OrderSettlementService.name);
  /** Fund id -> token address: set once when the fund is activated and never changed, so read once per process. */
  private readonly tokens = new Map<string, Address>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly wallets: WalletsService,
    private readonly gateway: TokenGateway,
    private readonly outbox: OutboxService,
    private readonly batcher: MintBatcher,
    private readonly committer: SettlementCommitter,
    private readonly orders: OrdersService,
    private readonly investors: InvestorsService,
    private readonly kyt: KytService,
    private readonly stablecoinPayments: StablecoinPaymentsService,
  ) {}

  async handleMintOrder(orderId: string): Promise<SettlementOutcome> {
    return this.run(orderId, {
      job: { name: JobName.MINT_ORDER, data: { orderId } },
      waitingIn: OrderStatus.MINTING,
      confirmedTo: OrderStatus.SETTLED,
      outcome: 'settled',
      send: (order, token, walletAddress) => this.mint(order, token, walletAddress),
      checkKyc: true,
      refusedTo: OrderStatus.REFUND_PENDING,
    });
  }

  /**
   * Mints through the order's batch when batching is on (or the order already has a batch), else
   * alone. A batch the contract refused falls back to minting its orders one by one, so each order
   * fails or settles on its own merits.
   */
  private async mint(order: OrderEntity, token: Address, to: Address): Promise<Hex> {
    const item = { orderId: order.id, to, amount: BigInt(order.units!), referenceSeq: BigInt(order.referenceSeq!) };
    // join() finds the order's batch if it already has one (a retried or concurrent job); with
    // batching off, a batch formed before it was turned off is still the order's.
    const batch = this.batcher.enabled ? await this.batcher.join(token, item) : await this.batcher.batchOf(order.id);
    const batchId = batch?.status === 'OPEN' ? batch.id : null;
    if (batchId) {
      try {
        const applied = await this.batcher.execute(batchId);
        const txHash = applied.get(item.referenceSeq);
        if (!txHash) throw new Error(`Mint batch ${batchId} did not apply order ${order.id}`);
        return txHash;
      } catch (error) {
        if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
        this.logger.warn(`Mint batch ${batchId} reverted (${error.errorName ?? 'unknown'}); minting its orders one by one`);
        await this.batcher.markReverted(batchId);
      }
    }
    return this.gateway.mintUnits(`mint-order-${order.id}`, { token, ...item });
  }

  /**
   * A FORWARD stablecoin subscription whose wallet authorised the payment (PAYMENT_CONFIRMED): every
   * control is run again just before signing (screening: blocklist, freeze, wallet status, KYC; the
   * fund's status and the investor's rules; the token's pause), then the dealing day is scheduled
   * on chain if needed and the one request transaction moves the stablecoin into escrow. The order
   * then waits in PRICING for its dealing day's NAV. A refusal before or by the transaction fails
   * it with its reason (nothing moved).
   */
  async handleRequestStablecoinDeposit(orderId: string): Promise<SettlementOutcome> {
    const job: JobItem = { name: JobName.REQUEST_STABLECOIN_DEPOSIT, data: { orderId } };
    const step: OnChainStep = {
      job,
      waitingIn: OrderStatus.PAYMENT_CONFIRMED,
      confirmedTo: OrderStatus.PRICING,
      outcome: 'settled',
      send: () => Promise.reject(new Error('not sent through run()')),
      checkKyc: true,
      refusedTo: OrderStatus.FAILED,
    };
    const manager = this.dataSource.manager;
    const order = await manager.findOneBy(OrderEntity, { id: orderId });
    const payment = order ? await this.stablecoinPayments.paymentOf(orderId) : null;
    if (!order || order.status !== OrderStatus.PAYMENT_CONFIRMED || payment?.referenceSeq == null) {
      await this.outbox.complete(manager, job);
      return 'skipped';
    }
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId)!;
    const token = await this.tokenOf(order.fundId);
    const state = (await this.orders.movementStates(manager, [order])).get(order.id)!;
    if (!token || !state.wallet) throw new Error(`Order ${order.id} is ${order.status} without a token or wallet`);
    const hit = movementScreening(state, new Date(), true);
    if (hit) return this.hold(orderId, step, hit);
    const refusal = fundRefusal(fund, order.type) ?? (state.investor ? investorRefusal(fund, investorOf(order, state.investor), new Date()) : null);
    if (refusal) return this.refuse(orderId, step, refusal.message, refusal.code);
    const [paused] = (await manager.query(`SELECT ${this.funds.tokenPausedSql('$1::uuid')} AS paused`, [order.fundId])) as { paused: boolean }[];
    if (paused!.paused) return this.refuse(orderId, step, 'the fund token is paused', StablecoinsErrorCode.SETTLEMENT_PAUSED);
    const wallet = (await this.wallets.findById(manager, order.walletId))!.address;
    let txHash: Hex;
    try {
      ({ txHash } = await this.stablecoinPayments.requestForward({
        orderId,
        fundId: order.fundId,
        token,
        wallet,
        referenceSeq: BigInt(payment.referenceSeq),
        dealingDate: order.dealingDate,
        cutOffAt: order.cutOffAt,
      }));
    } catch (error) {
      if (error instanceof StablecoinsException) return this.refuse(orderId, step, error.message, error.code);
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      return this.refuse(orderId, step, `transaction reverted: ${error.errorName ?? 'unknown'}`, settlementFailureReason(error.errorName) ?? contractErrorCode(error.errorName));
    }
    await this.committer.commit({ orderId, job, waitingIn: step.waitingIn, to: OrderStatus.PRICING, reason: `stablecoin in escrow in ${txHash}: waiting for the NAV of ${order.dealingDate}` });
    return 'settled';
  }

  /** A cancelled FORWARD stablecoin request (REFUND_PENDING): refunded from escrow in full, then REFUNDED. */
  async handleCancelStablecoinDeposit(orderId: string): Promise<SettlementOutcome> {
    const job: JobItem = { name: JobName.CANCEL_STABLECOIN_DEPOSIT, data: { orderId } };
    const manager = this.dataSource.manager;
    const order = await manager.findOneBy(OrderEntity, { id: orderId });
    const token = order ? await this.tokenOf(order.fundId) : null;
    if (!order || order.status !== OrderStatus.REFUND_PENDING || !token) {
      await this.outbox.complete(manager, job);
      return 'skipped';
    }
    let txHash: Hex;
    try {
      ({ txHash } = await this.stablecoinPayments.cancelForward(orderId, token));
    } catch (error) {
      // The cut-off passed on chain before the job ran: the request can no longer be cancelled and
      // would stay in escrow forever; it is settled with its day instead. Other refusals (a pause) retry.
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED && settlementFailureReason(error.errorName) === SettlementFailureReason.DEALING_DAY_CLOSED)) throw error;
      const reopened = await this.orders.reopenForPricing(orderId, job, `cancellation refused on chain (${error.errorName}): the cut-off of ${order.dealingDate} had passed; priced with its dealing day`);
      return reopened ? 'reopened' : 'skipped';
    }
    await this.committer.commit({ orderId, job, waitingIn: OrderStatus.REFUND_PENDING, to: OrderStatus.REFUNDED, reason: `stablecoin refunded from escrow in ${txHash}` });
    return 'settled';
  }

  async handleBurnOrder(orderId: string): Promise<SettlementOutcome> {
    return this.run(orderId, {
      job: { name: JobName.BURN_ORDER, data: { orderId } },
      waitingIn: OrderStatus.BURNING,
      confirmedTo: OrderStatus.PAYOUT_PENDING,
      outcome: 'burned',
      send: (order, token, walletAddress) =>
        this.gateway.burnUnits(`burn-order-${order.id}`, {
          token,
          from: walletAddress,
          amount: BigInt(order.units!),
          referenceSeq: BigInt(order.referenceSeq!),
          orderId: order.id,
        }),
      checkKyc: false,
      refusedTo: OrderStatus.FAILED,
    });
  }

  private async run(orderId: string, step: OnChainStep): Promise<SettlementOutcome> {
    // One named statement per job: the order, its wallet's address, what the step screens again
    // just before it signs, and whether the token is paused.
    const read = new SqlStatement();
    const [row] = await read.execute<
      Record<string, unknown> & { wallet_address: Address | null; wallet_state: MovementState['wallet']; investor_state: MovementState['investor']; blocklisted: boolean; token_paused: boolean }
    >(
      this.dataSource,
      `SELECT o.*, ${this.wallets.addressSql('o.wallet_id')} AS wallet_address, ${this.wallets.stateSql('o.wallet_id')} AS wallet_state,
         ${this.investors.stateSql('o.investor_id')} AS investor_state, ${this.kyt.blocklistedSql(this.wallets.addressSql('o.wallet_id'))} AS blocklisted,
         ${this.funds.tokenPausedSql('o.fund_id')} AS token_paused
       FROM orders o WHERE o.id = ${read.param(orderId, 'uuid')}`,
    );
    const order = row ? hydrate(this.dataSource, OrderEntity, row) : null;
    if (!order || order.status !== step.waitingIn) {
      await this.outbox.complete(this.dataSource.manager, step.job);
      return 'skipped';
    }
    const token = await this.tokenOf(order.fundId);
    const walletAddress = row!.wallet_address;
    if (!token || !walletAddress || order.units === null || order.referenceSeq === null) {
      throw new Error(`Order ${order.id} is ${order.status} without a token, wallet, units or reference`);
    }
    const payment = await this.stablecoinPayments.paymentOf(order.id);
    if (payment) step = this.stablecoinStep(step);
    if (row!.token_paused) {
      // A stablecoin order cannot wait (its permit expires): it fails with nothing moved.
      if (payment) return this.refuse(order.id, step, 'the fund token is paused', StablecoinsErrorCode.SETTLEMENT_PAUSED);
      throw new TokenPausedError(`The token of fund ${order.fundId} is paused: order ${order.id} waits`);
    }
    const hit = movementScreening({ wallet: row!.wallet_state, investor: row!.investor_state, blocklisted: row!.blocklisted }, new Date(), step.checkKyc);
    // An order already in a mint batch is sent with it (its batch may be under way in another job): the hit came after.
    if (hit && (payment || !(step.job.name === JobName.MINT_ORDER && (await this.batcher.batchOf(order.id))))) return this.hold(orderId, step, hit);
    let txHash: Hex;
    try {
      txHash = await step.send(order, token, walletAddress);
    } catch (error) {
      // A pre-check of the stablecoin leg said no before anything was sent (expired permit, too little stablecoin).
      if (payment && error instanceof StablecoinsException) return this.refuse(order.id, step, error.message, error.code);
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      if (payment) return this.refuse(order.id, step, `transaction reverted: ${error.errorName ?? 'unknown'}`, settlementFailureReason(error.errorName) ?? contractErrorCode(error.errorName));
      if (error.errorName === PAUSED_ERROR) throw new TokenPausedError(`The token of fund ${order.fundId} was paused under order ${order.id}: it waits`);
      this.logger.error(`${step.job.name} for order ${order.id} reverted: ${error.message}`);
      const refund = step.refusedTo === OrderStatus.REFUND_PENDING;
      const reason = `transaction reverted: ${error.errorName ?? 'unknown'}${refund ? '; cash to be refunded' : ''}`;
      await this.committer.commit({ orderId: order.id, job: step.job, waitingIn: step.waitingIn, to: step.refusedTo, reason, failureCode: contractErrorCode(error.errorName) });
      return refund ? 'refund-pending' : 'failed';
    }
    const reason = payment
      ? `settled against stablecoin in ${txHash}`
      : `${step.job.name === JobName.MINT_ORDER ? 'minted' : 'burned'} in ${txHash}`;
    await this.committer.commit({ orderId: order.id, job: step.job, waitingIn: step.waitingIn, to: step.confirmedTo, reason, txHash });
    return step.outcome;
  }

  /**
   * The step of an order paid or paid out in stablecoin: one FundSettlement transaction moves the
   * stablecoin and the units (mint against pay-in, burn against pay-out); the order settles when it
   * is confirmed and fails, with nothing moved, when it reverts (never retried).
   */
  private stablecoinStep(step: OnChainStep): OnChainStep {
    const subscription = step.job.name === JobName.MINT_ORDER;
    return {
      ...step,
      confirmedTo: OrderStatus.SETTLED,
      outcome: 'settled',
      refusedTo: OrderStatus.FAILED,
      send: async (order, token, wallet) => {
        const subject = { orderId: order.id, token, wallet, referenceSeq: BigInt(order.referenceSeq!), units: BigInt(order.units!) };
        if (subscription && (await this.stablecoinPayments.paymentOf(order.id))?.referenceSeq != null) {
          // FORWARD: the escrowed request settled at its dealing day's NAV (the day struck on chain first).
          return (await this.stablecoinPayments.settleForward({ ...subject, fundId: order.fundId, dealingDate: order.dealingDate, nav: numericToScaled(order.nav!, NAV_DECIMALS) })).txHash;
        }
        return (await (subscription ? this.stablecoinPayments.settlePayIn(subject) : this.stablecoinPayments.settlePayOut(subject))).txHash;
      },
    };
  }

  /** A stablecoin order refused before or by its transaction: FAILED with the reason, nothing moved. */
  private async refuse(orderId: string, step: OnChainStep, reason: string, failureCode: string): Promise<SettlementOutcome> {
    this.logger.warn(`${step.job.name} for stablecoin order ${orderId} refused: ${reason}`);
    await this.committer.commit({ orderId, job: step.job, waitingIn: step.waitingIn, to: OrderStatus.FAILED, reason, failureCode });
    return 'failed';
  }

  /** A hit just before signing: the order is held behind a KYT alert and nothing is sent. */
  private async hold(orderId: string, step: OnChainStep, screening: ScreeningResult): Promise<SettlementOutcome> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (order?.status === step.waitingIn) await this.orders.hold(manager, order, screening, SYSTEM_ACTOR);
      await this.outbox.complete(manager, step.job);
    });
    this.logger.warn(`${step.job.name} for order ${orderId} held before signing: ${screening.reasons.map((reason) => reason.code).join(', ')}`);
    return 'held';
  }

  private async tokenOf(fundId: string): Promise<Address | null> {
    const cached = this.tokens.get(fundId);
    if (cached) return cached;
    const token = (await this.funds.findById(fundId))?.tokenAddress ?? null;
    if (token) this.tokens.set(fundId, token);
    return token;
  }
}
