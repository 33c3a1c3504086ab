import { DomainException } from '@rwa/common';

export enum IncomeErrorCode {
  /** Income is published and distributed for DISTRIBUTING funds only. */
  FUND_NOT_DISTRIBUTING = 'FUND_NOT_DISTRIBUTING',
  /** The income date is not a business day of the fund's calendar, or it is in the future (fund time zone). */
  INCOME_DATE_NOT_ALLOWED = 'INCOME_DATE_NOT_ALLOWED',
  /** Income for that business day was published already (it never changes once published). */
  INCOME_ALREADY_PUBLISHED = 'INCOME_ALREADY_PUBLISHED',
  /** A distribution with a record date on or after that day exists: its income is paid out. */
  INCOME_ALREADY_DISTRIBUTED = 'INCOME_ALREADY_DISTRIBUTED',
  /** The record date is not over yet, or not after the latest distribution's record date. */
  RECORD_DATE_NOT_ALLOWED = 'RECORD_DATE_NOT_ALLOWED',
  /** A distribution at that record date exists already. */
  DISTRIBUTION_EXISTS = 'DISTRIBUTION_EXISTS',
  DISTRIBUTION_NOT_FOUND = 'DISTRIBUTION_NOT_FOUND',
  RECONCILIATION_NOT_FOUND = 'RECONCILIATION_NOT_FOUND',
  /** The chain index has not yet reached the record date (or the asked time): try again shortly. */
  INDEX_BEHIND = 'INDEX_BEHIND',
}

export class IncomeException extends DomainException<IncomeErrorCode> {
  constructor(code: IncomeErrorCode, message: string) {
    super(code, message);
  }
}
