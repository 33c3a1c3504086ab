import { DomainException } from '@rwa/common';

export enum FundsErrorCode {
  FUND_NOT_FOUND = 'FUND_NOT_FOUND',
  DISTRIBUTOR_NOT_FOUND = 'DISTRIBUTOR_NOT_FOUND',
  CALENDAR_NOT_FOUND = 'CALENDAR_NOT_FOUND',
  NAV_NOT_FOUND = 'NAV_NOT_FOUND',
  FUND_NOT_ACTIVE = 'FUND_NOT_ACTIVE',
  /** The NAV date is not a business day of the fund, is in the future (fund time zone), or is before the latest NAV. */
  NAV_DATE_NOT_ALLOWED = 'NAV_DATE_NOT_ALLOWED',
  /** An order was priced at the NAV of that date: it can no longer change. */
  NAV_ALREADY_DEALT = 'NAV_ALREADY_DEALT',
  NAV_NOT_PENDING_APPROVAL = 'NAV_NOT_PENDING_APPROVAL',
  /** The approval of a NAV must come from another person than its publisher. */
  FOUR_EYES_REQUIRED = 'FOUR_EYES_REQUIRED',
}

export class FundsException extends DomainException<FundsErrorCode> {
  constructor(code: FundsErrorCode, message: string) {
    super(code, message);
  }
}
