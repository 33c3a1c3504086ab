import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@rwa/config';
import type { PlatformMetrics } from '@rwa/metrics';
import { AlertSeverity } from '../kyt.entities.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { assess, type KytProvider, type OrderScreeningRequest, type RiskAssessment, type RiskReason } from './kyt-provider.js';
import { RulesKytProvider } from './rules-kyt-provider.js';

/** The external service did not answer (timeouts, errors, open circuit): the caller must fail closed. */
export class ScreeningUnavailableError extends Error {}

const LEVELS = new Set<string>(Object.values(AlertSeverity));
const BACKOFF_BASE_MS = 100;

/** The external service's answer: a 0-100 score, a level, and reasons with codes. */
interface ExternalVerdict {
  score: number;
  level: AlertSeverity;
  reasons: { code: string; message: string }[];
}

/**
 * An external screening service behind HTTP (`POST {url}/v1/screen/address` and
 * `/v1/screen/order`, bearer key), on top of the built-in rules (the platform's own blocklist and
 * patterns always apply). Each call has a timeout, is retried with exponential backoff, and goes
 * through a circuit breaker; when no answer comes, ScreeningUnavailableError is thrown.
 */
@Injectable()
export class HttpKytProvider implements KytProvider {
  readonly name = 'http';
  private readonly logger = new Logger(HttpKytProvider.name);
  private readonly breaker: CircuitBreaker;
  private readonly settings: NonNullable<AppConfig['kyt']['http']>;

  constructor(
    config: AppConfig,
    private readonly rules: RulesKytProvider,
    private readonly metrics?: PlatformMetrics,
  ) {
    if (!config.kyt.http) throw new Error('HttpKytProvider needs KYT_HTTP_URL and KYT_HTTP_API_KEY');
    this.settings = config.kyt.http;
    this.breaker = new CircuitBreaker(this.settings.breakerFailures, this.settings.breakerResetMs);
    metrics?.watchKytBreaker(() => this.breaker.state);
  }

  async screenAddress(manager: EntityManager, address: `0x${string}`): Promise<RiskAssessment> {
    const own = await this.rules.screenAddress(manager, address);
    return assess([...own.reasons, ...(await this.externalAddressVerdict(address)).reasons]);
  }

  /** The external service's verdict on the address alone (no database): asked before any transaction. */
  async externalAddressVerdict(address: `0x${string}`): Promise<RiskAssessment> {
    return merge(assess([]), await this.call('/v1/screen/address', { address }));
  }

  async screenOrder(manager: EntityManager, order: OrderScreeningRequest): Promise<RiskAssessment> {
    const own = await this.rules.screenOrder(manager, order);
    return assess([...own.reasons, ...(await this.externalOrderVerdict(order)).reasons]);
  }

  /** The external service's verdict on the order alone (no database): asked before any transaction. */
  async externalOrderVerdict(order: OrderScreeningRequest): Promise<RiskAssessment> {
    const external = await this.call('/v1/screen/order', {
      orderId: order.orderId,
      type: order.type,
      address: order.walletAddress,
      // Minor units as a string: amounts never travel as JSON numbers.
      amount: order.amount === null ? null : order.amount.toString(),
      amountDecimals: order.cashDecimals,
    });
    return merge(assess([]), external);
  }

  private async call(path: string, body: unknown): Promise<ExternalVerdict> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.settings.retries; attempt += 1) {
      if (!this.breaker.tryAcquire()) {
        this.metrics?.kytProviderCalls.inc({ endpoint: path, outcome: 'circuit_open' });
        throw new ScreeningUnavailableError('KYT screening service circuit is open');
      }
      if (attempt > 0) await sleep(BACKOFF_BASE_MS * 2 ** (attempt - 1));
      const stopTimer = this.metrics?.kytProviderCallDuration.startTimer({ endpoint: path });
      try {
        const verdict = await this.post(path, body);
        this.breaker.onSuccess();
        this.metrics?.kytProviderCalls.inc({ endpoint: path, outcome: 'ok' });
        return verdict;
      } catch (error) {
        this.breaker.onFailure();
        this.metrics?.kytProviderCalls.inc({ endpoint: path, outcome: 'error' });
        lastError = error;
      } finally {
        stopTimer?.();
      }
    }
    this.logger.warn(`KYT screening service unavailable: ${(lastError as Error).message}`);
    throw new ScreeningUnavailableError(`KYT screening service did not answer: ${(lastError as Error).message}`);
  }

  private async post(path: string, body: unknown): Promise<ExternalVerdict> {
    const response = await fetch(new URL(path, this.settings.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.settings.apiKey}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const verdict = (await response.json()) as ExternalVerdict;
    // A malformed answer is no answer: never read it as "clean".
    if (typeof verdict?.score !== 'number' || !LEVELS.has(verdict.level) || !Array.isArray(verdict.reasons)) throw new Error('malformed verdict');
    return verdict;
  }
}

/** The external findings join the built-in ones; an external non-LOW verdict counts even without reasons. */
function merge(own: RiskAssessment, external: ExternalVerdict): RiskAssessment {
  const externalReasons: RiskReason[] = external.reasons.map((reason) => ({
    code: `EXTERNAL_${reason.code}`,
    message: reason.message,
    level: external.level,
    score: Math.max(0, Math.min(100, external.score)),
  }));
  if (externalReasons.length === 0 && external.level !== AlertSeverity.LOW) {
    externalReasons.push({ code: 'EXTERNAL_RISK', message: `External screening: ${external.level} (score ${external.score})`, level: external.level, score: external.score });
  }
  return assess([...own.reasons, ...externalReasons]);
}
