/** The retry policy of deliveries (WEBHOOK_RETRY_*). */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  windowMs: number;
}

/**
 * The delay before the next attempt after `attempts` failed ones: exponential from `baseMs`, capped
 * at `maxMs`, with "equal jitter" (half fixed, half random) so endpoints coming back are not hit by
 * every retry at once. `random` is injectable for tests.
 */
export function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Whether a delivery first tried at `startedAt` may still be retried at `now` (else it is FAILED). */
export function withinRetryWindow(policy: RetryPolicy, startedAt: Date, now: Date): boolean {
  return now.getTime() - startedAt.getTime() < policy.windowMs;
}
