import { DomainException } from '@rwa/common';

export type HttpErrorCode = 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_FAILED' | 'MALFORMED_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';

/** Errors raised by the HTTP layer itself (authentication, roles, routing, parsing). */
export class HttpLayerException extends DomainException<HttpErrorCode> {
  constructor(code: HttpErrorCode, message: string) {
    super(code, message);
  }
}
