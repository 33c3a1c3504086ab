import { DomainException } from '@rwa/common';

export enum OrdersErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  FUND_NOT_ACTIVE = 'FUND_NOT_ACTIVE',
  KYC_NOT_APPROVED = 'KYC_NOT_APPROVED',
  INVESTOR_NOT_ELIGIBLE = 'INVESTOR_NOT_ELIGIBLE',
  WALLET_NOT_VERIFIED = 'WALLET_NOT_VERIFIED',
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  INSUFFICIENT_UNITS = 'INSUFFICIENT_UNITS',
  NOT_A_SUBSCRIPTION = 'NOT_A_SUBSCRIPTION',
  NOT_A_REDEMPTION = 'NOT_A_REDEMPTION',
  /** The fund is paused (or its token's unpause is not confirmed yet): no orders. */
  FUND_PAUSED = 'FUND_PAUSED',
  /** The fund is closed: redemptions only. */
  FUND_CLOSED = 'FUND_CLOSED',
  /** The fund has as many holders (with units in flight) as its maxHolders allows. */
  FUND_MAX_HOLDERS_REACHED = 'FUND_MAX_HOLDERS_REACHED',
  /** The holder's units (with units in flight) would exceed the fund's maxUnitsPerHolder. */
  MAX_UNITS_PER_HOLDER_EXCEEDED = 'MAX_UNITS_PER_HOLDER_EXCEEDED',
  /** The units asked for are still in the fund's lock-up. */
  UNITS_LOCKED = 'UNITS_LOCKED',
  /** The cut-off of the order's dealing date has passed: it can no longer be cancelled. */
  CUT_OFF_PASSED = 'CUT_OFF_PASSED',
  /** An earlier payment confirmation of this issuer used this bank reference. */
  PAYMENT_REFERENCE_USED = 'PAYMENT_REFERENCE_USED',
  /** The order's stablecoin is in the settlement contract's escrow: only the chain refunds it, not a confirmation by hand. */
  REFUND_FROM_ESCROW = 'REFUND_FROM_ESCROW',
}

export class OrdersException extends DomainException<OrdersErrorCode> {
  constructor(code: OrdersErrorCode, message: string) {
    super(code, message);
  }
}
