import { DomainException } from '@rwa/common';

export enum EventsErrorCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  /** The url is not https, or resolves to a private, loopback or link-local address. */
  WEBHOOK_TARGET_REFUSED = 'WEBHOOK_TARGET_REFUSED',
}

export class EventsException extends DomainException<EventsErrorCode> {
  constructor(code: EventsErrorCode, message: string) {
    super(code, message);
  }
}
