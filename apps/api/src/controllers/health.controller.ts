import { Controller, Get, Req, Res, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ChainClients } from '@rwa/chain';
import { Role } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { OrganizationsService } from '@rwa/organizations';
import { redisOptionsFromUrl } from '@rwa/queue';
import { Public } from '../http/auth.decorators.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { HealthCheckDto, HealthIndicatorDto } from './response.dtos.js';

/** Each dependency must answer within this time, or it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Probes (api-contract.md, "Operations"), through @nestjs/terminus:
 * - `GET /health/live`: the process answers (no dependency is asked: a database outage must not make
 *   an orchestrator restart healthy API processes);
 * - `GET /health/ready`: the database, the queue store and the chain each answer within 2 s;
 * - `GET /health`: readiness under the names it always had (database, redis, chain).
 * Anonymous callers see each dependency's status only; the reasons (driver and RPC error text, which
 * can name hosts) are shown to an ADMIN key and written to the log.
 */
@ApiTags('operations')
@ApiExtraModels(HealthIndicatorDto)
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly organizations: OrganizationsService,
    config: AppConfig,
  ) {
    this.redis =
      config.queue.backend === 'redis' ? new Redis({ ...redisOptionsFromUrl(config.queue.redisUrl), lazyConnect: true, maxRetriesPerRequest: 1 }) : undefined;
  }

  @Get('live')
  @Public()
  @ApiEndpoint({ summary: 'Liveness probe', description: 'The process answers; no dependency is asked.', operationId: 'getLiveness', ok: HealthCheckDto })
  async live(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.answer(request, response, []);
  }

  @Get('ready')
  @Public()
  @ApiEndpoint({ summary: 'Readiness probe', description: 'The database, the queue store and the chain each answer within 2 s; 503 otherwise. Reasons are shown to ADMIN keys only.', operationId: 'getReadiness', ok: HealthCheckDto, also: [{ status: 503, description: 'A dependency is down', type: HealthCheckDto }] })
  async ready(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.answer(request, response, this.dependencies('queue'));
  }

  @Get()
  @Public()
  @ApiEndpoint({ summary: 'Health (readiness under its first names)', description: 'Readiness with the dependencies named database, redis and chain; 503 otherwise.', operationId: 'getHealth', ok: HealthCheckDto, also: [{ status: 503, description: 'A dependency is down', type: HealthCheckDto }] })
  async legacy(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.answer(request, response, this.dependencies('redis'));
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  private dependencies(queueKey: 'queue' | 'redis'): HealthIndicatorFunction[] {
    return [
      () => this.database.pingCheck('database', { connection: this.dataSource, timeout: CHECK_TIMEOUT_MS }),
      () =>
        this.probe(queueKey, async () => {
          if (!this.redis) {
            await this.dataSource.query('SELECT 1');
            return { backend: 'postgres' };
          }
          await this.redis.ping();
          return { backend: 'redis' };
        }),
      () => this.probe('chain', async () => ({ chainId: this.clients.chain.id, blockNumber: (await this.clients.publicClient.getBlockNumber()).toString() })),
    ];
  }

  private async probe<Key extends string>(key: Key, work: () => Promise<Record<string, unknown>>) {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const details = await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      return indicator.up(details);
    } catch (error) {
      return indicator.down({ message: (error as Error).message.split('\n')[0] });
    } finally {
      clearTimeout(timer);
    }
  }

  private async answer(request: Request, response: Response, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      result = error.getResponse() as HealthCheckResult;
    }
    response.status(result.status === 'ok' ? 200 : 503);
    return (await this.isAdmin(request)) ? result : statusesOnly(result);
  }

  /** Details go to ADMIN keys only; a missing or bad key is simply anonymous here (never a 401). */
  private async isAdmin(request: Request): Promise<boolean> {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match) return false;
    const actor = await this.organizations.authenticate(match[1]!).catch(() => null);
    return actor?.role === Role.ADMIN;
  }
}

function statusesOnly(result: HealthCheckResult): HealthCheckResult {
  const strip = (section: HealthCheckResult['info']) =>
    section === undefined ? undefined : Object.fromEntries(Object.entries(section).map(([key, value]) => [key, { status: value?.status ?? 'down' }]));
  return { status: result.status, info: strip(result.info), error: strip(result.error), details: strip(result.details)! };
}
