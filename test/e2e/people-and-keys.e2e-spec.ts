// People and keys (issue 11): users, keys bound to users, listing without secrets, revocation seen
// by every API process within a second (a second API process is started here), expiry, last use,
// four-eyes between people rather than keys; and the audit verification's anchor.
import { jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ApiClient, expectProblem, expectStatus } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { newAccount } from './support/chain.js';
import { Platform, bindWallet, createInvestor, uniqueSuffix, waitForWallet } from './support/platform.js';
import { poll } from './support/poll.js';

jest.setTimeout(180_000);

const platform = new Platform();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function databaseUrl(): string {
  const url = new URL(platform.state.maintenanceDatabaseUrl);
  url.pathname = `/${platform.state.databaseName}`;
  return url.href;
}

/** A second API process on the same database, chain and queue, with the default 30 s key cache. */
async function startSecondApi(): Promise<{ baseUrl: string; child: ChildProcess; logFile: string }> {
  const port = await freePort();
  const { state } = platform;
  const logFile = join(tmpdir(), `${state.queuePrefix}-api-2.log`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl(),
    REDIS_URL: process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_BACKEND: 'redis',
    QUEUE_PREFIX: state.queuePrefix,
    CHAIN_RPC_URL: state.rpcUrl,
    CHAIN_ID: String(state.chainId),
    PORT: String(port),
    NO_COLOR: '1',
  };
  delete env.NODE_OPTIONS;
  delete env.API_KEY_CACHE_MS;
  delete env.PLATFORM_ADMIN_KEY;
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', './scripts/register-aliases.mjs', 'dist/apps/api/src/main.js'], { cwd: process.cwd(), env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second API exited (${child.exitCode}); log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
    try {
      if ((await fetch(`${baseUrl}/v1/me`)).status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the second API did not start; log ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, child, logFile };
}

/** Asks GET /v1/me every 25 ms until the key is refused (or 2 s after `since`); how long after `since` it was. */
async function untilRefused(client: ApiClient, since: number): Promise<{ answer: Awaited<ReturnType<ApiClient['get']>>; afterMs: number }> {
  let answer = await client.get('/v1/me');
  while (answer.status === 200 && Date.now() - since < 2000) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    answer = await client.get('/v1/me');
  }
  return { answer, afterMs: Date.now() - since };
}

async function platformOrganizationId(): Promise<string> {
  const me = await platform.admin.get('/v1/me');
  expectStatus(me, 200);
  return me.body.organizationId as string;
}

async function createKey(organizationId: string, body: Record<string, unknown>): Promise<{ id: string; key: string; client: ApiClient }> {
  const res = await platform.admin.post(`/v1/organizations/${organizationId}/api-keys`, { label: `e2e ${uniqueSuffix()}`, ...body });
  expectStatus(res, 201);
  return { id: res.body.id as string, key: res.body.key as string, client: platform.anonymous.withKey(res.body.key as string) };
}

describe('successful people and keys', () => {
  let issuerOrg: Json;

  beforeAll(async () => {
    issuerOrg = await platform.createOrganization('ISSUER');
  });

  it('should create a user and bind a key to them, which GET /v1/me names', async () => {
    const user = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/users`, { name: 'Wing Lee', email: `Wing.Lee.${uniqueSuffix()}@Harbour.example`, role: 'ISSUER' });
    expectStatus(user, 201);
    expect(user.body).toEqual({ id: expect.any(String), organizationId: issuerOrg.id, name: 'Wing Lee', email: user.body.email, role: 'ISSUER' });
    expect(user.body.email).toBe(user.body.email.toLowerCase());

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const key = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/api-keys`, { label: 'wing', role: 'ISSUER', userId: user.body.id, expiresAt });
    expectStatus(key, 201);
    expect(key.body).toEqual({ id: expect.any(String), role: 'ISSUER', key: expect.stringMatching(/^rwa_/), userId: user.body.id, expiresAt });

    const me = await platform.anonymous.withKey(key.body.key).get('/v1/me');
    expectStatus(me, 200);
    expect(me.body).toEqual({ organizationId: issuerOrg.id, organizationType: 'ISSUER', role: 'ISSUER', userId: user.body.id, userName: 'Wing Lee' });
  });

  it('should list the keys page by page, each once, with lastUsedAt and never the secret', async () => {
    const distributorOrg = await platform.createOrganization('DISTRIBUTOR');
    const keys: { id: string; key: string; client: ApiClient }[] = [];
    for (let index = 0; index < 3; index += 1) keys.push(await createKey(distributorOrg.id, { role: 'DISTRIBUTOR' }));
    expectStatus(await keys[0]!.client.get('/v1/me'), 200);

    const seen: Json[] = [];
    const texts: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await platform.admin.get(`/v1/organizations/${distributorOrg.id}/api-keys?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(page, 200);
      expect(page.body.items).toHaveLength(1);
      seen.push(...page.body.items);
      texts.push(JSON.stringify(page.body));
      cursor = page.body.nextCursor;
    } while (cursor !== null && seen.length < 10);

    expect(seen.map((item) => item.id)).toEqual(keys.map((key) => key.id));
    expect(Object.keys(seen[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'revokedAt', 'role', 'userId']);
    for (const key of keys) expect(texts.join('')).not.toContain(key.key.slice(4));
    // The use is stamped off the request path.
    const used = await poll(
      'lastUsedAt of the key used',
      () => platform.admin.get(`/v1/organizations/${distributorOrg.id}/api-keys`),
      (r) => r.status !== 200 || r.body.items.find((item: Json) => item.id === keys[0]!.id)?.lastUsedAt !== null,
      { timeoutMs: 10_000 },
    );
    expect(used.body.items.find((item: Json) => item.id === keys[0]!.id).lastUsedAt).toEqual(expect.any(String));
    expect(used.body.items.find((item: Json) => item.id === keys[1]!.id).lastUsedAt).toBeNull();
  });

  describe('revocation and expiry, seen by a second API process', () => {
    let second: Awaited<ReturnType<typeof startSecondApi>>;
    let distributorOrg: Json;

    beforeAll(async () => {
      second = await startSecondApi();
      distributorOrg = await platform.createOrganization('DISTRIBUTOR');
    });

    afterAll(() => {
      second?.child.kill('SIGTERM');
    });

    it('should answer 401 for a revoked key within 1 s in the other API process too, though it had the key cached', async () => {
      const key = await createKey(distributorOrg.id, { role: 'DISTRIBUTOR' });
      const other = new ApiClient(second.baseUrl, key.key);
      // Both processes have authenticated the key, so both have it cached (API_KEY_CACHE_MS 30 s).
      expectStatus(await key.client.get('/v1/me'), 200);
      expectStatus(await other.get('/v1/me'), 200);
      expectStatus(await other.get('/v1/me'), 200);

      const revoked = await platform.admin.delete(`/v1/organizations/${distributorOrg.id}/api-keys/${key.id}`);
      const revokedAt = Date.now();
      expectStatus(revoked, 200);
      expect(revoked.body).toMatchObject({ id: key.id, revokedAt: expect.any(String) });
      expectStatus(await key.client.get('/v1/me'), 401);
      const { answer, afterMs } = await untilRefused(other, revokedAt);

      expectStatus(answer, 401);
      expect(afterMs).toBeLessThan(1000);
      const again = await platform.admin.delete(`/v1/organizations/${distributorOrg.id}/api-keys/${key.id}`);
      expectStatus(again, 200);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    });

    it('should still answer 401 within 1 s when the listeners lost their connections, and listen again', async () => {
      const key = await createKey(distributorOrg.id, { role: 'DISTRIBUTOR' });
      const other = new ApiClient(second.baseUrl, key.key);
      expectStatus(await other.get('/v1/me'), 200);
      const db = new pg.Client({ connectionString: databaseUrl() });
      await db.connect();
      const listeners = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'rwa-api-key-listener'`, [platform.state.databaseName])).rows[0].n as number;
      try {
        expect(await listeners()).toBeGreaterThanOrEqual(2);
        await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'rwa-api-key-listener'`, [platform.state.databaseName]);

        const revoked = await platform.admin.delete(`/v1/organizations/${distributorOrg.id}/api-keys/${key.id}`);
        const revokedAt = Date.now();
        expectStatus(revoked, 200);
        const { answer, afterMs } = await untilRefused(other, revokedAt);

        expectStatus(answer, 401);
        expect(afterMs).toBeLessThan(1000);
        await poll('both listeners back', listeners, (n) => n >= 2, { timeoutMs: 10_000 });
      } finally {
        await db.end();
      }
    });

    it('should answer 401 for a key past its expiry, in every process', async () => {
      const key = await createKey(distributorOrg.id, { role: 'DISTRIBUTOR', expiresAt: new Date(Date.now() + 3000).toISOString() });
      const other = new ApiClient(second.baseUrl, key.key);
      expectStatus(await key.client.get('/v1/me'), 200);
      expectStatus(await other.get('/v1/me'), 200);

      await new Promise((resolve) => setTimeout(resolve, 3200));

      expectProblem(await key.client.get('/v1/me'), 401, 'UNAUTHORIZED');
      expectProblem(await other.get('/v1/me'), 401, 'UNAUTHORIZED');
    });
  });
});

describe('failing people and keys', () => {
  let issuerOrg: Json;
  let otherIssuerOrg: Json;
  let issuerUser: Json;

  beforeAll(async () => {
    issuerOrg = await platform.createOrganization('ISSUER');
    otherIssuerOrg = await platform.createOrganization('ISSUER');
    issuerUser = await platform.createUser(issuerOrg.id, 'ISSUER');
  });

  it('should answer 400 naming userId to an ISSUER or COMPLIANCE key without a user', async () => {
    const issuerKey = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/api-keys`, { label: 'x', role: 'ISSUER' });
    const officerKey = await platform.admin.post(`/v1/organizations/${await platformOrganizationId()}/api-keys`, { label: 'x', role: 'COMPLIANCE' });

    for (const res of [issuerKey, officerKey]) {
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((error: Json) => error.field)).toEqual(['userId']);
    }
  });

  it("should answer 404 to a user of another organisation and 422 to a key role that is not the user's", async () => {
    const foreign = await platform.admin.post(`/v1/organizations/${otherIssuerOrg.id}/api-keys`, { label: 'x', role: 'ISSUER', userId: issuerUser.id });
    const officer = await platform.createUser(await platformOrganizationId(), 'COMPLIANCE');
    const mismatch = await platform.admin.post(`/v1/organizations/${await platformOrganizationId()}/api-keys`, { label: 'x', role: 'ADMIN', userId: officer.id });

    expectProblem(foreign, 404, 'USER_NOT_FOUND');
    expectProblem(mismatch, 422, 'USER_ROLE_MISMATCH');
  });

  it('should answer 400 to an expiry in the past, not a real date, or too far ahead', async () => {
    for (const expiresAt of [new Date(Date.now() - 1000).toISOString(), '2026-02-30T00:00:00Z', '9999-01-01T00:00:00Z', 'tomorrow']) {
      const res = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/api-keys`, { label: 'x', role: 'ISSUER', userId: issuerUser.id, expiresAt });

      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((error: Json) => error.field)).toEqual(['expiresAt']);
    }
  });

  it('should answer 409 to a second user with the same email, whatever its case, and 422 to a role the organisation cannot hold', async () => {
    const email = `dup.${uniqueSuffix()}@harbour.example`;
    expectStatus(await platform.admin.post(`/v1/organizations/${issuerOrg.id}/users`, { name: 'A', email, role: 'ISSUER' }), 201);

    const duplicate = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/users`, { name: 'B', email: email.toUpperCase(), role: 'ISSUER' });
    const elsewhere = await platform.admin.post(`/v1/organizations/${otherIssuerOrg.id}/users`, { name: 'C', email, role: 'ISSUER' });
    const wrongRole = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/users`, { name: 'D', email: `d.${email}`, role: 'COMPLIANCE' });
    const badEmail = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/users`, { name: 'E', email: 'not an email', role: 'ISSUER' });

    expectProblem(duplicate, 409, 'USER_EMAIL_TAKEN');
    expectStatus(elsewhere, 201);
    expectProblem(wrongRole, 422, 'ROLE_NOT_ALLOWED_FOR_ORGANIZATION');
    expectProblem(badEmail, 400, 'VALIDATION_FAILED');
    expect(badEmail.body.errors.map((error: Json) => error.field)).toEqual(['email']);
  });

  it("should answer 404 to another organisation's key and to an unknown organisation, and list only the organisation's own keys", async () => {
    const key = await createKey(otherIssuerOrg.id, { role: 'ISSUER', userId: (await platform.createUser(otherIssuerOrg.id, 'ISSUER')).id });

    const wrongOrganization = await platform.admin.delete(`/v1/organizations/${issuerOrg.id}/api-keys/${key.id}`);
    const unknownOrganization = await platform.admin.get(`/v1/organizations/00000000-0000-4000-8000-000000000000/api-keys`);
    const list = await platform.admin.get(`/v1/organizations/${issuerOrg.id}/api-keys`);

    expectProblem(wrongOrganization, 404, 'API_KEY_NOT_FOUND');
    expectStatus(await key.client.get('/v1/me'), 200);
    expectProblem(unknownOrganization, 404, 'ORGANIZATION_NOT_FOUND');
    expectStatus(list, 200);
    expect(list.body.items.map((item: Json) => item.id)).not.toContain(key.id);
  });

  it('should answer 403 to every role but ADMIN, 401 without a key, and 400 to a malformed cursor or id', async () => {
    const issuer = await platform.createKey(issuerOrg.id, 'ISSUER');
    const officer = await platform.complianceOfficer();

    for (const client of [issuer, officer]) {
      expectProblem(await client.get(`/v1/organizations/${issuerOrg.id}/api-keys`), 403, 'FORBIDDEN');
      expectProblem(await client.post(`/v1/organizations/${issuerOrg.id}/users`, { name: 'x', email: 'x@x.example', role: 'ISSUER' }), 403, 'FORBIDDEN');
      expectProblem(await client.delete(`/v1/organizations/${issuerOrg.id}/api-keys/00000000-0000-4000-8000-000000000000`), 403, 'FORBIDDEN');
    }
    expectProblem(await platform.anonymous.get(`/v1/organizations/${issuerOrg.id}/api-keys`), 401, 'UNAUTHORIZED');
    expectProblem(await platform.admin.get(`/v1/organizations/${issuerOrg.id}/api-keys?cursor=not-a-cursor`), 400, 'VALIDATION_FAILED');
    expectProblem(await platform.admin.delete(`/v1/organizations/${issuerOrg.id}/api-keys/not-a-uuid`), 400, 'VALIDATION_FAILED');
    expectProblem(await platform.anonymous.withKey('x'.repeat(10_000)).get('/v1/me'), 401, 'UNAUTHORIZED');
  });
});

describe('four-eyes between people', () => {
  let distributor: ApiClient;
  let officerOne: ApiClient;
  let officerOneAgain: ApiClient;
  let officerTwo: ApiClient;
  let officerOneUser: Json;

  beforeAll(async () => {
    distributor = (await platform.distributor()).client;
    const platformOrg = await platformOrganizationId();
    officerOneUser = await platform.createUser(platformOrg, 'COMPLIANCE', 'Officer One');
    officerOne = await platform.createKey(platformOrg, 'COMPLIANCE', officerOneUser.id);
    officerOneAgain = await platform.createKey(platformOrg, 'COMPLIANCE', officerOneUser.id);
    officerTwo = await platform.complianceOfficer();
  });

  it("should refuse a HIGH alert's approval by a second key of the officer who decided it, and take another officer's", async () => {
    const account = newAccount();
    expectStatus(await officerOne.post('/v1/kyt/blocklist', { address: account.address, reason: 'sanctioned counterparty', source: 'e2e' }), 201);
    const investor = await createInvestor(distributor);
    const bound = await bindWallet(distributor, investor.id, account, platform.state.chainId);
    await waitForWallet(distributor, bound.id, 'PENDING_REVIEW');
    const alerts = await poll(
      `an OPEN alert on wallet ${bound.id}`,
      () => officerOne.get('/v1/kyt/alerts?subjectType=WALLET&status=OPEN'),
      (r) => r.status !== 200 || r.body.items.some((a: Json) => a.subjectId === bound.id),
    );
    const alert = alerts.body.items.find((a: Json) => a.subjectId === bound.id);
    expect(alert.severity).toBe('HIGH');

    const decided = await officerOne.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CLEAR', reason: 'false positive' });
    const sameKey = await officerOne.post(`/v1/kyt/alerts/${alert.id}/approve`, {});
    const samePersonOtherKey = await officerOneAgain.post(`/v1/kyt/alerts/${alert.id}/approve`, {});
    const otherPerson = await officerTwo.post(`/v1/kyt/alerts/${alert.id}/approve`, {});

    expectStatus(decided, 200);
    expect(decided.body.status).toBe('PENDING_APPROVAL');
    expectProblem(sameKey, 409, 'FOUR_EYES_REQUIRED');
    expectProblem(samePersonOtherKey, 409, 'FOUR_EYES_REQUIRED');
    expectStatus(otherPerson, 200);
    expect(otherPerson.body.status).toBe('CLEARED');
    // The trail names the person and the key.
    const trail = await officerTwo.get(`/v1/audit-events?entityType=kyt_alert&entityId=${alert.id}`);
    const proposed = trail.body.items.find((event: Json) => event.action === 'decision-proposed');
    expect(proposed.actor).toMatch(new RegExp(`^user:${officerOneUser.id}/api-key:[0-9a-f-]{36}$`));
  });
});

describe('audit verification against the anchored heads', () => {
  it('should anchor the heads on chain and say so in the verification', async () => {
    const report = await poll(
      'audit heads anchored',
      () => platform.admin.get('/v1/audit-events/verification'),
      (r) => r.status !== 200 || r.body.anchor?.status === 'CHECKED',
      { timeoutMs: 30_000 },
    );

    expectStatus(report, 200);
    expect(report.body).toMatchObject({
      valid: true,
      firstBroken: null,
      problems: [],
      anchor: { status: 'CHECKED', chainId: platform.state.chainId, address: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/), anchoredChains: expect.any(Number) },
    });
    expect(report.body.anchor.anchoredChains).toBeGreaterThan(0);
    expect(report.body.chains.some((chain: Json) => chain.anchoredPosition !== null)).toBe(true);
  });
});
