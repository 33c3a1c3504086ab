// The API the compliance console needs, over HTTP: the console's files and their security headers,
// the queue by due time, the alert's subject context, sending a proposal back, ADMIN's read-only
// access, the blocklist search, and the OFAC SDN upload (preview, import, replay, bad and huge input).
import { jest } from '@jest/globals';
import { ApiClient, expectProblem, expectStatus, expectValidationProblem, newIdempotencyKey } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { newAccount } from './support/chain.js';
import { Platform, bindWallet, createInvestor } from './support/platform.js';

jest.setTimeout(120_000);

function sdnCsv(addresses: string[]): string {
  return addresses.map((address, index) => `${8000 + index},"API TEST ${index}","-0- ",,"CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Digital Currency Address - ETH ${address}."`).join('\n');
}

describe('Compliance console API', () => {
  const platform = new Platform();
  let officerA: ApiClient;
  let officerB: ApiClient;
  let distributor: ApiClient;

  beforeAll(async () => {
    ({ a: officerA, b: officerB } = await platform.twoOfficers());
    distributor = (await platform.distributor()).client;
  });

  async function upload(client: ApiClient, path: string, body: string, contentType = 'text/csv', idempotencyKey?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${client.key}`, 'content-type': contentType };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(`${platform.state.baseUrl}/v1/kyt/blocklist/imports${path}`, { method: 'POST', headers, body });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Json };
  }

  async function highWalletAlert(): Promise<{ alert: Json; wallet: Json; address: string }> {
    const account = newAccount();
    expectStatus(await officerA.post('/v1/kyt/blocklist', { address: account.address, reason: 'api test', source: 'E2E-API' }), 201);
    const wallet = await bindWallet(distributor, (await createInvestor(distributor)).id, account, platform.state.chainId);
    const list = await officerA.get('/v1/kyt/alerts?subjectType=WALLET&limit=200&sort=dueAt&status=OPEN');
    return { alert: list.body.items.find((item: Json) => item.subjectId === wallet.id), wallet, address: account.address };
  }

  describe('GET /console', () => {
    it('should serve the page with a strict Content-Security-Policy and no inline script', async () => {
      const page = await fetch(`${platform.state.baseUrl}/console`);
      const html = await page.text();

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=|<style/);
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      const asset = await fetch(`${platform.state.baseUrl}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('text/javascript');
      expect(asset.headers.get('cache-control')).toContain('immutable');
    });

    it.each(['/console/../package.json', '/console/%2e%2e/%2e%2e/package.json', '/console/.env', '/console/assets/..%2f..%2fpackage.json', '/console/nothing.js'])(
      'should answer 404 to %s',
      async (path) => {
        const response = await fetch(`${platform.state.baseUrl}${path}`);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('"dependencies"');
      },
    );
  });

  describe('GET /v1/kyt/alerts?sort=dueAt', () => {
    it('should page the alerts due soonest first without repeating one', async () => {
      await highWalletAlert();
      await highWalletAlert();
      const seen: Json[] = [];
      let cursor: string | null = null;
      do {
        const page: Json = await officerA.get(`/v1/kyt/alerts?sort=dueAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expectStatus(page, 200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);

      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(new Set(seen.map((alert) => alert.id)).size).toBe(seen.length);
      const due = seen.map((alert) => Date.parse(alert.dueAt));
      expect(due).toEqual([...due].sort((a, b) => a - b));
    });

    it('should answer 400 naming sort, and cursor, to bad ones', async () => {
      expectValidationProblem(await officerA.get('/v1/kyt/alerts?sort=severity'), ['sort']);
      expectValidationProblem(await officerA.get(`/v1/kyt/alerts?sort=dueAt&cursor=${Buffer.from('["not a time","x"]').toString('base64url')}`), ['cursor']);
    });
  });

  describe('alert proposal, send-back and context', () => {
    it('should tell the proposer only that they proposed it, send it back to review with the reason, and refuse a second send-back', async () => {
      const { alert } = await highWalletAlert();
      const proposed = await officerA.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CONFIRM', resolutionCode: 'TRUE_MATCH', reason: 'listed' });
      expectStatus(proposed, 200);
      expect(proposed.body.proposal).toMatchObject({ decision: 'CONFIRM', resolutionCode: 'TRUE_MATCH', reason: 'listed', proposedByCaller: true });
      expect((await officerB.get(`/v1/kyt/alerts/${alert.id}`)).body.proposal).toMatchObject({ proposedByCaller: false });

      expectValidationProblem(await officerB.post(`/v1/kyt/alerts/${alert.id}/send-back`, {}), ['reason']);
      expectStatus(await distributor.post(`/v1/kyt/alerts/${alert.id}/send-back`, { reason: 'x' }), 403);
      const sentBack = await officerB.post(`/v1/kyt/alerts/${alert.id}/send-back`, { reason: 'source of funds missing' });
      const again = await officerB.post(`/v1/kyt/alerts/${alert.id}/send-back`, { reason: 'twice' });
      const approve = await officerB.post(`/v1/kyt/alerts/${alert.id}/approve`, {});

      expectStatus(sentBack, 200);
      expect(sentBack.body).toMatchObject({ status: 'IN_REVIEW', pendingDecision: null, proposal: null, resolutionCode: null });
      expect(sentBack.body.history.at(-1)).toMatchObject({ from: 'PENDING_APPROVAL', to: 'IN_REVIEW', reason: 'source of funds missing' });
      expectProblem(again, 409, 'ALERT_NOT_PENDING_APPROVAL');
      expectProblem(approve, 409, 'ALERT_NOT_PENDING_APPROVAL');
      // Back in review, it can be decided again.
      expectStatus(await officerB.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CLEAR', resolutionCode: 'FALSE_POSITIVE', reason: 'documented' }), 200);
    });

    it("should describe a wallet alert's subject: wallet, investor, distributor, holdings and counterparties", async () => {
      const { alert, wallet, address } = await highWalletAlert();
      const context = await officerA.get(`/v1/kyt/alerts/${alert.id}/context`);

      expectStatus(context, 200);
      expect(context.body).toMatchObject({
        alertId: alert.id,
        subjectType: 'WALLET',
        subjectId: wallet.id,
        wallet: { id: wallet.id, address, status: 'PENDING_REVIEW', freezeSync: 'SYNCED' },
        investor: { id: wallet.investorId },
        distributor: { id: expect.any(String), name: expect.stringContaining('distributor') },
        holdings: [],
        counterparties: [],
      });
      expectProblem(await officerA.get('/v1/kyt/alerts/00000000-0000-4000-8000-000000000000/context'), 404, 'ALERT_NOT_FOUND');
      expectValidationProblem(await officerA.get('/v1/kyt/alerts/not-a-uuid/context'), ['id']);
      expectStatus(await distributor.get(`/v1/kyt/alerts/${alert.id}/context`), 403);
    });

    it('should let ADMIN read alerts, contexts and the blocklist, and nothing more', async () => {
      const { alert } = await highWalletAlert();
      expectStatus(await platform.admin.get('/v1/kyt/alerts?limit=1'), 200);
      expectStatus(await platform.admin.get(`/v1/kyt/alerts/${alert.id}`), 200);
      expectStatus(await platform.admin.get(`/v1/kyt/alerts/${alert.id}/context`), 200);
      expectStatus(await platform.admin.get('/v1/kyt/blocklist?q=E2E-API'), 200);
      expectStatus(await platform.admin.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CLEAR', reason: 'no' }), 403);
      expectStatus(await platform.admin.post('/v1/kyt/blocklist', { address: newAccount().address, reason: 'no', source: 'no' }), 403);
      expectStatus(await upload(platform.admin, '/preview', sdnCsv([newAccount().address])), 403);
    });
  });

  describe('GET /v1/kyt/blocklist?q=', () => {
    it('should keep the entries whose address, reason or source contains q, any case, with % and _ taken literally', async () => {
      const address = newAccount().address;
      expectStatus(await officerA.post('/v1/kyt/blocklist', { address, reason: 'Needle_in 100% haystack', source: 'E2E-Q' }), 201);

      const byReason = await officerA.get(`/v1/kyt/blocklist?q=${encodeURIComponent('needle_IN 100%')}`);
      const byAddress = await officerA.get(`/v1/kyt/blocklist?q=${address.slice(2, 14).toLowerCase()}`);
      const wildcard = await officerA.get(`/v1/kyt/blocklist?q=${encodeURIComponent('%')}`);
      const nothing = await officerA.get(`/v1/kyt/blocklist?q=${encodeURIComponent('needle%haystack')}`);

      expect(byReason.body.items.map((entry: Json) => entry.address)).toEqual([address]);
      expect(byAddress.body.items.map((entry: Json) => entry.address)).toEqual([address]);
      expect(wildcard.body.items.map((entry: Json) => entry.address)).toEqual([address]);
      expect(nothing.body.items).toEqual([]);
      expectValidationProblem(await officerA.get(`/v1/kyt/blocklist?q=${'x'.repeat(201)}`), ['q']);
    });
  });

  describe('POST /v1/kyt/blocklist/imports', () => {
    it('should preview without changing anything, import, replay an idempotent retry, and count known addresses', async () => {
      const addresses = [newAccount().address, newAccount().address];
      const file = sdnCsv(addresses);

      const preview = await upload(officerA, '/preview?source=E2E-SDN', file);
      expectStatus(preview, 200);
      expect(preview.body).toMatchObject({ source: 'E2E-SDN', dryRun: true, evmAddresses: 2, alreadyListed: 0, added: 0, entriesTruncated: false });
      expect(preview.body.entries.map((entry: Json) => entry.listed)).toEqual([false, false]);
      expect((await officerA.get('/v1/kyt/blocklist?q=E2E-SDN')).body.items).toEqual([]);

      const key = newIdempotencyKey();
      const imported = await upload(officerA, '?source=E2E-SDN', file, 'text/csv', key);
      const replayed = await upload(officerA, '?source=E2E-SDN', file, 'text/csv', key);
      const otherFile = await upload(officerA, '?source=E2E-SDN', sdnCsv([newAccount().address]), 'text/csv', key);
      const again = await upload(officerA, '?source=E2E-SDN', file);

      expectStatus(imported, 201);
      expect(imported.body).toMatchObject({ dryRun: false, evmAddresses: 2, added: 2 });
      expect(replayed.body).toEqual(imported.body);
      expectProblem(otherFile, 409, 'IDEMPOTENCY_KEY_REUSED');
      expect(again.body).toMatchObject({ added: 0, alreadyListed: 2 });
      expect((await officerA.get('/v1/kyt/blocklist?q=E2E-SDN')).body.items.map((entry: Json) => entry.address).sort()).toEqual([...addresses].sort());
    });

    it('should answer 400, 415 and 413 to an empty file, a file without EVM address, JSON, and a huge file, changing nothing', async () => {
      expectValidationProblem(await upload(officerA, '/preview', '   '), ['file']);
      const none = await upload(officerA, '/preview', '9004,"EXAMPLE LLC","-0- ",,"SDGT",-0- ,"Website www.example.com."');
      expect(none.body).toMatchObject({ evmAddresses: 0, entries: [] });
      expectValidationProblem(await upload(officerA, '', '9004,"EXAMPLE LLC","-0- ",,"SDGT",-0- ,"Website www.example.com."'), ['file']);
      expectProblem(await upload(officerA, '', JSON.stringify({ content: sdnCsv([newAccount().address]) }), 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await upload(officerA, '/preview', 'x'.repeat(64 * 1024 * 1024 + 1)), 413, 'PAYLOAD_TOO_LARGE');
      expectStatus(await upload(distributor, '', sdnCsv([newAccount().address])), 403);
      // The API still answers after the huge upload.
      expectStatus(await officerA.get('/v1/kyt/blocklist?q=E2E-NOTHING'), 200);
    });
  });
});
