import { DomainException } from '@rwa/common';

export enum OrganizationsErrorCode {
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  ROLE_NOT_ALLOWED_FOR_ORGANIZATION = 'ROLE_NOT_ALLOWED_FOR_ORGANIZATION',
  /** No such user in the organisation named (another organisation's user is not found either). */
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  /** No such key in the organisation named (another organisation's key is not found either). */
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
  /** The organisation already has a user with this email. */
  USER_EMAIL_TAKEN = 'USER_EMAIL_TAKEN',
  /** A key bound to a user takes the user's role. */
  USER_ROLE_MISMATCH = 'USER_ROLE_MISMATCH',
}

export class OrganizationsException extends DomainException<OrganizationsErrorCode> {
  constructor(code: OrganizationsErrorCode, message: string) {
    super(code, message);
  }
}
