import { createHash } from 'node:crypto';
import { Injectable, Logger, Module, type DynamicModule, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { AppConfig } from '@rwa/config';
import { redisOptionsFromUrl } from '@rwa/queue';

/**
 * Per-key rate limits (@nestjs/throttler): RATE_LIMIT_PER_KEY requests per RATE_LIMIT_WINDOW_MS for
 * each API key, across every endpoint and every API process (the count lives in Redis), or per
 * client address for calls without a key. Past the limit: 429 problem details with Retry-After
 * (seconds). With QUEUE_BACKEND=postgres there is no Redis: each process counts in memory, so the
 * limit holds per process. Health and metrics are never limited (probes must always answer).
 */
const UNLIMITED_PATHS = /^\/(health|metrics)(\/|$)/;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * A fixed window per key in Redis, one round trip: count the hit, start the window on the first,
 * and block for `blockDuration` once past the limit.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {hits, ttl, 1, blocked} end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  readonly redis: Redis | undefined;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.prefix = `${config.queue.prefix}:rate-limit:`;
    if (config.queue.backend === 'redis') {
      this.redis = new Redis({ ...redisOptionsFromUrl(config.queue.redisUrl), maxRetriesPerRequest: 2, enableOfflineQueue: true });
    } else {
      this.logger.log('QUEUE_BACKEND=postgres: no Redis, so rate limits are counted in memory, per API process');
    }
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const counter = `${this.prefix}${throttlerName}:${key}`;
    const [totalHits, ttlMs, blocked, blockMs] = (await this.redis!.eval(INCREMENT_SCRIPT, 2, counter, `${counter}:blocked`, ttl, limit, blockDuration)) as number[];
    return { totalHits: totalHits!, timeToExpire: Math.ceil(Math.max(ttlMs!, 0) / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(Math.max(blockMs!, 0) / 1000) };
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class RateLimitStorageModule {}

/** Who a request counts against: its API key (hashed: keys never sit in Redis), else its address. */
export function rateLimitTracker(request: { headers: Record<string, string | string[] | undefined>; ip?: string }): string {
  const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
  return match ? `key:${createHash('sha256').update(match[1]!).digest('hex').slice(0, 32)}` : `ip:${request.ip ?? 'unknown'}`;
}

/** The throttler configured from AppConfig; ApiModule adds ThrottlerGuard as a global guard. */
export function rateLimitModule(): DynamicModule {
  return ThrottlerModule.forRootAsync({
    imports: [RateLimitStorageModule],
    inject: [AppConfig, RedisThrottlerStorage],
    useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
      throttlers: [{ name: 'default', ttl: config.rateLimit.windowMs, limit: config.rateLimit.limit }],
      storage: storage.redis ? storage : undefined,
      skipIf: (context: ExecutionContext) => config.rateLimit.limit === 0 || UNLIMITED_PATHS.test(context.switchToHttp().getRequest<{ path: string }>().path),
      getTracker: (request) => rateLimitTracker(request as Parameters<typeof rateLimitTracker>[0]),
      // One budget per key across all endpoints, not one per endpoint.
      generateKey: (_context, tracker) => tracker,
      errorMessage: 'Too many requests for this API key; retry after the number of seconds in Retry-After',
    }),
  });
}
