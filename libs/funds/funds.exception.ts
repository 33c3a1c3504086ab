import { DomainException } from '@rwa/common';

export enum FundsErrorCode {
  FUND_NOT_FOUND = 'FUND_NOT_FOUND',
  DISTRIBUTOR_NOT_FOUND = 'DISTRIBUTOR_NOT_FOUND',
  FUND_NOT_ACTIVE = 'FUND_NOT_ACTIVE',
  DISTRIBUTOR_NOT_SHELVED = 'DISTRIBUTOR_NOT_SHELVED',
  NAV_DATE_NOT_ALLOWED = 'NAV_DATE_NOT_ALLOWED',
}

export class FundsException extends DomainException<FundsErrorCode> {
  constructor(code: FundsErrorCode, message: string) {
    super(code, message);
  }
}
