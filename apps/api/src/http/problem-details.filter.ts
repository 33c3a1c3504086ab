import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChainErrorCode, ChainException, contractErrorCode } from '@rwa/chain';
import { DomainException, InvalidTransitionError, type FieldError } from '@rwa/common';
import { problemStatus, type ProblemCode } from './problem-status.js';

/** Postgres: statement_timeout (or a cancel) and lock_timeout. */
const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

/** An RFC 9457 problem details body (api-contract.md). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  instance?: string;
  /** The request's id (also its X-Request-Id header), to quote to support. */
  requestId?: string;
}

/**
 * Turns every error into problem details. Domain errors carry their code; Nest's own HTTP errors
 * (unknown route, body parse errors) keep their status; anything else is a 500 whose cause is
 * logged with the request id, never shown.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (problem.code === 'DATABASE_TIMEOUT') response.setHeader('retry-after', '1');
    response.status(problem.status).type('application/problem+json').json({ ...problem, requestId: request.id });
  }

  private toProblem(exception: unknown, request: Request & { id?: string }): ProblemDetails {
    // A contract's custom error is the client's problem code (FUND_TOKEN_..., IDENTITY_REGISTRY_...).
    if (exception instanceof ChainException && exception.code === ChainErrorCode.CONTRACT_REVERTED) {
      return problem(422, contractErrorCode(exception.errorName), exception.message);
    }
    if (exception instanceof DomainException) {
      const status = problemStatus(exception.code as ProblemCode);
      return problem(status, exception.code, exception.message, exception.fieldErrors.length > 0 ? exception.fieldErrors : undefined);
    }
    if (exception instanceof InvalidTransitionError) return problem(409, 'INVALID_STATE_TRANSITION', exception.message);
    // A statement or a lock wait that ran past its timeout (DB_STATEMENT_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS):
    // a clean, retryable answer instead of a request that hangs. Nothing was committed.
    const sqlState = (exception as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (exception as { code?: unknown } | null)?.code;
    if (sqlState === QUERY_CANCELED || sqlState === LOCK_NOT_AVAILABLE) {
      this.logger.warn(`Database timeout on ${request.method} ${request.url} (request ${request.id ?? '-'}): ${(exception as Error).message}`);
      return problem(503, 'DATABASE_TIMEOUT', `The database did not answer in time; nothing was changed. Retry later (request id ${request.id ?? '-'})`);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return problem(status, httpCode(status), httpDetail(exception));
    }
    this.logger.error(`Unhandled error on ${request.method} ${request.url} (request ${request.id ?? '-'})`, (exception as Error)?.stack ?? String(exception));
    return problem(500, 'INTERNAL_ERROR', `An internal error occurred; quote request id ${request.id ?? '-'} to support`);
  }
}

function problem(status: number, code: string, detail: string, errors?: FieldError[]): ProblemDetails {
  return {
    type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: code
      .toLowerCase()
      .split('_')
      .map((word, index) => (index === 0 ? word[0]!.toUpperCase() + word.slice(1) : word))
      .join(' '),
    status,
    code,
    detail,
    ...(errors ? { errors } : {}),
  };
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'MALFORMED_REQUEST';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return `HTTP_${status}`;
  }
}

function httpDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
