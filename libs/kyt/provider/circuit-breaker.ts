/**
 * A consecutive-failure circuit breaker: after `failureThreshold` failures in a row it opens and
 * refuses calls for `resetMs`; then one trial call is let through (half-open), whose outcome closes
 * or re-opens it. Refusing fast spares a struggling service and the callers' latency.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly failureThreshold: number,
    private readonly resetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'CLOSED' | 'OPEN' | 'HALF_OPEN' {
    if (this.openedAt === null) return 'CLOSED';
    return this.now() - this.openedAt >= this.resetMs ? 'HALF_OPEN' : 'OPEN';
  }

  /** Whether a call may go out now; in HALF_OPEN only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'CLOSED') return true;
    if (state === 'OPEN' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  onFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.failureThreshold) this.openedAt = this.now();
  }
}
