import { encodeFunctionData, erc20Abi, getAddress, isAddressEqual, parseEventLogs, type Address, type Hex, type Log } from 'viem';
import { fundSettlementAbi, fundTokenAbi } from './abis/index.js';
import { uuidToBytes32 } from './encoding.js';
import { splitPermitSignature } from './permit.js';

/**
 * Pure encoding and decoding for FundSettlement (contracts/src/FundSettlement.sol): the calls the platform
 * sends, the stablecoin legs its events describe, and what a revert means for an order. No chain access.
 */

/** How a fund deals against stablecoins (IFundSettlement.FundMode). */
export const SETTLEMENT_FUND_MODE = { NONE: 0, STABLE_NAV: 1, FORWARD: 2 } as const;
export type SettlementFundMode = keyof typeof SETTLEMENT_FUND_MODE;

/** The life of a deposit request (IFundSettlement.RequestStatus). */
export const DEPOSIT_REQUEST_STATUS = ['NONE', 'PENDING', 'SETTLED', 'CANCELLED', 'REJECTED'] as const;
export type DepositRequestStatus = (typeof DEPOSIT_REQUEST_STATUS)[number];

/** How the investor's wallet authorised the stablecoin leg. */
export type PaymentAuthorization =
  /** An EIP-2612 permit for the settlement contract, value = the order's amount, signed by the investor's wallet. */
  | { method: 'PERMIT'; signature: Hex; deadline: bigint }
  /** The wallet approved the settlement contract itself beforehand. */
  | { method: 'APPROVAL' };

/** What every settlement order names. */
export interface SettlementOrder {
  /** The FundSettlement contract. */
  settlement: Address;
  /** The fund token. */
  token: Address;
  /** The stablecoin (accepted for the fund). */
  stablecoin: Address;
  /** The investor's own verified wallet: it pays and receives. */
  investor: Address;
  /** The fund's dense sequence number of the order: the token applies each once. */
  referenceSeq: bigint;
  /** The order's id (a UUID), emitted as the 32-byte order reference. */
  orderId: string;
}

export interface SubscribeParameters extends SettlementOrder {
  /** The most stablecoin to pay, in its base units (also the permit's value). */
  amount: bigint;
  /** Reverts if fewer units (token base units) would be minted. */
  minUnits: bigint;
  authorization: PaymentAuthorization;
}

export interface RedeemParameters extends SettlementOrder {
  /** Units to redeem, in the token's base units. */
  units: bigint;
  /** Reverts if less stablecoin (base units) would be paid. */
  minAmount: bigint;
}

export interface DepositRequestParameters extends SettlementOrder {
  /** Stablecoin moved into escrow, in its base units. */
  amount: bigint;
  /** The dealing day, as an ISO date (YYYY-MM-DD, UTC): see dealingDateNumber. */
  dealingDate: string;
  authorization: PaymentAuthorization;
}

/**
 * The dealing day as the contract keys it: days since 1970-01-01 (UTC).
 * @example dealingDateNumber('2026-03-02') === 20514
 */
export function dealingDateNumber(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${isoDate}`);
  }
  return time / 86_400_000;
}

/** The inverse of dealingDateNumber. */
export function dealingDateIso(dealingDate: number): string {
  return new Date(dealingDate * 86_400_000).toISOString().slice(0, 10);
}

/** Calldata of an atomic subscription: `subscribe` against an approval, `subscribeWithPermit` with a permit. */
export function encodeSubscribe(parameters: SubscribeParameters): Hex {
  const order = {
    token: parameters.token,
    stablecoin: parameters.stablecoin,
    investor: parameters.investor,
    amount: parameters.amount,
    minUnits: parameters.minUnits,
    refSeq: parameters.referenceSeq,
    orderRef: uuidToBytes32(parameters.orderId),
  };
  const { authorization } = parameters;
  if (authorization.method === 'APPROVAL') return encodeFunctionData({ abi: fundSettlementAbi, functionName: 'subscribe', args: [order] });
  const permit = splitPermitSignature(authorization.signature, authorization.deadline);
  return encodeFunctionData({ abi: fundSettlementAbi, functionName: 'subscribeWithPermit', args: [order, permit] });
}

/** Calldata of an instant redemption. */
export function encodeRedeem(parameters: RedeemParameters): Hex {
  const order = {
    token: parameters.token,
    stablecoin: parameters.stablecoin,
    investor: parameters.investor,
    units: parameters.units,
    minAmount: parameters.minAmount,
    refSeq: parameters.referenceSeq,
    orderRef: uuidToBytes32(parameters.orderId),
  };
  return encodeFunctionData({ abi: fundSettlementAbi, functionName: 'redeem', args: [order] });
}

/** Calldata of a forward deposit request: `requestDeposit` or `requestDepositWithPermit`. */
export function encodeRequestDeposit(parameters: DepositRequestParameters): Hex {
  const request = {
    token: parameters.token,
    stablecoin: parameters.stablecoin,
    investor: parameters.investor,
    amount: parameters.amount,
    dealingDate: dealingDateNumber(parameters.dealingDate),
    refSeq: parameters.referenceSeq,
    orderRef: uuidToBytes32(parameters.orderId),
  };
  const { authorization } = parameters;
  if (authorization.method === 'APPROVAL') return encodeFunctionData({ abi: fundSettlementAbi, functionName: 'requestDeposit', args: [request] });
  const permit = splitPermitSignature(authorization.signature, authorization.deadline);
  return encodeFunctionData({ abi: fundSettlementAbi, functionName: 'requestDepositWithPermit', args: [request, permit] });
}

/** What a settlement event did, one of the contract's value-moving events. */
export type SettlementEventKind = 'SUBSCRIBED' | 'REDEEMED' | 'DEPOSIT_REQUESTED' | 'DEPOSIT_SETTLED' | 'DEPOSIT_CANCELLED' | 'DEPOSIT_REJECTED';

/**
 * One movement of stablecoin, as the chain indexer records it: every settlement event yields one leg per
 * transfer it made (a settled deposit: the cost to the treasury and, if any, the refund to the investor).
 */
export interface StablecoinLeg {
  kind: SettlementEventKind;
  /** The fund token. */
  token: Address;
  /** The order reference as emitted (the order's UUID, left-aligned). */
  orderRef: Hex;
  referenceSeq: bigint;
  stablecoin: Address;
  payer: Address;
  payee: Address;
  /** Stablecoin moved, in its base units. */
  amount: bigint;
  /** Units minted (subscription, settled deposit) or burned (redemption); 0 for escrow movements. */
  units: bigint;
  /** NAV applied (scaled by 10^8); 0 for escrow movements. */
  nav: bigint;
  transactionHash: Hex;
  blockNumber: bigint;
  logIndex: number;
}

/**
 * The stablecoin legs of the settlement contract at `settlement` in `logs`, one transaction's receipt logs (or
 * several receipts' logs, in order). A subscription's or redemption's event names only the token, the order
 * reference and the NAV: the rest is read from the two movements the call made before it in the same
 * transaction, the token's Minted or Burned of that reference (investor, units, refSeq) and, after it, the
 * stablecoin's Transfer to or from that investor (stablecoin, payer, payee, amount). The escrow events carry
 * their leg whole. With `token`, only that token's legs are decoded: the logs need to hold only its atomic
 * transactions' movements (an indexer reads one token's receipts; another token's events in the range are not
 * its to decode).
 */
export function decodeStablecoinLegs(settlement: Address, logs: readonly Log[], token?: Address): StablecoinLeg[] {
  const own = logs.filter((log) => log.address.toLowerCase() === settlement.toLowerCase());
  const escrow = getAddress(settlement);
  const legs: StablecoinLeg[] = [];
  for (const event of parseEventLogs({ abi: fundSettlementAbi, logs: own as Log[] })) {
    if (token && (!('token' in event.args) || !isAddressEqual(event.args.token, token))) continue;
    const at = { transactionHash: event.transactionHash!, blockNumber: event.blockNumber!, logIndex: event.logIndex! };
    switch (event.eventName) {
      case 'Subscribed':
      case 'Redeemed': {
        const { token, orderRef, nav } = event.args;
        const kind = event.eventName === 'Subscribed' ? 'SUBSCRIBED' : 'REDEEMED';
        legs.push({ kind, token, orderRef, nav, ...atomicMovements(logs, kind, token, orderRef, at), ...at });
        break;
      }
      case 'DepositRequested': {
        const { token, investor, orderRef, refSeq, stablecoin, amount } = event.args;
        legs.push({ kind: 'DEPOSIT_REQUESTED', token, orderRef, referenceSeq: refSeq, stablecoin, payer: investor, payee: escrow, amount, units: 0n, nav: 0n, ...at });
        break;
      }
      case 'DepositSettled': {
        const { token, investor, orderRef, refSeq, stablecoin, treasury, amount, refund, units, nav } = event.args;
        const settled = { kind: 'DEPOSIT_SETTLED' as const, token, orderRef, referenceSeq: refSeq, stablecoin, payer: escrow, ...at };
        if (amount !== 0n) legs.push({ ...settled, payee: treasury, amount, units, nav });
        if (refund !== 0n) legs.push({ ...settled, payee: investor, amount: refund, units: 0n, nav: 0n });
        break;
      }
      case 'DepositRequestCancelled':
      case 'DepositRequestRejected': {
        const { token, investor, orderRef, refSeq, stablecoin, amount } = event.args;
        const kind = event.eventName === 'DepositRequestCancelled' ? 'DEPOSIT_CANCELLED' : 'DEPOSIT_REJECTED';
        legs.push({ kind, token, orderRef, referenceSeq: refSeq, stablecoin, payer: escrow, payee: investor, amount, units: 0n, nav: 0n, ...at });
        break;
      }
      default:
        break;
    }
  }
  return legs;
}

type AtomicMovements = Pick<StablecoinLeg, 'referenceSeq' | 'units' | 'stablecoin' | 'payer' | 'payee' | 'amount'>;

/**
 * What an atomic subscription or redemption moved, from the logs its call emitted before its own event (the
 * contract mints or burns, then moves the stablecoin, then emits): the token's last Minted or Burned of
 * `orderRef` before the event, then the first ERC-20 Transfer of another contract between the two that pays
 * the investor (redemption) or is paid by it (subscription).
 */
function atomicMovements(
  logs: readonly Log[],
  kind: 'SUBSCRIBED' | 'REDEEMED',
  token: Address,
  orderRef: Hex,
  at: { transactionHash: Hex; logIndex: number },
): AtomicMovements {
  const sameTransaction = logs.filter((log) => log.transactionHash === at.transactionHash && log.logIndex! < at.logIndex);
  const eventName = kind === 'SUBSCRIBED' ? 'Minted' : 'Burned';
  const unitEvents = parseEventLogs({ abi: fundTokenAbi, eventName, logs: sameTransaction.filter((log) => isAddressEqual(log.address, token)) as Log[] });
  const moved = unitEvents.filter((log) => log.args.orderRef === orderRef).at(-1);
  if (!moved) throw new Error(`Settlement ${kind} of ${orderRef} in ${at.transactionHash}: no ${eventName} of the token ${token} before it`);
  const { amount: units, refSeq } = moved.args;
  const investor = 'to' in moved.args ? moved.args.to : moved.args.from;
  const between = sameTransaction.filter((log) => log.logIndex! > moved.logIndex! && !isAddressEqual(log.address, token));
  const transfer = parseEventLogs({ abi: erc20Abi, eventName: 'Transfer', logs: between as Log[] }).find((log) =>
    isAddressEqual(kind === 'SUBSCRIBED' ? log.args.from : log.args.to, investor),
  );
  if (!transfer) throw new Error(`Settlement ${kind} of ${orderRef} in ${at.transactionHash}: no stablecoin Transfer of ${investor} after the ${eventName}`);
  const { from, to, value } = transfer.args;
  return { referenceSeq: refSeq, units, stablecoin: getAddress(transfer.address), payer: getAddress(from), payee: getAddress(to), amount: value };
}

/** Why a settlement call was refused, for an order's FAILED reason or a 422 (the contract's custom error, grouped). */
export enum SettlementFailureReason {
  /** The investor's wallet holds too little stablecoin (or, for a redemption, too few units). */
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  /** Neither a valid permit nor a large enough approval: the wallet must sign (again). */
  PAYMENT_NOT_AUTHORIZED = 'PAYMENT_NOT_AUTHORIZED',
  PERMIT_EXPIRED = 'PERMIT_EXPIRED',
  /** The REST contract's code for an instant redemption over the fund's or the investor's daily cap. */
  INSTANT_REDEMPTION_CAP_EXCEEDED = 'INSTANT_REDEMPTION_CAP_EXCEEDED',
  /** The settlement contract or the fund token is paused. */
  FUND_PAUSED = 'FUND_PAUSED',
  /** The order's sequence number was applied already: the effect happened (look it up, do not retry). */
  REFERENCE_USED = 'REFERENCE_USED',
  /** The wallet is not registered, or its verification expired. */
  WALLET_NOT_VERIFIED = 'WALLET_NOT_VERIFIED',
  /** The fund token refuses the wallet: frozen, jurisdiction or class not eligible, holder or balance cap. */
  WALLET_NOT_ELIGIBLE = 'WALLET_NOT_ELIGIBLE',
  /** Fewer units or less stablecoin than the order's minimum, or nothing at all. */
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  /** The fund's treasury cannot pay the redemption (balance or allowance): an operations problem. */
  TREASURY_SHORTFALL = 'TREASURY_SHORTFALL',
  /** The stablecoin itself refused the transfer (its blocklist or pause). */
  STABLECOIN_REFUSED = 'STABLECOIN_REFUSED',
  /** The dealing day is closed (cut-off passed), not scheduled, or not struck yet. */
  DEALING_DAY_CLOSED = 'DEALING_DAY_CLOSED',
  /** The fund is not set up for this operation: mode, NAV, stablecoin not accepted. */
  NOT_CONFIGURED = 'NOT_CONFIGURED',
}

const FAILURE_REASONS: Record<string, SettlementFailureReason> = {
  FundSettlementInsufficientBalance: SettlementFailureReason.INSUFFICIENT_BALANCE,
  ERC20InsufficientBalance: SettlementFailureReason.INSUFFICIENT_BALANCE,
  FundSettlementInsufficientAllowance: SettlementFailureReason.PAYMENT_NOT_AUTHORIZED,
  FundSettlementPermitExpired: SettlementFailureReason.PERMIT_EXPIRED,
  FundSettlementFundCapExceeded: SettlementFailureReason.INSTANT_REDEMPTION_CAP_EXCEEDED,
  FundSettlementInvestorCapExceeded: SettlementFailureReason.INSTANT_REDEMPTION_CAP_EXCEEDED,
  FundSettlementEnforcedPause: SettlementFailureReason.FUND_PAUSED,
  FundSettlementFundPaused: SettlementFailureReason.FUND_PAUSED,
  FundTokenEnforcedPause: SettlementFailureReason.FUND_PAUSED,
  FundTokenReferenceUsed: SettlementFailureReason.REFERENCE_USED,
  FundSettlementReferenceUsed: SettlementFailureReason.REFERENCE_USED,
  FundSettlementWalletNotVerified: SettlementFailureReason.WALLET_NOT_VERIFIED,
  FundTokenNotVerified: SettlementFailureReason.WALLET_NOT_VERIFIED,
  FundSettlementNotEligible: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  FundTokenAccountFrozen: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  FundTokenJurisdictionNotEligible: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  FundTokenInvestorClassNotEligible: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  FundTokenMaxHoldersReached: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  FundTokenMaxBalanceExceeded: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  ERC7943InsufficientUnfrozenBalance: SettlementFailureReason.WALLET_NOT_ELIGIBLE,
  FundSettlementBelowMinimum: SettlementFailureReason.BELOW_MINIMUM,
  FundSettlementZeroAmount: SettlementFailureReason.BELOW_MINIMUM,
  FundSettlementTreasuryShortfall: SettlementFailureReason.TREASURY_SHORTFALL,
  FundSettlementTransferFailed: SettlementFailureReason.STABLECOIN_REFUSED,
  FundSettlementCutoffPassed: SettlementFailureReason.DEALING_DAY_CLOSED,
  FundSettlementDealingDayNotScheduled: SettlementFailureReason.DEALING_DAY_CLOSED,
  FundSettlementDealingDayNotStruck: SettlementFailureReason.DEALING_DAY_CLOSED,
  FundSettlementWrongFundMode: SettlementFailureReason.NOT_CONFIGURED,
  FundSettlementNavNotSet: SettlementFailureReason.NOT_CONFIGURED,
  FundSettlementStablecoinNotAccepted: SettlementFailureReason.NOT_CONFIGURED,
};

/**
 * The reason of a refused settlement call, from the custom error's name (ChainException.errorName). Undefined
 * for errors that are not an order's fault (access control, amounts beyond 96 bits, configuration input), which
 * the caller reports with contractErrorCode instead.
 * @example settlementFailureReason('FundSettlementInvestorCapExceeded') === 'INSTANT_REDEMPTION_CAP_EXCEEDED'
 */
export function settlementFailureReason(errorName: string | undefined): SettlementFailureReason | undefined {
  return errorName === undefined ? undefined : FAILURE_REASONS[errorName];
}
