import { DomainException } from '@rwa/common';

export enum InvestorsErrorCode {
  INVESTOR_NOT_FOUND = 'INVESTOR_NOT_FOUND',
  DUPLICATE_EXTERNAL_REF = 'DUPLICATE_EXTERNAL_REF',
}

export class InvestorsException extends DomainException<InvestorsErrorCode> {
  constructor(code: InvestorsErrorCode, message: string) {
    super(code, message);
  }
}
