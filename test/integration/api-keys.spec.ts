import { createHash, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuditModule } from '@rwa/audit';
import { OrganizationType, Role } from '@rwa/common';
import { AppConfig, ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { API_KEYS_CHANNEL, ApiKeyAuthCache, OrganizationsModule, OrganizationsService } from '@rwa/organizations';
import { useIntegrationEnvironment } from './support/environment.js';
import { adminActor, migrate } from './support/platform-fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API keys (issue 11)', () => {
  let module: TestingModule;
  let dataSource: DataSource;
  let sut: OrganizationsService;

  beforeAll(async () => {
    useIntegrationEnvironment();
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, AuditModule, OrganizationsModule] }).compile();
    dataSource = module.get(DataSource);
    await migrate(dataSource);
    sut = module.get(OrganizationsService);
  });

  afterAll(async () => {
    await module?.close();
  });

  const distributorOrganization = () => sut.createOrganization(adminActor, { type: OrganizationType.DISTRIBUTOR, name: `d ${randomUUID()}`, jurisdiction: 'HK' });
  const keyRow = async (id: string) => ((await dataSource.query('SELECT key_hash, hash_version, last_used_at FROM api_keys WHERE id = $1', [id])) as { key_hash: string; hash_version: number; last_used_at: Date | null }[])[0]!;

  describe(OrganizationsService.prototype.authenticate.name, () => {
    it('should store new keys as an HMAC keyed with API_KEY_PEPPER, not as their SHA-256', async () => {
      const organization = await distributorOrganization();
      const created = await sut.createApiKey(adminActor, organization.id, { label: 'x', role: Role.DISTRIBUTOR });

      const row = await keyRow(created.id);

      expect(row.hash_version).toBe(2);
      expect(row.key_hash).not.toBe(createHash('sha256').update(created.key).digest('hex'));
      expect(await sut.authenticate(created.key)).toMatchObject({ apiKeyId: created.id, userId: null, role: Role.DISTRIBUTOR });
    });

    it('should accept a key stored with the unkeyed SHA-256 of before, and re-store it as the HMAC', async () => {
      const organization = await distributorOrganization();
      const created = await sut.createApiKey(adminActor, organization.id, { label: 'legacy', role: Role.DISTRIBUTOR });
      const legacyHash = createHash('sha256').update(created.key).digest('hex');
      const { key_hash: hmac } = await keyRow(created.id);
      await dataSource.query('UPDATE api_keys SET key_hash = $1, hash_version = 1 WHERE id = $2', [legacyHash, created.id]);

      expect(await sut.authenticate(created.key)).toMatchObject({ apiKeyId: created.id });

      expect(await keyRow(created.id)).toMatchObject({ key_hash: hmac, hash_version: 2 });
    });

    it('should not take a stored hash, or nothing, for a key', async () => {
      const organization = await distributorOrganization();
      const created = await sut.createApiKey(adminActor, organization.id, { label: 'x', role: Role.DISTRIBUTOR });
      const { key_hash: hmac } = await keyRow(created.id);

      expect(await sut.authenticate(hmac)).toBeNull();
      expect(await sut.authenticate('')).toBeNull();
    });

    it('should stamp lastUsedAt once, however often the key is used within a minute', async () => {
      const organization = await distributorOrganization();
      const created = await sut.createApiKey(adminActor, organization.id, { label: 'x', role: Role.DISTRIBUTOR });
      const queries: string[] = [];
      const spy = jestSpyQueries(dataSource, queries);
      try {
        for (let index = 0; index < 50; index += 1) await sut.authenticate(created.key);
        await sleep(200);
      } finally {
        spy();
      }

      expect(queries.filter((sql) => sql.includes('last_used_at = now()'))).toHaveLength(1);
      expect((await keyRow(created.id)).last_used_at).toBeInstanceOf(Date);
    });
  });

  describe(OrganizationsService.prototype.bootstrapPlatformAdmin.name, () => {
    it('should not add a second admin key when PLATFORM_ADMIN_KEY is still stored under its SHA-256', async () => {
      // The integration environment sets no PLATFORM_ADMIN_KEY: this suite's module gets one.
      const auth = module.get(AppConfig).auth;
      const key = `rwa_admin_it_${randomUUID()}`;
      Object.assign(auth, { platformAdminKey: key });
      try {
        await sut.bootstrapPlatformAdmin();
        const [{ id }] = (await dataSource.query('SELECT id FROM api_keys ORDER BY created_at DESC LIMIT 1')) as [{ id: string }];
        // As a release before issue 11 stored it.
        await dataSource.query('UPDATE api_keys SET key_hash = $1, hash_version = 1 WHERE id = $2', [createHash('sha256').update(key).digest('hex'), id]);
        const admins = async () => ((await dataSource.query(`SELECT count(*)::int AS n FROM api_keys WHERE role = 'ADMIN'`)) as [{ n: number }])[0].n;
        const before = await admins();

        await sut.bootstrapPlatformAdmin();

        expect(await admins()).toBe(before);
        expect(await sut.authenticate(key)).toMatchObject({ apiKeyId: id, role: Role.ADMIN });
        expect(await keyRow(id)).toMatchObject({ hash_version: 2 });
      } finally {
        Object.assign(auth, { platformAdminKey: undefined });
      }
    });
  });

  describe(ApiKeyAuthCache.name, () => {
    let cache: ApiKeyAuthCache<string>;

    beforeEach(() => {
      cache = new ApiKeyAuthCache(useIntegrationEnvironment().databaseUrl, 30_000);
    });

    afterEach(async () => {
      await cache.close();
    });

    async function listening(): Promise<void> {
      await cache.get('warm-up', async () => ({ value: 'x', keyId: null }));
      for (let waited = 0; !cache.listening(); waited += 20) {
        if (waited > 5000) throw new Error('the listener did not connect');
        await sleep(20);
      }
    }

    it('should serve a cached answer until the key is notified as changed', async () => {
      await listening();
      const keyId = randomUUID();
      let loads = 0;
      const load = async () => ({ value: `answer ${++loads}`, keyId });

      expect(await cache.get('hash', load)).toBe('answer 1');
      expect(await cache.get('hash', load)).toBe('answer 1');
      await dataSource.query('SELECT pg_notify($1, $2)', [API_KEYS_CHANNEL, keyId]);
      await sleep(100);

      expect(await cache.get('hash', load)).toBe('answer 2');
    });

    it('should not keep an answer loaded while a change of its key was being notified', async () => {
      await listening();
      const keyId = randomUUID();
      let loads = 0;

      const first = await cache.get('hash', async () => {
        loads += 1;
        await dataSource.query('SELECT pg_notify($1, $2)', [API_KEYS_CHANNEL, keyId]);
        await sleep(100);
        return { value: 'stale', keyId };
      });
      const second = await cache.get('hash', async () => ({ value: `fresh ${++loads}`, keyId }));

      expect(first).toBe('stale');
      expect(second).toBe('fresh 2');
    });

    it('should cache nothing while its connection is lost, and listen again', async () => {
      await listening();
      await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'rwa-api-key-listener'`);
      for (let waited = 0; cache.listening(); waited += 10) {
        if (waited > 3000) throw new Error('the lost connection was not noticed');
        await sleep(10);
      }
      let loads = 0;
      const load = async () => ({ value: `answer ${++loads}`, keyId: null });

      expect(await cache.get('hash', load)).toBe('answer 1');
      if (!cache.listening()) expect(await cache.get('hash', load)).toBe('answer 2');

      await listening();
      const cached = await cache.get('hash', load);
      expect(await cache.get('hash', load)).toBe(cached);
    });
  });
});

/** Records the SQL of every dataSource.query call until the returned function is called. */
function jestSpyQueries(dataSource: DataSource, queries: string[]): () => void {
  const original = dataSource.query.bind(dataSource);
  dataSource.query = (async (sql: string, parameters?: unknown[]) => {
    queries.push(sql);
    return original(sql, parameters);
  }) as typeof dataSource.query;
  return () => {
    dataSource.query = original;
  };
}
