import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Actor } from '@rwa/common';
import type { AppConfig } from '@rwa/config';
import { acceptableRequestId, rootLogger, runInRequestContext } from '@rwa/logging';
import type { PlatformMetrics } from '@rwa/metrics';

type ObservedRequest = IncomingMessage & Partial<Pick<Request, 'route' | 'baseUrl' | 'method'>> & { id?: string; actor?: Actor };

/**
 * The request's id: the one already given to it, else the client's X-Request-Id when acceptable,
 * else a new UUID. The one rule for every part of the API that names a request.
 */
export function requestIdOf(request: IncomingMessage & { id?: unknown }): string {
  if (typeof request.id === 'string') return request.id;
  const incoming = request.headers['x-request-id'];
  return acceptableRequestId(incoming) ? incoming : randomUUID();
}

/** The route pattern that served the request (`/v1/orders/:id`), or `unmatched`: never the raw URL, whose ids would make a label per order. */
export function routeOf(request: ObservedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
}

/**
 * Mounted first (main.ts): gives every request its id (X-Request-Id on every answer), runs the rest
 * of the request in its request context (outbox intents written on its behalf keep the id), and
 * when the answer is sent writes one line `{requestId, organizationId, role, method, route, status,
 * durationMs}` and counts it in the HTTP metrics.
 */
export function requestLogging(config: AppConfig, metrics: PlatformMetrics): RequestHandler {
  const line = (request: ObservedRequest, response: ServerResponse, durationMs: number) => ({
    organizationId: request.actor?.organizationId,
    role: request.actor?.role,
    method: request.method,
    route: routeOf(request),
    status: response.statusCode,
    durationMs,
  });
  const http = pinoHttp<ObservedRequest, ServerResponse>({
    logger: rootLogger(config, 'api'),
    // The request's logger binds only its id; the finished line carries the rest.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (request, response) => {
      const id = requestIdOf(request);
      response.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_request, response, error) => (error !== undefined || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (request, response, durationMs) => `${request.method} ${routeOf(request)} ${response.statusCode} ${durationMs} ms`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
    customSuccessObject: (request, response, value: { responseTime: number }) => line(request, response, value.responseTime),
    customErrorObject: (request, response, _error, value: { responseTime: number }) => line(request, response, value.responseTime),
  });
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttpRequest(request.method, routeOf(request as ObservedRequest), response.statusCode, seconds);
    });
    http(request as unknown as ObservedRequest, response, () => runInRequestContext({ requestId: (request as { id?: string }).id }, next));
  };
}
