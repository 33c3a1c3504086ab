import { Controller, Get, Res, type OnModuleDestroy } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ChainClients } from '@rwa/chain';
import { AppConfig } from '@rwa/config';
import { redisOptionsFromUrl } from '@rwa/queue';
import { Public } from '../http/auth.decorators.js';

type Check = { status: 'up' | 'down'; error?: string; [detail: string]: unknown };

const CHECK_TIMEOUT_MS = 2000;

/** Liveness of what the platform depends on: Postgres, the queue store, the chain. */
@ApiTags('operations')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly config: AppConfig,
  ) {
    this.redis =
      config.queue.backend === 'redis' ? new Redis({ ...redisOptionsFromUrl(config.queue.redisUrl), lazyConnect: true, maxRetriesPerRequest: 1 }) : undefined;
  }

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ok' | 'error'; info: Record<string, Check> }> {
    const [database, redis, chain] = await Promise.all([
      check(async () => {
        await this.dataSource.query('SELECT 1');
        return {};
      }),
      check(async () => {
        if (!this.redis) {
          await this.dataSource.query('SELECT 1');
          return { backend: 'postgres' };
        }
        await this.redis.ping();
        return { backend: 'redis' };
      }),
      check(async () => ({ chainId: this.clients.chain.id, blockNumber: (await this.clients.publicClient.getBlockNumber()).toString() })),
    ]);
    const info = { database, redis, chain };
    const ok = Object.values(info).every((entry) => entry.status === 'up');
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', info };
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}

async function check(probe: () => Promise<Record<string, unknown>>): Promise<Check> {
  try {
    const details = await Promise.race([probe(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS))]);
    return { status: 'up', ...details };
  } catch (error) {
    return { status: 'down', error: (error as Error).message.split('\n')[0] };
  }
}
