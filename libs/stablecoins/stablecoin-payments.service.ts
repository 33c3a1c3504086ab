import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { erc20Abi, getAddress, recoverTypedDataAddress, type Address, type Hex } from 'viem';
import { formatDecimal, fractionDigits, InputValidationException, parseDecimal, pow10 } from '@rwa/common';
import {
  ChainClients,
  ChainErrorCode,
  ChainException,
  fundSettlementAbi,
  settlementFailureReason,
  SettlementGateway,
  TransactionManager,
  type PaymentAuthorization,
  type PermitTypedData,
  type SettlementOrder,
  type SettlementResult,
} from '@rwa/chain';
import { SettlementContracts } from './settlement-contracts.service.js';
import { FundStablecoinStatus, StablecoinDirection, StablecoinEntity, StablecoinPaymentEntity, StablecoinPaymentMethod } from './stablecoin.entities.js';
import { StablecoinsErrorCode, StablecoinsException } from './stablecoins.exception.js';

/** How long a permit handed out at placement stays valid: until then anyone holding the signature could apply it. */
export const PERMIT_TTL_SECONDS = 15 * 60;
/** A permit that expires sooner than this is refused at authorisation: it could expire before its transaction is mined. */
const PERMIT_MIN_REMAINING_SECONDS = 30;

/** A subscription's stablecoin leg as placement prices it, read before the order's transaction. */
export interface PayInQuote {
  stablecoin: StablecoinEntity;
  settlement: Address;
  /** The order's cash amount in the stablecoin's base units: the permit's value. */
  amount: bigint;
  deadline: bigint;
  typedData: PermitTypedData;
}

/** A subscription's stablecoin leg as the distributor's authorisation gives it. */
export type PayInAuthorization = { method: StablecoinPaymentMethod.PERMIT; signature: Hex } | { method: StablecoinPaymentMethod.APPROVAL };

/** What the order and its wallet are, for the settlement calls. */
export interface SettlementSubject {
  orderId: string;
  token: Address;
  wallet: Address;
  referenceSeq: bigint;
  /** Units to mint at least (subscription) or to burn (redemption). */
  units: bigint;
}

/** The typed data as JSON carries it (bigints as decimal strings). */
export function typedDataJson(typedData: PermitTypedData): Record<string, unknown> {
  const { message } = typedData;
  return {
    ...typedData,
    message: { ...message, value: message.value.toString(), nonce: message.nonce.toString(), deadline: message.deadline.toString() },
  };
}

/**
 * The stablecoin legs of orders: priced and recorded at placement, authorised by the investor's
 * wallet, checked against the chain before anything is signed, and settled by the worker in one
 * FundSettlement transaction through the TransactionManager (intent `stablecoin-<orderId>`).
 */
@Injectable()
export class StablecoinPaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly gateway: SettlementGateway,
    private readonly transactions: TransactionManager,
    private readonly settlementContracts: SettlementContracts,
  ) {}

  /**
   * The stablecoin leg of a subscription and the permit the wallet signs for it (its nonce read
   * from the token now: call outside any transaction).
   * @throws STABLECOIN_NOT_ACCEPTED, VALIDATION_FAILED (more decimals than the stablecoin has)
   */
  async quotePayIn(fundId: string, stablecoinId: string, wallet: Address, amountText: string, now: Date): Promise<PayInQuote> {
    const { stablecoin, settlement } = await this.acceptedRoute(this.dataSource.manager, fundId, stablecoinId);
    if (fractionDigits(amountText) > stablecoin.decimals) {
      throw new InputValidationException([{ field: 'amount', message: `amount may have at most ${stablecoin.decimals} decimals when paid in ${stablecoin.symbol}` }]);
    }
    const amount = parseDecimal(amountText, stablecoin.decimals);
    // The contract compares the deadline with the block's time: it counts from the chain's clock.
    const deadline = (await this.chainTime(now)) + BigInt(PERMIT_TTL_SECONDS);
    const typedData = await this.gateway.permitTypedData({ stablecoin: stablecoin.address, owner: wallet, spender: settlement, value: amount, deadline });
    return { stablecoin, settlement, amount, deadline, typedData };
  }

  /** Records a subscription's stablecoin leg, in the placement's transaction (the route checked again under a key-share lock). */
  async recordPayIn(manager: EntityManager, payment: { orderId: string; fundId: string; investorId: string; stablecoinId: string; amount: bigint; deadline: bigint }): Promise<void> {
    await this.acceptedRoute(manager, payment.fundId, payment.stablecoinId, 'FOR KEY SHARE');
    await manager.insert(StablecoinPaymentEntity, {
      orderId: payment.orderId,
      fundId: payment.fundId,
      investorId: payment.investorId,
      stablecoinId: payment.stablecoinId,
      direction: StablecoinDirection.PAY_IN,
      instant: false,
      amount: payment.amount.toString(),
      method: null,
      signature: null,
      deadline: payment.deadline.toString(),
      txHash: null,
      settledAmount: null,
    });
  }

  /**
   * Records an instant redemption's stablecoin leg within today's caps (UTC day, as the contract
   * counts), in the placement's transaction: the fund's route row is locked, so concurrent
   * redemptions of the fund count each other. Cancelled, rejected and failed orders do not count.
   * @returns the payout in the stablecoin's base units
   * @throws INSTANT_REDEMPTION_CAP_EXCEEDED, STABLECOIN_NOT_ACCEPTED
   */
  async reserveInstantRedemption(
    manager: EntityManager,
    payout: { orderId: string; fundId: string; investorId: string; stablecoinId: string; units: bigint; unitDecimals: number; nav: bigint },
  ): Promise<{ amount: bigint; stablecoin: StablecoinEntity }> {
    const { stablecoin, route } = await this.acceptedRoute(manager, payout.fundId, payout.stablecoinId, 'FOR UPDATE');
    // floor(units x nav x 10^decimals / 10^(8 + unitDecimals)), as the contract's _redemptionValue.
    const amount = (payout.units * payout.nav * pow10(stablecoin.decimals)) / pow10(8 + payout.unitDecimals);
    if (amount === 0n) throw new InputValidationException([{ field: 'units', message: 'units are worth less than one base unit of the stablecoin' }]);
    const [used] = (await manager.query(
      `SELECT coalesce(sum(p.amount), 0)::text AS fund, coalesce(sum(p.amount) FILTER (WHERE p.investor_id = $3), 0)::text AS investor
       FROM stablecoin_payments p JOIN orders o ON o.id = p.order_id
       WHERE p.fund_id = $1 AND p.stablecoin_id = $2 AND p.instant AND p.created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
         AND o.status NOT IN ('CANCELLED', 'REJECTED', 'FAILED')`,
      [payout.fundId, payout.stablecoinId, payout.investorId],
    )) as { fund: string; investor: string }[];
    const fundCap = BigInt(route.instant_redemption_daily_cap);
    const investorCap = BigInt(route.instant_redemption_per_investor_daily_cap);
    const fundUsed = BigInt(used!.fund);
    const investorUsed = BigInt(used!.investor);
    const show = (value: bigint) => `${formatDecimal(value, stablecoin.decimals)} ${stablecoin.symbol}`;
    if (fundUsed + amount > fundCap) {
      throw new StablecoinsException(StablecoinsErrorCode.INSTANT_REDEMPTION_CAP_EXCEEDED, `${show(amount)} would exceed the fund's instant redemption cap of ${show(fundCap)} today (${show(fundUsed)} used)`);
    }
    if (investorUsed + amount > investorCap) {
      throw new StablecoinsException(
        StablecoinsErrorCode.INSTANT_REDEMPTION_CAP_EXCEEDED,
        `${show(amount)} would exceed the investor's instant redemption cap of ${show(investorCap)} today (${show(investorUsed)} used)`,
      );
    }
    await manager.insert(StablecoinPaymentEntity, {
      orderId: payout.orderId,
      fundId: payout.fundId,
      investorId: payout.investorId,
      stablecoinId: payout.stablecoinId,
      direction: StablecoinDirection.PAY_OUT,
      instant: true,
      amount: amount.toString(),
      method: null,
      signature: null,
      deadline: null,
      txHash: null,
      settledAmount: null,
    });
    return { amount, stablecoin };
  }

  async paymentOf(orderId: string, manager: EntityManager = this.dataSource.manager): Promise<StablecoinPaymentEntity | null> {
    return manager.findOneBy(StablecoinPaymentEntity, { orderId });
  }

  async paymentsOf(orderIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, StablecoinPaymentEntity>> {
    if (orderIds.length === 0) return new Map();
    const rows = await manager.getRepository(StablecoinPaymentEntity).findBy({ orderId: In([...orderIds]) });
    return new Map(rows.map((row) => [row.orderId, row]));
  }

  /**
   * Checks an authorisation against the chain before anything is stored or signed (outside any
   * transaction): a permit signed by the investor's wallet for the order's amount and not about to
   * expire, or an approval of the settlement contract large enough; the wallet's balance; neither
   * the settlement contract nor the fund's token paused.
   * @throws PERMIT_EXPIRED, PAYMENT_NOT_AUTHORIZED, INSUFFICIENT_STABLECOIN_BALANCE, SETTLEMENT_PAUSED
   */
  async checkPayIn(payment: StablecoinPaymentEntity, wallet: Address, token: Address, authorization: PayInAuthorization, now: Date): Promise<void> {
    const stablecoin = await this.stablecoin(payment.stablecoinId);
    const settlement = await this.requireSettlement();
    const amount = BigInt(payment.amount);
    const client = this.clients.publicClient;
    const [balance, settlementPaused, tokenPaused] = await Promise.all([
      client.readContract({ address: stablecoin.address, abi: erc20Abi, functionName: 'balanceOf', args: [wallet] }),
      client.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'paused' }),
      client.readContract({ address: token, abi: pausableAbi, functionName: 'paused' }),
    ]);
    if (settlementPaused || tokenPaused) throw new StablecoinsException(StablecoinsErrorCode.SETTLEMENT_PAUSED, `The ${settlementPaused ? 'settlement contract' : "fund's token"} is paused`);
    if (authorization.method === StablecoinPaymentMethod.APPROVAL) {
      const allowance = await client.readContract({ address: stablecoin.address, abi: erc20Abi, functionName: 'allowance', args: [wallet, settlement] });
      if (allowance < amount) {
        throw new StablecoinsException(StablecoinsErrorCode.PAYMENT_NOT_AUTHORIZED, `The wallet approved ${formatDecimal(allowance, stablecoin.decimals)} ${stablecoin.symbol} to ${settlement}, less than ${formatDecimal(amount, stablecoin.decimals)}`);
      }
    } else {
      const deadline = BigInt(payment.deadline!);
      if (deadline < (await this.chainTime(now)) + BigInt(PERMIT_MIN_REMAINING_SECONDS)) {
        throw new StablecoinsException(StablecoinsErrorCode.PERMIT_EXPIRED, `The permit expired at ${new Date(Number(deadline) * 1000).toISOString()}: place a new order`);
      }
      const typedData = await this.gateway.permitTypedData({ stablecoin: stablecoin.address, owner: wallet, spender: settlement, value: amount, deadline });
      const signer = await recoverTypedDataAddress({ ...typedData, signature: authorization.signature }).catch(() => null);
      if (signer === null || getAddress(signer) !== getAddress(wallet)) {
        throw new StablecoinsException(StablecoinsErrorCode.PAYMENT_NOT_AUTHORIZED, "The signature is not the investor's wallet's permit for this order (wrong signer, amount, deadline or nonce)");
      }
    }
    if (balance < amount) {
      throw new StablecoinsException(
        StablecoinsErrorCode.INSUFFICIENT_STABLECOIN_BALANCE,
        `The wallet holds ${formatDecimal(balance, stablecoin.decimals)} ${stablecoin.symbol}, less than the order's ${formatDecimal(amount, stablecoin.decimals)}`,
      );
    }
  }

  /** Stores the authorisation on the order's leg, in the caller's transaction. */
  async recordAuthorization(manager: EntityManager, orderId: string, authorization: PayInAuthorization): Promise<void> {
    await manager.update(StablecoinPaymentEntity, { orderId }, { method: authorization.method, signature: authorization.method === StablecoinPaymentMethod.PERMIT ? authorization.signature : null });
  }

  /**
   * Worker: the atomic subscription. Before the first send (no transaction recorded for the intent),
   * what would make it revert is checked and refused without sending: an expired permit, too little
   * stablecoin. The leg's transaction and what moved are recorded on the leg.
   * @throws StablecoinsException for a pre-check, ChainException CONTRACT_REVERTED for a revert
   */
  async settlePayIn(subject: SettlementSubject): Promise<SettlementResult> {
    const payment = (await this.paymentOf(subject.orderId))!;
    const stablecoin = await this.stablecoin(payment.stablecoinId);
    const settlement = await this.requireSettlement();
    const intent = intentOf(subject.orderId);
    const amount = BigInt(payment.amount);
    if (!(await this.transactions.findByIntent(intent))) {
      if (payment.method === StablecoinPaymentMethod.PERMIT && BigInt(payment.deadline!) <= (await this.chainTime(new Date())) + 5n) {
        throw new StablecoinsException(StablecoinsErrorCode.PERMIT_EXPIRED, `The permit expired at ${new Date(Number(payment.deadline) * 1000).toISOString()}`);
      }
      const balance = await this.clients.publicClient.readContract({ address: stablecoin.address, abi: erc20Abi, functionName: 'balanceOf', args: [subject.wallet] });
      if (balance < amount && !(await this.applied(subject))) {
        throw new StablecoinsException(StablecoinsErrorCode.INSUFFICIENT_STABLECOIN_BALANCE, `The wallet holds ${formatDecimal(balance, stablecoin.decimals)} ${stablecoin.symbol}, less than ${formatDecimal(amount, stablecoin.decimals)}`);
      }
    }
    const authorization: PaymentAuthorization =
      payment.method === StablecoinPaymentMethod.PERMIT ? { method: 'PERMIT', signature: payment.signature!, deadline: BigInt(payment.deadline!) } : { method: 'APPROVAL' };
    const result = await this.gateway.subscribe(intent, {
      ...settlementOrder(settlement, stablecoin.address, subject),
      amount,
      minUnits: subject.units,
      authorization,
    });
    await this.recordSettled(subject.orderId, result);
    return result;
  }

  /** Worker: the instant redemption, at least the payout priced at placement. */
  async settlePayOut(subject: SettlementSubject): Promise<SettlementResult> {
    const payment = (await this.paymentOf(subject.orderId))!;
    const stablecoin = await this.stablecoin(payment.stablecoinId);
    const settlement = await this.requireSettlement();
    const result = await this.gateway.redeem(intentOf(subject.orderId), {
      ...settlementOrder(settlement, stablecoin.address, subject),
      units: subject.units,
      minAmount: BigInt(payment.amount),
    });
    await this.recordSettled(subject.orderId, result);
    return result;
  }

  /** A FORWARD request's reference sequence number, recorded on its leg at authorisation (the caller's transaction). */
  async recordForwardReference(manager: EntityManager, orderId: string, referenceSeq: bigint): Promise<void> {
    await manager.update(StablecoinPaymentEntity, { orderId }, { referenceSeq: referenceSeq.toString() });
  }

  /**
   * Worker: a FORWARD subscription's stablecoin into escrow. The dealing day is scheduled first with the
   * order's cut-off (one intent per fund and date, so once), then the one request transaction
   * (`requestDeposit` / `requestDepositWithPermit`, intent `stablecoin-<orderId>`). The same pre-checks
   * as the atomic subscription run before the first send.
   * @throws StablecoinsException for a pre-check, ChainException CONTRACT_REVERTED for a revert
   */
  async requestForward(subject: Omit<SettlementSubject, 'units'> & { fundId: string; dealingDate: string; cutOffAt: Date }): Promise<SettlementResult> {
    const payment = (await this.paymentOf(subject.orderId))!;
    const stablecoin = await this.stablecoin(payment.stablecoinId);
    const settlement = await this.requireSettlement();
    const intent = intentOf(subject.orderId);
    const amount = BigInt(payment.amount);
    if (!(await this.transactions.findByIntent(intent))) {
      const now = await this.chainTime(new Date());
      if (BigInt(Math.floor(subject.cutOffAt.getTime() / 1000)) <= now) {
        throw new StablecoinsException(StablecoinsErrorCode.DEALING_DAY_CLOSED, `The cut-off of dealing date ${subject.dealingDate} (${subject.cutOffAt.toISOString()}) has passed`);
      }
      if (payment.method === StablecoinPaymentMethod.PERMIT && BigInt(payment.deadline!) <= now + 5n) {
        throw new StablecoinsException(StablecoinsErrorCode.PERMIT_EXPIRED, `The permit expired at ${new Date(Number(payment.deadline) * 1000).toISOString()}`);
      }
      const existing = await this.gateway.depositRequest(settlement, subject.token, subject.referenceSeq);
      const balance = await this.clients.publicClient.readContract({ address: stablecoin.address, abi: erc20Abi, functionName: 'balanceOf', args: [subject.wallet] });
      if (balance < amount && existing.status === 'NONE') {
        throw new StablecoinsException(StablecoinsErrorCode.INSUFFICIENT_STABLECOIN_BALANCE, `The wallet holds ${formatDecimal(balance, stablecoin.decimals)} ${stablecoin.symbol}, less than ${formatDecimal(amount, stablecoin.decimals)}`);
      }
      if (existing.status === 'NONE') await this.gateway.scheduleDealingDay(dealingDayIntent(subject.fundId, subject.dealingDate), settlement, subject.token, subject.dealingDate, subject.cutOffAt);
    }
    const authorization: PaymentAuthorization =
      payment.method === StablecoinPaymentMethod.PERMIT ? { method: 'PERMIT', signature: payment.signature!, deadline: BigInt(payment.deadline!) } : { method: 'APPROVAL' };
    const result = await this.gateway.requestDeposit(intent, { ...settlementOrder(settlement, stablecoin.address, subject), amount, dealingDate: subject.dealingDate, authorization });
    await this.dataSource.getRepository(StablecoinPaymentEntity).update({ orderId: subject.orderId }, { requestTxHash: result.txHash });
    return result;
  }

  /**
   * Worker: a priced FORWARD request settled at its dealing day's NAV. The day is struck on chain first (one
   * intent per fund and date), then `settleDeposits` mints the units, pays the cost from escrow to the
   * treasury and refunds the remainder. A request the token refuses to mint for is rejected instead
   * (`rejectDepositRequest`, the escrow back in full) and reported as a StablecoinsException.
   */
  async settleForward(subject: SettlementSubject & { fundId: string; dealingDate: string; nav: bigint }): Promise<SettlementResult> {
    const payment = (await this.paymentOf(subject.orderId))!;
    const settlement = await this.requireSettlement();
    // One intent per fund and date: the orders of the day after the first find its transaction (the
    // TransactionManager answers it, also to a caller racing the first).
    await this.gateway.strikeDealingDay(`${dealingDayIntent(subject.fundId, subject.dealingDate)}-strike`, settlement, subject.token, subject.dealingDate, subject.nav);
    const intent = `${intentOf(subject.orderId)}-settle`;
    let result: SettlementResult;
    try {
      result = await this.gateway.settleDeposits(intent, settlement, subject.token, [subject.referenceSeq]);
    } catch (error) {
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      const reason = settlementFailureReason(error.errorName);
      if (reason !== 'WALLET_NOT_ELIGIBLE' && reason !== 'WALLET_NOT_VERIFIED' && reason !== 'REFERENCE_USED') throw error;
      const rejected = await this.gateway.rejectDepositRequest(`${intentOf(subject.orderId)}-reject`, settlement, subject.token, subject.referenceSeq);
      await this.dataSource.getRepository(StablecoinPaymentEntity).update({ orderId: subject.orderId }, { txHash: rejected.txHash, settledAmount: '0' });
      throw new StablecoinsException(StablecoinsErrorCode.REQUEST_REJECTED, `The token refused the mint (${error.errorName ?? 'unknown'}): the escrow went back in ${rejected.txHash}`);
    }
    const legs = result.legs.filter((leg) => leg.referenceSeq === subject.referenceSeq);
    if (legs.length === 0) {
      // Skipped: the request is no longer pending (a retried job after a lost record); what happened is read back.
      const state = await this.gateway.depositRequest(settlement, subject.token, subject.referenceSeq);
      if (state.status !== 'SETTLED') throw new Error(`The deposit request of order ${subject.orderId} is ${state.status}, not SETTLED`);
    }
    // The amount actually paid: the cost that went to the treasury (the refund went back to the wallet).
    const paid = legs.filter((leg) => getAddress(leg.payee) !== getAddress(subject.wallet)).reduce((sum, leg) => sum + leg.amount, 0n);
    await this.dataSource.getRepository(StablecoinPaymentEntity).update(
      { orderId: subject.orderId },
      { txHash: result.txHash, ...(legs.length > 0 || payment.settledAmount === null ? { settledAmount: paid.toString() } : {}) },
    );
    return result;
  }

  /** Worker: a cancelled FORWARD request refunded from escrow in full (`cancelDepositRequest`, intent `stablecoin-<orderId>-cancel`). */
  async cancelForward(orderId: string, token: Address): Promise<SettlementResult> {
    const payment = (await this.paymentOf(orderId))!;
    const settlement = await this.requireSettlement();
    const referenceSeq = BigInt(payment.referenceSeq!);
    const intent = `${intentOf(orderId)}-cancel`;
    if (!(await this.transactions.findByIntent(intent))) {
      const state = await this.gateway.depositRequest(settlement, token, referenceSeq);
      if (state.status !== 'PENDING') throw new Error(`The deposit request of order ${orderId} is ${state.status}: nothing to cancel`);
    }
    const result = await this.gateway.cancelDepositRequest(intent, settlement, token, referenceSeq);
    await this.dataSource.getRepository(StablecoinPaymentEntity).update({ orderId }, { txHash: result.txHash, settledAmount: '0' });
    return result;
  }

  /** The leg as an order answer shows it. */
  legOf(payment: StablecoinPaymentEntity): { method: 'STABLECOIN'; stablecoinId: string; amount: string; txHash: string | null; instant?: boolean } {
    return {
      method: 'STABLECOIN',
      stablecoinId: payment.stablecoinId,
      amount: payment.settledAmount ?? payment.amount,
      txHash: payment.txHash,
      ...(payment.direction === StablecoinDirection.PAY_OUT ? { instant: payment.instant } : {}),
    };
  }

  private async recordSettled(orderId: string, result: SettlementResult): Promise<void> {
    const moved = result.legs.reduce((sum, leg) => sum + leg.amount, 0n);
    await this.dataSource.getRepository(StablecoinPaymentEntity).update({ orderId }, { txHash: result.txHash, settledAmount: moved.toString() });
  }

  /** The later of the latest block's time and `now` (unix seconds): a local chain may run ahead of the wall clock. */
  private async chainTime(now: Date): Promise<bigint> {
    const block = await this.clients.publicClient.getBlock({ blockTag: 'latest' });
    const wall = BigInt(Math.floor(now.getTime() / 1000));
    return block.timestamp > wall ? block.timestamp : wall;
  }

  private async applied(subject: SettlementSubject): Promise<boolean> {
    return this.clients.publicClient.readContract({ address: subject.token, abi: referenceAbi, functionName: 'isReferenceUsed', args: [subject.referenceSeq] });
  }

  private async stablecoin(stablecoinId: string): Promise<StablecoinEntity> {
    return (await this.dataSource.getRepository(StablecoinEntity).findOneBy({ id: stablecoinId }))!;
  }

  private async requireSettlement(): Promise<Address> {
    const settlement = await this.settlementContracts.get();
    if (!settlement) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ACCEPTED, 'No settlement contract is deployed on this chain');
    return settlement;
  }

  /** The fund's route of the stablecoin, ACTIVE, with the settlement contract; optionally row-locked. */
  private async acceptedRoute(
    manager: EntityManager,
    fundId: string,
    stablecoinId: string,
    lock?: 'FOR KEY SHARE' | 'FOR UPDATE',
  ): Promise<{ stablecoin: StablecoinEntity; settlement: Address; route: { instant_redemption_daily_cap: string; instant_redemption_per_investor_daily_cap: string } }> {
    const [route] = (await manager.query(
      `SELECT status, instant_redemption_daily_cap::text, instant_redemption_per_investor_daily_cap::text FROM fund_stablecoins WHERE fund_id = $1 AND stablecoin_id = $2 ${lock ?? ''}`,
      [fundId, stablecoinId],
    )) as { status: string; instant_redemption_daily_cap: string; instant_redemption_per_investor_daily_cap: string }[];
    const settlement = await this.settlementContracts.get();
    if (!route || route.status !== FundStablecoinStatus.ACTIVE || !settlement) {
      throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ACCEPTED, `The fund does not accept stablecoin ${stablecoinId}${route ? ` (${route.status})` : ''}`);
    }
    const stablecoin = await manager.findOneByOrFail(StablecoinEntity, { id: stablecoinId });
    return { stablecoin, settlement, route };
  }
}

/** What every settlement call of an order names (SettlementOrder). */
function settlementOrder(settlement: Address, stablecoin: Address, subject: Omit<SettlementSubject, 'units'>): SettlementOrder {
  return { settlement, token: subject.token, stablecoin, investor: subject.wallet, referenceSeq: subject.referenceSeq, orderId: subject.orderId };
}

/** The settlement intent of an order: one transaction, exactly once. */
export function intentOf(orderId: string): string {
  return `stablecoin-${orderId}`;
}

/** The intent of a FORWARD fund's dealing day on the settlement contract (its schedule; `-strike` its NAV): once per fund and date. */
export function dealingDayIntent(fundId: string, dealingDate: string): string {
  return `stablecoin-dealing-day-${fundId}-${dealingDate}`;
}

const pausableAbi = [{ type: 'function', name: 'paused', stateMutability: 'view', inputs: [], outputs: [{ type: 'bool' }] }] as const;
const referenceAbi = [{ type: 'function', name: 'isReferenceUsed', stateMutability: 'view', inputs: [{ type: 'uint256' }], outputs: [{ type: 'bool' }] }] as const;

