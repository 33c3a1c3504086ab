// The few API calls the chaos run and the benchmark make, with retries on transport errors (the
// same Idempotency-Key makes a retried POST safe).
import { randomUUID } from 'node:crypto';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

export class PlatformClient {
  readonly baseUrl: string;
  readonly key: string;

  constructor(baseUrl: string, key: string) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  withKey(key: string): PlatformClient {
    return new PlatformClient(this.baseUrl, key);
  }

  async call(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: any }> {
    const key = idempotencyKey ?? (method === 'POST' ? randomUUID() : undefined);
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        if (response.status >= 500 && attempt < 10) throw new Error(`${response.status} ${text.slice(0, 200)}`);
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      } catch (error) {
        if (attempt >= 10) throw new Error(`${method} ${path} failed ${attempt} times, last: ${(error as Error).name} ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  async expect(status: number, method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<any> {
    const response = await this.call(method, path, body, idempotencyKey);
    if (response.status !== status) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface Tenants {
  issuer: PlatformClient;
  distributor: PlatformClient;
  fund: { id: string; tokenAddress: `0x${string}` };
}

/** An issuer, a distributor and an ACTIVE fund on its shelf. */
export async function createTenants(admin: PlatformClient): Promise<Tenants> {
  const issuerOrg = await admin.expect(201, 'POST', '/v1/organizations', { type: 'ISSUER', name: 'Chaos AM', jurisdiction: 'HK' });
  const bankOrg = await admin.expect(201, 'POST', '/v1/organizations', { type: 'DISTRIBUTOR', name: 'Chaos Bank', jurisdiction: 'HK' });
  // ISSUER and COMPLIANCE keys belong to a person (issue 11).
  const issuerUser = await admin.expect(201, 'POST', `/v1/organizations/${issuerOrg.id}/users`, { name: 'Chaos ops', email: 'ops@chaos.example', role: 'ISSUER' });
  const issuer = admin.withKey((await admin.expect(201, 'POST', `/v1/organizations/${issuerOrg.id}/api-keys`, { label: 'ops', role: 'ISSUER', userId: issuerUser.id })).key);
  const distributor = admin.withKey((await admin.expect(201, 'POST', `/v1/organizations/${bankOrg.id}/api-keys`, { label: 'ops', role: 'DISTRIBUTOR' })).key);
  const created = await issuer.expect(202, 'POST', '/v1/funds', {
    name: 'HKD Money Market Fund', symbol: 'HKDMMF', currency: 'HKD', unitDecimals: 6, initialNav: '1.000000', minSubscription: '1000.00',
    cutOffTime: '16:00', timezone: 'Asia/Hong_Kong', settlementDays: 0, pricing: 'STABLE_NAV', eligibleJurisdictions: ['HK'], eligibleInvestorClasses: ['PROFESSIONAL'],
  });
  const fund = await issuer.poll('fund ACTIVE', async () => {
    const current = await issuer.expect(200, 'GET', `/v1/funds/${created.id}`);
    return current.status === 'ACTIVE' ? current : undefined;
  }, 300_000);
  await issuer.expect(200, 'PUT', `/v1/funds/${fund.id}/distributors/${bankOrg.id}`);
  await allowLoadTestVelocity(admin, fund.id);
  return { issuer, distributor, fund: { id: fund.id, tokenAddress: fund.tokenAddress } };
}

/**
 * A load test places many orders per investor, which the fund's default KYT velocity rule (10
 * orders per investor an hour) would rightly hold for review: compliance lifts it for this fund.
 */
async function allowLoadTestVelocity(admin: PlatformClient, fundId: string): Promise<void> {
  const me = await admin.expect(200, 'GET', '/v1/me');
  const officer = await admin.expect(201, 'POST', `/v1/organizations/${me.organizationId}/users`, {
    name: 'Load test officer',
    email: `load-test-${fundId}@chaos.example`,
    role: 'COMPLIANCE',
  });
  const compliance = admin.withKey(
    (await admin.expect(201, 'POST', `/v1/organizations/${me.organizationId}/api-keys`, { label: 'load test', role: 'COMPLIANCE', userId: officer.id })).key,
  );
  const rules = await compliance.expect(200, 'GET', `/v1/kyt/funds/${fundId}/rules`);
  const { fundId: _fund, ...thresholds } = rules;
  await compliance.expect(200, 'PUT', `/v1/kyt/funds/${fundId}/rules`, { ...thresholds, velocityMaxOrders: 100_000 });
}

/** An approved investor with a wallet proven by its signature and VERIFIED on chain. */
export async function createWallet(distributor: PlatformClient, chainId: number): Promise<{ investorId: string; walletId: string; address: `0x${string}` }> {
  const account = privateKeyToAccount(generatePrivateKey());
  const investor = await distributor.expect(201, 'POST', '/v1/investors', {
    externalRef: `chaos-${randomUUID()}`, type: 'INDIVIDUAL', jurisdiction: 'HK', investorClass: 'PROFESSIONAL', kycStatus: 'APPROVED', kycExpiresAt: '2030-01-01T00:00:00Z',
  });
  const challenge = await distributor.expect(201, 'POST', `/v1/investors/${investor.id}/wallet-challenges`, { address: account.address, chainId });
  const signature = await account.signMessage({ message: challenge.message });
  const wallet = await distributor.expect(201, 'POST', `/v1/investors/${investor.id}/wallets`, { challengeId: challenge.challengeId, signature });
  await distributor.poll(`wallet ${wallet.id} VERIFIED`, async () => {
    const current = await distributor.expect(200, 'GET', `/v1/wallets/${wallet.id}`);
    return current.status === 'VERIFIED' ? current : undefined;
  }, 300_000);
  return { investorId: investor.id, walletId: wallet.id, address: account.address };
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}
