/** A field-level complaint carried by a validation problem. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Base of every module's exception: a stable string code plus a user-facing message.
 * Services stay HTTP-agnostic; apps/api maps codes to statuses in one place.
 */
export abstract class DomainException<C extends string = string> extends Error {
  protected constructor(
    readonly code: C,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Field-level input problems found past the DTO layer (400, like DTO validation). */
export class InputValidationException extends DomainException<'VALIDATION_FAILED'> {
  constructor(fieldErrors: FieldError[]) {
    super('VALIDATION_FAILED', fieldErrors.map((error) => error.message).join('; '), fieldErrors);
  }
}
