import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a unit of work carries through the process: the HTTP request it serves, or the job it runs
 * (which carries the request id of the request that asked for it). Outbox rows written inside it
 * keep its request id, so a worker's lines about a job can be joined to the API's request line.
 */
export interface RequestContext {
  requestId?: string;
  /** Set in the worker: the job being run. */
  job?: string;
  jobId?: string;
  /**
   * Added to every log line made inside (the worker's job lines). HTTP requests leave it unset:
   * their request logger (pino-http) already binds the request id.
   */
  logBindings?: Record<string, string>;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` as the current request context (nested runs replace it). */
export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request context, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The request id of the current unit of work, or null outside any (a timer, a start-up step). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * A client's X-Request-Id is kept when it is a plausible id (at most 100 word characters, dots,
 * colons and dashes); anything else could forge log lines or carry a payload, so a fresh id is used.
 */
export function acceptableRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}
