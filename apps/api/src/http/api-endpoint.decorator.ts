import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One invalid field of a 400 answer. */
export class FieldErrorDto {
  @ApiProperty({ example: 'amount', description: 'The field, dotted for nested ones (`travelRule.originator.name`)' }) field: string;
  @ApiProperty({ example: 'amount must be a decimal string' }) message: string;
}

/** An RFC 9457 problem details body (`application/problem+json`): every error answer of the API. */
export class ProblemDetailsDto {
  @ApiProperty({ example: '/problems/below-minimum', description: 'A URI reference naming the problem type' }) type: string;
  @ApiProperty({ example: 'Below minimum' }) title: string;
  @ApiProperty({ example: 422, minimum: 400, maximum: 599, type: 'integer' }) status: number;
  @ApiProperty({ example: 'BELOW_MINIMUM', pattern: '^[A-Z][A-Z0-9_]*$', description: 'The stable, machine-readable code of the problem' }) code: string;
  @ApiProperty({ example: 'The minimum subscription of this fund is 10000.00 HKD' }) detail: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'For 400 VALIDATION_FAILED: each invalid field' }) errors?: FieldErrorDto[];
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: 'The request id (also the X-Request-Id header), to quote to support' }) requestId?: string;
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** What each error status means in this API (api-contract.md, "Conventions"). */
export const ERROR_DESCRIPTIONS = {
  400: 'Malformed request or invalid fields (VALIDATION_FAILED: `errors` names each field); nothing was changed',
  401: 'UNAUTHORIZED: no API key, or an unknown, expired or revoked one',
  403: "FORBIDDEN: the API key's role may not call this operation",
  404: 'Not found, or a resource of another organisation (never revealed)',
  409: 'Conflict with the current state, or an Idempotency-Key reused with another body',
  413: 'PAYLOAD_TOO_LARGE: the body is over the limit',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body is not of a type this operation reads',
  422: 'A business rule refuses the request; nothing was changed',
  429: 'TOO_MANY_REQUESTS: over the rate limit of the API key; retry after `Retry-After` seconds',
  500: 'INTERNAL_ERROR: a defect; quote `requestId` to support',
  503: 'A dependency (the database, the chain) did not answer in time, or the platform is not set up; nothing was changed, retry later',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The problem-details answer of an error status (for routes decorated by hand: `@ApiResponse(problemResponse(409))`). */
export function problemResponse(status: ErrorStatus, description: string = ERROR_DESCRIPTIONS[status]) {
  return { status, description, content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } } };
}

export interface ApiEndpointOptions {
  summary: string;
  /** Unique, camelCase: the name of the method of a generated client. */
  operationId: string;
  description?: string;
  /** The response DTO of the success answer; null for an answer without a body (204). */
  ok: Type<unknown> | null;
  /** The success status (default 200; give 201, 202 or 204 as the handler answers). */
  status?: number;
  /** The success answer's description, when the status's usual one does not fit (a 202 that no chain follows). */
  okDescription?: string;
  /** Other success answers of the same operation (a 202 beside the 201). */
  also?: { status: number; description: string; type?: Type<unknown> }[];
  /** Error statuses particular to this operation (with the codes in a description when given). */
  errors?: (ErrorStatus | [ErrorStatus, string])[];
  /** Path parameters that are not UUIDs (those read through UuidParamPipe are found alone): name -> format and description. */
  params?: Record<string, { format?: string; pattern?: string; description?: string; example?: string }>;
}

/**
 * The OpenAPI description of one route, from standard @nestjs/swagger decorators: summary and
 * operationId, the success schema, and the problem-details answers it can give. What every route
 * shares (401/403 from its roles, 400 from its inputs, 404 from its path ids, 429, 5xx, the roles in
 * the description, `Idempotency-Key` on a POST) is added to the document by completeOpenApiDocument,
 * so that a route decorated by hand is as complete.
 */
export function ApiEndpoint(options: ApiEndpointOptions): MethodDecorator {
  const status = options.status ?? 200;
  const decorators = [
    ApiExtraModels(ProblemDetailsDto, FieldErrorDto),
    ApiOperation({ summary: options.summary, operationId: options.operationId, ...(options.description ? { description: options.description } : {}) }),
    options.ok === null ? ApiResponse({ status, description: 'Done; no content' }) : ApiResponse({ status, type: options.ok, description: options.okDescription ?? successDescription(status) }),
    ...(options.also ?? []).map((answer) => ApiResponse({ status: answer.status, description: answer.description, ...(answer.type ? { type: answer.type } : {}) })),
    ...Object.entries(options.params ?? {}).map(([name, { description, example, ...schema }]) =>
      ApiParam({ name, required: true, schema: { type: 'string', ...schema }, ...(description ? { description } : {}), ...(example ? { example } : {}) }),
    ),
    ApiErrors(...(options.errors ?? [])),
  ];
  return applyDecorators(...decorators);
}

/** The error statuses particular to a route, with their codes when given (ApiEndpoint's `errors`). */
function ApiErrors(...errors: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator {
  return applyDecorators(
    ...errors.map((error) => (Array.isArray(error) ? ApiResponse(problemResponse(error[0], `${ERROR_DESCRIPTIONS[error[0]]}: ${error[1]}`)) : ApiResponse(problemResponse(error)))),
  );
}

function successDescription(status: number): string {
  switch (status) {
    case 201:
      return 'Created';
    case 202:
      return 'Accepted: recorded, the chain follows';
    default:
      return 'OK';
  }
}
