import { DomainException } from '@rwa/common';

export enum StablecoinsErrorCode {
  STABLECOIN_NOT_FOUND = 'STABLECOIN_NOT_FOUND',
  /** Another stablecoin with this chain and address is registered. */
  STABLECOIN_ALREADY_REGISTERED = 'STABLECOIN_ALREADY_REGISTERED',
  /** The address is not a contract on the chain, answers no decimals(), or other decimals than given. */
  STABLECOIN_NOT_ON_CHAIN = 'STABLECOIN_NOT_ON_CHAIN',
  /** The fund does not accept this stablecoin (not enabled, removed, or its settings not on chain yet). */
  STABLECOIN_NOT_ACCEPTED = 'STABLECOIN_NOT_ACCEPTED',
  /** The settings cannot be set on chain: caps not whole coins or too large, fund not deployed or not STABLE_NAV. */
  STABLECOIN_SETTINGS_INVALID = 'STABLECOIN_SETTINGS_INVALID',
  /** The wallet holds less stablecoin than the order's amount. */
  INSUFFICIENT_STABLECOIN_BALANCE = 'INSUFFICIENT_STABLECOIN_BALANCE',
  /** Neither a valid permit signature of the investor's wallet nor a large enough approval. */
  PAYMENT_NOT_AUTHORIZED = 'PAYMENT_NOT_AUTHORIZED',
  PERMIT_EXPIRED = 'PERMIT_EXPIRED',
  /** Over the fund's or the investor's instant redemption cap of today (UTC). */
  INSTANT_REDEMPTION_CAP_EXCEEDED = 'INSTANT_REDEMPTION_CAP_EXCEEDED',
  /** The settlement contract or the fund's token is paused. */
  SETTLEMENT_PAUSED = 'SETTLEMENT_PAUSED',
  /** The order does not pay in stablecoin. */
  NOT_A_STABLECOIN_ORDER = 'NOT_A_STABLECOIN_ORDER',
  /** A FORWARD request's dealing day is closed (its cut-off passed) before the request reached escrow. */
  DEALING_DAY_CLOSED = 'DEALING_DAY_CLOSED',
  /** A FORWARD request the token would not mint for: rejected on chain, its escrow returned in full. */
  REQUEST_REJECTED = 'REQUEST_REJECTED',
}

export class StablecoinsException extends DomainException<StablecoinsErrorCode> {
  constructor(code: StablecoinsErrorCode, message: string) {
    super(code, message);
  }
}
