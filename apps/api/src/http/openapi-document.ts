import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Role } from '@rwa/common';
import { ERROR_DESCRIPTIONS, FieldErrorDto, PROBLEM_MEDIA_TYPE, ProblemDetailsDto, type ErrorStatus } from './api-endpoint.decorator.js';
import { addRolesExtension } from './openapi-roles.js';

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  description?: string;
  parameters?: Json[];
  requestBody?: Json;
  responses?: Record<string, Json>;
  'x-roles'?: string[];
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Answers every operation can give, as shared `components.responses` (referenced, not repeated). */
const SHARED_RESPONSES: Partial<Record<ErrorStatus, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'IdempotencyConflict',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'Done; no content' };

/** The tags of the operations (an operation's tag not named here is listed with its name only). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  organizations: 'Organisations, their people and API keys',
  funds: 'Funds, their shelves, NAVs, dealing and lifecycle',
  calendars: 'Business-day calendars of dealing',
  investors: 'Investors of a distributor and the binding of their wallets',
  wallets: 'Investor wallets, their freezing and revocation',
  orders: 'Subscriptions and redemptions, from placement to settlement',
  kyt: 'Know-your-transaction: alerts, their review, the blocklist and fund rules',
  audit: 'The append-only, sealed audit trail',
  operations: 'Probes',
};

/**
 * The OpenAPI 3.1 document of the API (served at /docs-json, committed as openapi.json by
 * `npm run openapi`): Swagger's scan of the controllers, then what every operation shares.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('RWA tokenisation and distribution platform')
      .setDescription(
        'Funds, investors, wallets, orders and KYT review. IDs are UUIDs, times ISO-8601 UTC, dates `YYYY-MM-DD`; amounts, units and NAVs are decimal strings. ' +
          'Errors are RFC 9457 problem details (`application/problem+json`). Every POST honours `Idempotency-Key` (scoped to the organisation); `POST /v1/orders` requires it. ' +
          'Each operation lists the roles that may call it (`x-roles`, and in its description).',
      )
      .setVersion('1')
      .addServer('/', 'This platform (paths are relative to the address the document was read from)')
      .setLicense('UNLICENSED', 'https://example.invalid/license')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key (rwa_...)', description: 'An API key of the organisation: `Authorization: Bearer <api key>`. Not a JWT.' })
      .build(),
    { extraModels: [ProblemDetailsDto, FieldErrorDto] },
  );
  addRolesExtension(app, document);
  completeOpenApiDocument(document);
  return document;
}

/**
 * What every operation shares, added where the route's own decorators did not say it: the roles
 * in the description, 401 and 403 from the roles, 400 when it reads input, 404 when its path names
 * a resource, the Idempotency-Key's 409 on an authenticated POST, 429 and 5xx, problem details as
 * the body of every error answer, and the `Idempotency-Key` header on every POST.
 */
export function completeOpenApiDocument(document: OpenAPIObject): void {
  const components = (document.components ??= {}) as Json & { responses?: Record<string, Json> };
  components.responses ??= {};
  for (const [status, name] of Object.entries(SHARED_RESPONSES)) {
    components.responses[name] = { description: ERROR_DESCRIPTIONS[Number(status) as ErrorStatus], content: problemContent() };
  }
  components.responses.IdempotencyConflict!.description =
    'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body; IDEMPOTENCY_REQUEST_IN_PROGRESS: the first request with it is still running (retry later)';
  components.responses.TooManyRequests!.headers = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 0 } } };
  components.responses.ServiceUnavailable!.headers = { 'Retry-After': { description: 'Seconds to wait (a database timeout)', schema: { type: 'integer', minimum: 0 } } };

  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      for (const tag of (operation.tags as string[] | undefined) ?? []) tags.add(tag);
      const roles = operation['x-roles'];
      const responses = (operation.responses ??= {});
      if (roles !== undefined) {
        const who = roles.length === 0 ? 'Public: no API key needed.' : `Roles: ${roles.join(', ')}.`;
        operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
        if (roles.length === 0) operation.security = [];
      }
      const authenticated = roles === undefined || roles.length > 0;
      if (authenticated) {
        addShared(responses, 401);
        if (roles === undefined || roles.length < Object.values(Role).length) addShared(responses, 403);
        addShared(responses, 429);
      }
      const pathIds = (operation.parameters ?? []).some((parameter) => parameter.in === 'path');
      if (pathIds || operation.requestBody !== undefined || (operation.parameters ?? []).some((parameter) => parameter.in === 'query' || parameter.in === 'header')) {
        addShared(responses, 400);
      }
      if (pathIds) addShared(responses, 404);
      // Every authenticated POST honours Idempotency-Key (idempotency.interceptor.ts): its 409s, where the route declares no 409 of its own.
      if (method === 'post' && authenticated) addShared(responses, 409);
      addShared(responses, 500);
      addShared(responses, 503);
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && response.$ref === undefined) response.content = problemContent();
        if (response.description === '') response.description = SUCCESS_DESCRIPTIONS[Number(status)] ?? 'OK';
      }
      if (method === 'post') addIdempotencyKey(operation, path === '/v1/orders');
    }
  }
  document.tags = [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
}

function problemContent(): Json {
  return { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };
}

function addShared(responses: Record<string, Json>, status: ErrorStatus): void {
  responses[String(status)] ??= { $ref: `#/components/responses/${SHARED_RESPONSES[status]}` };
}

const IDEMPOTENCY_KEY_DESCRIPTION =
  'A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later).';

function addIdempotencyKey(operation: Operation, required: boolean): void {
  const parameters = (operation.parameters ??= []);
  const existing = parameters.find((parameter) => parameter.in === 'header' && String(parameter.name).toLowerCase() === 'idempotency-key');
  const parameter = {
    name: 'Idempotency-Key',
    in: 'header',
    required,
    description: required ? `Required here (400 IDEMPOTENCY_KEY_REQUIRED without it). ${IDEMPOTENCY_KEY_DESCRIPTION}` : IDEMPOTENCY_KEY_DESCRIPTION,
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
  };
  if (existing) Object.assign(existing, parameter, { required: required || existing.required === true });
  else parameters.push(parameter);
}
