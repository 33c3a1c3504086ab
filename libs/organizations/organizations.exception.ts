import { DomainException } from '@rwa/common';

export enum OrganizationsErrorCode {
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  ROLE_NOT_ALLOWED_FOR_ORGANIZATION = 'ROLE_NOT_ALLOWED_FOR_ORGANIZATION',
}

export class OrganizationsException extends DomainException<OrganizationsErrorCode> {
  constructor(code: OrganizationsErrorCode, message: string) {
    super(code, message);
  }
}
