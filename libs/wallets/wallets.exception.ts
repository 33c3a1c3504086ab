import { DomainException } from '@rwa/common';

export enum WalletsErrorCode {
  WALLET_NOT_FOUND = 'WALLET_NOT_FOUND',
  CHALLENGE_NOT_FOUND = 'CHALLENGE_NOT_FOUND',
  CHALLENGE_USED = 'CHALLENGE_USED',
  CHALLENGE_EXPIRED = 'CHALLENGE_EXPIRED',
  SIGNATURE_MISMATCH = 'SIGNATURE_MISMATCH',
  WRONG_CHAIN = 'WRONG_CHAIN',
  WALLET_ALREADY_BOUND = 'WALLET_ALREADY_BOUND',
  KYC_NOT_APPROVED = 'KYC_NOT_APPROVED',
  WALLET_NOT_FROZEN = 'WALLET_NOT_FROZEN',
  /** The wallet holds units of a fund, or an order of it is in flight: it cannot be revoked. */
  WALLET_HOLDS_UNITS = 'WALLET_HOLDS_UNITS',
}

export class WalletsException extends DomainException<WalletsErrorCode> {
  constructor(code: WalletsErrorCode, message: string) {
    super(code, message);
  }
}
