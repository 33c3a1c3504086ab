// Issue 11 controls below HTTP: the ambient transaction an Idempotency-Key is claimed in (services'
// own transactions, repositories and hot-path statements join it), withheld secret answers,
// record expiry, the database timeouts of every pooled connection, and per-key rate limits.
import { randomUUID } from 'node:crypto';
import { Controller, Get, Global, Module, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule, loadConfig } from '@rwa/config';
import { DatabaseModule, dataSourceOptions, SqlStatement, TransactionContext } from '@rwa/database';
import { hashRequest, IdempotencyErrorCode, IdempotencyModule, IdempotencyService } from '@rwa/idempotency';
import { ProblemDetailsFilter } from '../../apps/api/src/http/problem-details.filter.js';
import { useIntegrationEnvironment } from './support/environment.js';
import { migrate } from './support/platform-fixture.js';

describe('edge controls', () => {
  let module: TestingModule;
  let dataSource: DataSource;
  const organizationId = randomUUID();

  beforeAll(async () => {
    useIntegrationEnvironment();
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, IdempotencyModule] }).compile();
    dataSource = module.get(DataSource);
    await migrate(dataSource);
    await dataSource.query('CREATE TABLE IF NOT EXISTS edge_probe (id uuid PRIMARY KEY, source text NOT NULL)');
    await dataSource.query(`INSERT INTO organizations (id, type, name, jurisdiction) VALUES ($1, 'ISSUER', 'Edge Bank', 'HK')`, [organizationId]);
  });

  afterAll(async () => {
    await dataSource?.query('DROP TABLE IF EXISTS edge_probe');
    await module?.close();
  });

  const probes = async (tag: string) => ((await dataSource.query('SELECT source FROM edge_probe WHERE id::text LIKE $1 ORDER BY source', [`${tag}%`])) as { source: string }[]).map((r) => r.source);

  /** Writes the way services do: their own transaction, the shared manager, a repository-free query, a hot-path statement. */
  async function serviceLikeWrites(tag: string): Promise<void> {
    const id = () => `${tag}${randomUUID().slice(8)}`;
    await dataSource.transaction(async (manager) => manager.query('INSERT INTO edge_probe VALUES ($1, $2)', [id(), 'transaction']));
    await dataSource.manager.query('INSERT INTO edge_probe VALUES ($1, $2)', [id(), 'manager']);
    await dataSource.query('INSERT INTO edge_probe VALUES ($1, $2)', [id(), 'query']);
    await dataSource.createQueryBuilder().insert().into('edge_probe').values({ id: id(), source: 'builder' }).execute();
    const statement = new SqlStatement();
    await statement.execute(dataSource, `INSERT INTO edge_probe VALUES (${statement.param(id(), 'uuid')}, ${statement.param('statement', 'text')})`);
  }

  describe(TransactionContext.name, () => {
    it('should commit everything the work does on the DataSource together', async () => {
      const tag = randomUUID().slice(0, 8);
      await module.get(TransactionContext).run(() => serviceLikeWrites(tag));

      expect(await probes(tag)).toEqual(['builder', 'manager', 'query', 'statement', 'transaction']);
    });

    it('should roll back even the inner transactions and statements that finished when the work fails', async () => {
      const tag = randomUUID().slice(0, 8);
      await expect(
        module.get(TransactionContext).run(async () => {
          await serviceLikeWrites(tag);
          throw new Error('refused after the writes');
        }),
      ).rejects.toThrow('refused after the writes');

      expect(await probes(tag)).toEqual([]);
    });

    it("should roll back only an inner transaction that failed (a savepoint), and keep the rest", async () => {
      const tag = randomUUID().slice(0, 8);
      await module.get(TransactionContext).run(async () => {
        await dataSource.query('INSERT INTO edge_probe VALUES ($1, $2)', [`${tag}-0000-4000-8000-000000000001`, 'kept']);
        await dataSource
          .transaction(async (manager) => {
            await manager.query('INSERT INTO edge_probe VALUES ($1, $2)', [`${tag}-0000-4000-8000-000000000002`, 'undone']);
            await manager.query('INSERT INTO edge_probe VALUES ($1, $2)', [`${tag}-0000-4000-8000-000000000001`, 'duplicate']);
          })
          .catch(() => undefined);
      });

      expect(await probes(tag)).toEqual(['kept']);
    });

    it('should leave the DataSource as it was outside a run, also for repositories first made inside one', async () => {
      const tag = randomUUID().slice(0, 8);
      await module.get(TransactionContext).run(async () => dataSource.getRepository('IdempotencyRecordEntity').count());
      await serviceLikeWrites(tag);
      expect(await dataSource.getRepository('IdempotencyRecordEntity').count()).toBeGreaterThanOrEqual(0);
      expect(await probes(tag)).toHaveLength(5);
    });
  });

  describe(IdempotencyService.name, () => {
    const hash = hashRequest('POST', '/v1/funds', { name: 'x' });

    it('should run the work once for concurrent claims of one key, with every service write in the claim transaction', async () => {
      const sut = module.get(IdempotencyService);
      const tag = randomUUID().slice(0, 8);
      let runs = 0;
      const work = async () => {
        runs += 1;
        await serviceLikeWrites(tag);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { statusCode: 202, body: { id: tag } };
      };

      const answers = await Promise.all([1, 2, 3, 4].map(() => sut.claimed(organizationId, `concurrent-${tag}`, hash, work)));

      expect(runs).toBe(1);
      expect(answers).toEqual([1, 2, 3, 4].map(() => ({ statusCode: 202, body: { id: tag } })));
      expect(await probes(tag)).toHaveLength(5);
    });

    it('should store a marker, not an answer that carries a secret, and refuse its replay with 409', async () => {
      const sut = module.get(IdempotencyService);
      const key = `secret-${randomUUID()}`;
      const first = await sut.claimed(organizationId, key, hash, async () => ({ statusCode: 201, body: { key: 'rwa_live_secret' } }), { withholdAnswer: true });

      expect(first.body).toEqual({ key: 'rwa_live_secret' });
      expect(await dataSource.query('SELECT response_body, answer_withheld, status_code FROM idempotency_records WHERE key = $1', [key])).toEqual([
        { response_body: null, answer_withheld: true, status_code: 201 },
      ]);
      await expect(sut.claimed(organizationId, key, hash, async () => ({ statusCode: 201, body: {} }), { withholdAnswer: true })).rejects.toMatchObject({
        code: IdempotencyErrorCode.IDEMPOTENT_REPLAY_UNAVAILABLE,
      });
    });

    it('should let an expired key be claimed again, and prune expired records', async () => {
      const sut = module.get(IdempotencyService);
      const [expired, stale] = [`expired-${randomUUID()}`, `stale-${randomUUID()}`];
      await sut.claimed(organizationId, expired, hash, async () => ({ statusCode: 201, body: { n: 1 } }));
      await sut.claimed(organizationId, stale, hash, async () => ({ statusCode: 201, body: { n: 1 } }));
      await dataSource.query("UPDATE idempotency_records SET created_at = now() - interval '2 days' WHERE key = ANY($1)", [[expired, stale]]);

      const again = await sut.claimed(organizationId, expired, hash, async () => ({ statusCode: 201, body: { n: 2 } }));
      const pruned = await sut.prune();

      expect(again.body).toEqual({ n: 2 });
      expect(pruned).toBeGreaterThanOrEqual(1);
      expect(await dataSource.query('SELECT key FROM idempotency_records WHERE key = ANY($1)', [[expired, stale]])).toEqual([{ key: expired }]);
    });
  });

  describe('database timeouts', () => {
    let limited: DataSource;
    beforeAll(async () => {
      const url = module.get(AppConfig).database.url;
      limited = await new DataSource(dataSourceOptions(url, { statementTimeoutMs: 1000, lockTimeoutMs: 200, idleInTransactionTimeoutMs: 500 })).initialize();
    });
    afterAll(async () => limited?.destroy());

    it('should end a statement that runs past the statement timeout with 57014, promptly', async () => {
      const started = Date.now();
      await expect(limited.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ driverError: { code: '57014' } });
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('should end a lock wait past the lock timeout with 55P03, on every pooled connection', async () => {
      const holder = limited.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query("SELECT pg_advisory_xact_lock(4242)");
      try {
        await expect(Promise.all([1, 2, 3].map(() => limited.query('SELECT pg_advisory_xact_lock(4242)')))).rejects.toMatchObject({ driverError: { code: '55P03' } });
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
    });

    it('should close a session left idle in a transaction', async () => {
      const runner = limited.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await expect(runner.query('SELECT 1')).rejects.toThrow();
      await runner.release().catch(() => undefined);
    });

    it('should answer a timed-out statement with 503 DATABASE_TIMEOUT problem details and Retry-After, not a 500', async () => {
      const error = await limited.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
      const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
      const response = {
        setHeader: (name: string, value: string) => (sent.headers[name] = value),
        status(code: number) {
          sent.status = code;
          return this;
        },
        type() {
          return this;
        },
        json: (body: unknown) => (sent.body = body),
      };
      const host = { switchToHttp: () => ({ getRequest: () => ({ method: 'GET', url: '/v1/x', id: 'r1' }), getResponse: () => response }) };
      new ProblemDetailsFilter().catch(error, host as never);

      expect(sent).toMatchObject({ status: 503, body: { code: 'DATABASE_TIMEOUT', status: 503 }, headers: { 'retry-after': '1' } });
    });
  });

  describe('rate limits', () => {
    @Controller('v1/ping')
    class PingController {
      @Get()
      ping(): { ok: true } {
        return { ok: true };
      }
    }

    async function appWith(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
      // Loaded once @nestjs/common has been evaluated: jest's ESM loader refuses the CommonJS
      // @nestjs/throttler requiring it while the static import graph is still being linked.
      const { ThrottlerGuard } = await import('@nestjs/throttler');
      const { rateLimitModule } = await import('../../apps/api/src/http/rate-limit.js');
      const config = loadConfig({ ...process.env, ...env });
      @Global()
      @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
      class LimitedConfigModule {}
      const testing = await Test.createTestingModule({
        imports: [LimitedConfigModule, rateLimitModule()],
        controllers: [PingController],
        providers: [
          { provide: APP_GUARD, useClass: ThrottlerGuard },
          { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        ],
      }).compile();
      const app = testing.createNestApplication({ logger: false });
      await app.listen(0, '127.0.0.1');
      return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
    }

    for (const backend of ['redis', 'postgres'] as const) {
      it(`should answer 429 with Retry-After past the limit of a key, and count each key apart (${backend === 'redis' ? 'Redis storage' : 'in memory, no Redis'})`, async () => {
        const { app, url } = await appWith({ QUEUE_BACKEND: backend, QUEUE_PREFIX: `rwa-it-rate-${randomUUID().slice(0, 8)}`, RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_WINDOW_MS: '60000' });
        try {
          const as = (key: string) => fetch(`${url}/v1/ping`, { headers: { authorization: `Bearer ${key}` } });
          const statuses = [];
          for (let i = 0; i < 4; i += 1) statuses.push((await as('key-one')).status);
          const limited = await as('key-one');
          const other = await as('key-two');

          expect(statuses).toEqual([200, 200, 200, 429]);
          expect(limited.status).toBe(429);
          expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(limited.headers.get('content-type')).toContain('application/problem+json');
          expect(await limited.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
          expect(other.status).toBe(200);
        } finally {
          await app.close();
        }
      });
    }
  });
});
