// A small typed HTTP client over global fetch for the e2e suites.
import { randomUUID } from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  contentType: string;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is, for malformed-JSON tests. */
  rawBody?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export class ApiClient {
  readonly baseUrl: string;
  readonly key: string | undefined;

  constructor(baseUrl: string, key?: string) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  withKey(key: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  async request<T = Json>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.key !== undefined) headers.authorization = `Bearer ${this.key}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    let parsed: unknown = text;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed as T };
  }

  get<T = Json>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = Json>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body: body ?? options.body });
  }

  put<T = Json>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body: body ?? options.body });
  }

  patch<T = Json>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body: body ?? options.body });
  }

  delete<T = Json>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

export function newIdempotencyKey(): string {
  return randomUUID();
}

/** A compact view of a response for assertions: a failing expectation shows the whole body. */
export function summary(response: ApiResponse): { status: number; code: unknown; body: unknown } {
  const body = response.body as { code?: unknown } | undefined;
  return { status: response.status, code: typeof body === 'object' && body !== null ? body.code : undefined, body: response.body };
}

/** Asserts an RFC 9457 problem detail with this status and code. */
export function expectProblem(response: ApiResponse, status: number, code: string): void {
  expect(summary(response)).toMatchObject({ status, code, body: { status, code } });
  expect(response.contentType).toContain('application/problem+json');
}

/**
 * Asserts the 404 of a resource that does not exist for the caller (`FUND_NOT_FOUND`, ...): the
 * platform names the resource kind, and answers another organisation's id like a missing one.
 */
export function expectNotFound(response: ApiResponse, resource: 'FUND' | 'INVESTOR' | 'WALLET' | 'ORDER' | 'ALERT' | 'ORGANIZATION'): void {
  expectProblem(response, 404, `${resource}_NOT_FOUND`);
}

/** Asserts a 400 VALIDATION_FAILED problem that names each of `fields` in `errors`. */
export function expectValidationProblem(response: ApiResponse, fields: string[]): void {
  expectProblem(response, 400, 'VALIDATION_FAILED');
  const named = ((response.body as { errors?: { field?: string }[] }).errors ?? []).map((e) => e.field);
  for (const field of fields) expect({ field, named }).toEqual({ field, named: expect.arrayContaining([field]) });
}

/** Asserts a 2xx-class answer with this exact status, showing the body when it is not. */
export function expectStatus(response: ApiResponse, status: number): void {
  expect(summary(response)).toMatchObject({ status });
}
