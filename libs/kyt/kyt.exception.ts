import { DomainException } from '@rwa/common';

export enum KytErrorCode {
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  BLOCKLIST_ENTRY_NOT_FOUND = 'BLOCKLIST_ENTRY_NOT_FOUND',
  ALERT_CLOSED = 'ALERT_CLOSED',
  ALERT_NOT_PENDING_APPROVAL = 'ALERT_NOT_PENDING_APPROVAL',
  FOUR_EYES_REQUIRED = 'FOUR_EYES_REQUIRED',
  FUND_NOT_FOUND = 'FUND_NOT_FOUND',
  TRAVEL_RULE_INFO_REQUIRED = 'TRAVEL_RULE_INFO_REQUIRED',
}

export class KytException extends DomainException<KytErrorCode> {
  constructor(code: KytErrorCode, message: string) {
    super(code, message);
  }
}
