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
}

export class OrdersException extends DomainException<OrdersErrorCode> {
  constructor(code: OrdersErrorCode, message: string) {
    super(code, message);
  }
}
