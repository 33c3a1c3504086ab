// One regression test per input and idempotency defect of issue 11 (each failed before its fix):
// deep JSON, NUL and lone surrogates, numbers and dates beyond their columns, the cursor that
// repeated a fund forever, the unknown fund's rules, the unpaged blocklist, concurrent POSTs with
// one Idempotency-Key, a stored and replayed API key secret, and x-roles in the document.
import { jest } from '@jest/globals';
import pg from 'pg';
import { expectNotFound, expectProblem, expectStatus, expectValidationProblem, newIdempotencyKey } from './support/api-client.js';
import type { ApiClient, ApiResponse, Json } from './support/api-client.js';
import { DatabaseFingerprint, differences } from './support/db-fingerprint.js';
import { newAccount } from './support/chain.js';
import { fundBody, investorBody, Platform } from './support/platform.js';
import type { Org } from './support/platform.js';

jest.setTimeout(120_000);

const platform = new Platform();
let issuer: Org;
let distributor: Org;
let compliance: ApiClient;
let db: DatabaseFingerprint;
let sql: pg.Client;

beforeAll(async () => {
  [issuer, distributor, compliance] = await Promise.all([platform.issuer(), platform.distributor(), platform.complianceOfficer()]);
  db = new DatabaseFingerprint(platform.state);
  await db.connect();
  const url = new URL(platform.state.maintenanceDatabaseUrl);
  url.pathname = `/${platform.state.databaseName}`;
  sql = new pg.Client({ connectionString: url.toString() });
  await sql.connect();
});

afterAll(async () => {
  await db?.close();
  await sql?.end();
});

/** Sends `request` and asserts it changed no business table. */
async function unchanged(request: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await db.settle();
  const response = await request();
  expect(differences(before, await db.take())).toEqual([]);
  return response;
}

describe('input bounds', () => {
  it('should refuse deeply nested JSON with 400 naming the body, not a stack overflow', async () => {
    const deepArray = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;

    const arrays = await unchanged(() => platform.admin.request('POST', '/v1/organizations', { rawBody: deepArray }));
    const objects = await unchanged(() => issuer.client.request('POST', '/v1/funds', { rawBody: deepObject, idempotencyKey: newIdempotencyKey() }));

    expectValidationProblem(arrays, []);
    expect(arrays.body.errors[0].message).toContain('nested deeper than 32 levels');
    expectValidationProblem(objects, []);
  });

  it('should refuse a body over 256 kB with 413', async () => {
    const res = await platform.admin.request('POST', '/v1/organizations', { rawBody: JSON.stringify({ type: 'ISSUER', name: 'x'.repeat(300_000), jurisdiction: 'HK' }) });

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('should refuse NUL characters and unpaired surrogates in body, query and path with 400 naming the field', async () => {
    const nul = await unchanged(() => platform.admin.post('/v1/organizations', { type: 'ISSUER', name: 'Harbour\u0000Bank', jurisdiction: 'HK' }));
    const surrogate = await unchanged(() => distributor.client.post('/v1/investors', investorBody({ externalRef: 'ref-\uD800' })));
    const nested = await unchanged(() => compliance.post('/v1/kyt/blocklist', { address: newAccount().address, reason: 'listed', source: 'x\u0000' }));
    const query = await distributor.client.get('/v1/orders?status=%00');
    const path = await distributor.client.get('/v1/investors/%ED%A0%80');

    expectValidationProblem(nul, ['name']);
    expectValidationProblem(surrogate, ['externalRef']);
    expectValidationProblem(nested, ['source']);
    expectValidationProblem(query, ['status']);
    expectValidationProblem(path, ['path']);
  });

  it('should refuse numbers beyond their columns with 400 naming the field', async () => {
    const nav = await unchanged(() => issuer.client.post('/v1/funds', fundBody({ initialNav: `${'9'.repeat(36)}.5` }), { idempotencyKey: newIdempotencyKey() }));
    const minimum = await unchanged(() => issuer.client.post('/v1/funds', fundBody({ minSubscription: '1'.repeat(31) })));
    const holders = await unchanged(() => issuer.client.post('/v1/funds', fundBody({ maxHolders: 3_000_000_000 })));
    const zeroNav = await unchanged(() => issuer.client.post('/v1/funds', fundBody({ initialNav: '0.000' })));

    expectValidationProblem(nav, ['initialNav']);
    expectValidationProblem(minimum, ['minSubscription']);
    expectValidationProblem(holders, ['maxHolders']);
    expectValidationProblem(zeroNav, ['initialNav']);
  });

  it('should refuse dates that do not exist with 400 naming the field', async () => {
    const created = await issuer.client.post('/v1/funds', fundBody());
    expectStatus(created, 202);

    const asOf = await unchanged(() => issuer.client.post(`/v1/funds/${created.body.id}/nav`, { nav: '1.01', asOf: '2026-02-30' }));
    const kyc = await unchanged(() => distributor.client.post('/v1/investors', investorBody({ kycExpiresAt: '2027-02-29T00:00:00Z' })));
    const year = await unchanged(() => distributor.client.post('/v1/investors', investorBody({ kycExpiresAt: '+275760-09-13T00:00:00Z' })));

    expectValidationProblem(asOf, ['asOf']);
    expectValidationProblem(kyc, ['kycExpiresAt']);
    expectValidationProblem(year, ['kycExpiresAt']);
  });
});

describe('lists', () => {
  it('should page through funds one at a time and end: the cursor keeps the microseconds', async () => {
    const lister = await platform.issuer();
    const created: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await lister.client.post('/v1/funds', fundBody());
      expectStatus(res, 202);
      created.push(res.body.id);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 6; page += 1) {
      const res: ApiResponse = await lister.client.get(`/v1/funds?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(res, 200);
      seen.push(...res.body.items.map((fund: Json) => fund.id as string));
      cursor = res.body.nextCursor;
      if (cursor === null) break;
    }

    expect(seen).toEqual(created);
    expect(cursor).toBeNull();
  });

  it('should refuse a forged cursor with 400 naming it', async () => {
    const forged = Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000000Z', 'x'])).toString('base64url');

    expectValidationProblem(await issuer.client.get(`/v1/funds?cursor=${forged}`), ['cursor']);
    expectValidationProblem(await compliance.get('/v1/kyt/blocklist?cursor=bm90LWEtY3Vyc29y'), ['cursor']);
    expectValidationProblem(await issuer.client.get('/v1/funds?limit=100000'), ['limit']);
  });

  it('should page the blocklist', async () => {
    for (let i = 0; i < 2; i += 1) expectStatus(await compliance.post('/v1/kyt/blocklist', { address: newAccount().address, reason: 'listed', source: 'e2e' }), 201);

    const first = await compliance.get('/v1/kyt/blocklist?limit=1');
    expectStatus(first, 200);
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await compliance.get(`/v1/kyt/blocklist?limit=1&cursor=${first.body.nextCursor}`);
    expectStatus(second, 200);
    expect(second.body.items[0].address).not.toBe(first.body.items[0].address);
  });

  it("should page a fund's holder register and check its cursor", async () => {
    const created = await issuer.client.post('/v1/funds', fundBody());
    expectStatus(created, 202);

    const page = await issuer.client.get(`/v1/funds/${created.body.id}/holders?limit=1`);
    expectStatus(page, 200);
    expect(page.body).toEqual({ asOf: null, block: null, items: [], nextCursor: null });
    expectValidationProblem(await issuer.client.get(`/v1/funds/${created.body.id}/holders?cursor=${Buffer.from('["x","y"]').toString('base64url')}`), ['cursor']);
  });

  it("should answer 404 for an unknown fund's KYT rules", async () => {
    expectNotFound(await compliance.get('/v1/kyt/funds/6f1c3a52-8d7e-4b9a-9c1d-2e3f4a5b6c7d/rules'), 'FUND');
  });
});

describe('idempotency of every POST', () => {
  it('should create one fund for concurrent POST /v1/funds with one key, and give every caller the same answer', async () => {
    const creator = await platform.issuer();
    const key = newIdempotencyKey();
    const body = fundBody();

    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => creator.client.post('/v1/funds', body, { idempotencyKey: key })));

    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const listed = await creator.client.get('/v1/funds');
    expect(listed.body.items.map((f: Json) => f.id)).toEqual([answers[0]!.body.id]);
  });

  it('should create one investor for concurrent POST /v1/investors with one key (not one and four 409s)', async () => {
    const key = newIdempotencyKey();
    const body = investorBody();

    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => distributor.client.post('/v1/investors', body, { idempotencyKey: key })));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await sql.query('SELECT count(*)::int AS n FROM investors WHERE external_ref = $1', [body.externalRef]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('should never store a new API key, and answer a replay with 409 IDEMPOTENT_REPLAY_UNAVAILABLE', async () => {
    const key = newIdempotencyKey();
    const body = { label: 'replayed', role: 'DISTRIBUTOR' };

    const first = await platform.admin.post(`/v1/organizations/${distributor.id}/api-keys`, body, { idempotencyKey: key });
    const replay = await platform.admin.post(`/v1/organizations/${distributor.id}/api-keys`, body, { idempotencyKey: key });
    const other = await platform.admin.post(`/v1/organizations/${distributor.id}/api-keys`, { ...body, label: 'another' }, { idempotencyKey: key });

    expectStatus(first, 201);
    expectProblem(replay, 409, 'IDEMPOTENT_REPLAY_UNAVAILABLE');
    expectProblem(other, 409, 'IDEMPOTENCY_KEY_REUSED');
    const stored = await sql.query('SELECT response_body::text AS body, answer_withheld FROM idempotency_records WHERE key = $1', [key]);
    expect(stored.rows).toEqual([{ body: null, answer_withheld: true }]);
    const anywhere = await sql.query("SELECT count(*)::int AS n FROM idempotency_records WHERE response_body::text LIKE '%' || $1 || '%'", [first.body.key]);
    expect(anywhere.rows[0].n).toBe(0);
  });

  it('should replay the first answer with its status, and leave no record for a refused request', async () => {
    const key = newIdempotencyKey();
    const refused = await issuer.client.post('/v1/funds', fundBody({ initialNav: 'x' }), { idempotencyKey: key });
    const body = fundBody();
    const first = await issuer.client.post('/v1/funds', body, { idempotencyKey: key });
    const again = await issuer.client.post('/v1/funds', body, { idempotencyKey: key });

    expectValidationProblem(refused, ['initialNav']);
    expect({ status: again.status, body: again.body }).toEqual({ status: 202, body: first.body });
  });
});

describe('the OpenAPI document', () => {
  it('should list the roles of every operation in x-roles', async () => {
    const document = (await (await fetch(`${platform.state.baseUrl}/docs-json`)).json()) as Json;

    expect(document.paths['/v1/funds'].post['x-roles']).toEqual(['ISSUER']);
    expect(document.paths['/v1/funds'].get['x-roles']).toEqual(['ISSUER', 'DISTRIBUTOR']);
    expect(document.paths['/v1/me'].get['x-roles']).toEqual(['ADMIN', 'COMPLIANCE', 'ISSUER', 'DISTRIBUTOR']);
    expect(document.paths['/health'].get['x-roles']).toEqual([]);
    const missing = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => !Array.isArray(operation['x-roles']))
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
