// Building blocks of the e2e suites, each one going through the public API as a client would.
import { randomBytes, randomUUID } from 'node:crypto';
import type { PrivateKeyAccount } from 'viem/accounts';
import { ApiClient, expectStatus, newIdempotencyKey } from './api-client.js';
import type { Json } from './api-client.js';
import { poll } from './poll.js';
import { readState } from './state.js';
import type { E2eState } from './state.js';

export interface Org {
  id: string;
  client: ApiClient;
}

export class Platform {
  readonly state: E2eState;
  readonly admin: ApiClient;
  readonly anonymous: ApiClient;

  constructor(state: E2eState = readState()) {
    this.state = state;
    this.admin = new ApiClient(state.baseUrl, state.adminKey);
    this.anonymous = new ApiClient(state.baseUrl);
  }

  async createOrganization(type: 'ISSUER' | 'DISTRIBUTOR', name = `${type.toLowerCase()} ${uniqueSuffix()}`): Promise<Json> {
    const res = await this.admin.post('/v1/organizations', { type, name, jurisdiction: 'HK' });
    expectStatus(res, 201);
    return res.body;
  }

  /** A key of `role`; ISSUER and COMPLIANCE keys belong to a user (a new one unless `userId` names one). */
  async createKey(organizationId: string, role: string, userId?: string): Promise<ApiClient> {
    if (userId === undefined && (role === 'ISSUER' || role === 'COMPLIANCE')) userId = (await this.createUser(organizationId, role)).id as string;
    const res = await this.admin.post(`/v1/organizations/${organizationId}/api-keys`, { label: `e2e ${role}`, role, ...(userId ? { userId } : {}) });
    expectStatus(res, 201);
    return this.anonymous.withKey(res.body.key as string);
  }

  /** A person of the organisation (keys of theirs take the same role). */
  async createUser(organizationId: string, role: string, name = `e2e ${role.toLowerCase()} ${uniqueSuffix()}`): Promise<Json> {
    const res = await this.admin.post(`/v1/organizations/${organizationId}/users`, { name, email: `${name.replace(/\W+/g, '.')}@e2e.example`, role });
    expectStatus(res, 201);
    return res.body;
  }

  async issuer(): Promise<Org> {
    const org = await this.createOrganization('ISSUER');
    return { id: org.id, client: await this.createKey(org.id, 'ISSUER') };
  }

  async distributor(): Promise<Org> {
    const org = await this.createOrganization('DISTRIBUTOR');
    return { id: org.id, client: await this.createKey(org.id, 'DISTRIBUTOR') };
  }

  /**
   * Two compliance officers, A and B, for four-eyes. Today two COMPLIANCE keys, which four-eyes
   * takes for two people; once keys belong to users, this is the one place that must create two
   * users (POST /v1/organizations/{orgId}/users) and a key for each.
   */
  async twoOfficers(): Promise<{ a: ApiClient; b: ApiClient; names: { a: string; b: string } }> {
    const names = { a: `Officer A ${uniqueSuffix()}`, b: `Officer B ${uniqueSuffix()}` };
    return { a: await this.complianceOfficer(names.a), b: await this.complianceOfficer(names.b), names };
  }

  /** A COMPLIANCE key of a new officer (a user of its own) on the platform organisation (the admin's own). */
  async complianceOfficer(name?: string): Promise<ApiClient> {
    const me = await this.admin.get('/v1/me');
    expectStatus(me, 200);
    const organizationId = me.body.organizationId as string;
    const user = await this.createUser(organizationId, 'COMPLIANCE', name);
    return this.createKey(organizationId, 'COMPLIANCE', user.id as string);
  }
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export function fundBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const suffix = uniqueSuffix().toUpperCase().slice(0, 4);
  return {
    name: `HKD Money Market Fund ${suffix}`,
    symbol: `HKD${suffix}`,
    currency: 'HKD',
    unitDecimals: 6,
    initialNav: '1.000000',
    minSubscription: '1000.00',
    cutOffTime: '16:00',
    timezone: 'Asia/Hong_Kong',
    settlementDays: 0,
    pricing: 'STABLE_NAV',
    eligibleJurisdictions: ['HK', 'SG'],
    eligibleInvestorClasses: ['PROFESSIONAL', 'INSTITUTIONAL'],
    ...overrides,
  };
}

export async function waitForFundActive(issuer: ApiClient, fundId: string): Promise<Json> {
  const res = await poll(
    `fund ${fundId} ACTIVE`,
    () => issuer.get(`/v1/funds/${fundId}`),
    (r) => r.status !== 200 || r.body.status === 'ACTIVE' || r.body.status === 'FAILED',
  );
  expectStatus(res, 200);
  expect(res.body.status).toBe('ACTIVE');
  return res.body;
}

/** Creates a fund, waits until it is ACTIVE and shelves the given distributors on it. */
export async function activeFund(issuer: ApiClient, distributorIds: string[], overrides: Record<string, unknown> = {}): Promise<Json> {
  const created = await issuer.post('/v1/funds', fundBody(overrides));
  expectStatus(created, 202);
  const fund = await waitForFundActive(issuer, created.body.id as string);
  for (const distributorId of distributorIds) {
    const shelved = await issuer.put(`/v1/funds/${fund.id}/distributors/${distributorId}`);
    expectStatus(shelved, 200);
  }
  return fund;
}

export function investorBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalRef: `ext-${randomUUID()}`,
    type: 'INDIVIDUAL',
    jurisdiction: 'HK',
    investorClass: 'PROFESSIONAL',
    kycStatus: 'APPROVED',
    kycExpiresAt: '2030-01-01T00:00:00Z',
    ...overrides,
  };
}

export async function createInvestor(distributor: ApiClient, overrides: Record<string, unknown> = {}): Promise<Json> {
  const res = await distributor.post('/v1/investors', investorBody(overrides));
  expectStatus(res, 201);
  return res.body;
}

export async function requestChallenge(distributor: ApiClient, investorId: string, address: string, chainId: number): Promise<Json> {
  const res = await distributor.post(`/v1/investors/${investorId}/wallet-challenges`, { address, chainId });
  expectStatus(res, 201);
  return res.body;
}

/** Challenge, signature by `account`, binding: answers the 201 body of POST .../wallets. */
export async function bindWallet(distributor: ApiClient, investorId: string, account: PrivateKeyAccount, chainId: number): Promise<Json> {
  const challenge = await requestChallenge(distributor, investorId, account.address, chainId);
  const signature = await account.signMessage({ message: challenge.message as string });
  const res = await distributor.post(`/v1/investors/${investorId}/wallets`, { challengeId: challenge.challengeId, signature });
  expectStatus(res, 201);
  return res.body;
}

export async function waitForWallet(client: ApiClient, walletId: string, status: string, onchain?: string): Promise<Json> {
  const res = await poll(
    `wallet ${walletId} ${status}${onchain ? `/${onchain}` : ''}`,
    () => client.get(`/v1/wallets/${walletId}`),
    (r) => r.status !== 200 || (r.body.status === status && (onchain === undefined || r.body.onchain === onchain)),
  );
  expectStatus(res, 200);
  expect({ status: res.body.status, onchain: res.body.onchain }).toMatchObject(onchain === undefined ? { status } : { status, onchain });
  return res.body;
}

/** An investor of `distributor` with a wallet of a fresh account, VERIFIED and REGISTERED on chain. */
export async function verifiedInvestor(
  distributor: ApiClient,
  account: PrivateKeyAccount,
  chainId: number,
  overrides: Record<string, unknown> = {},
): Promise<{ investor: Json; wallet: Json }> {
  const investor = await createInvestor(distributor, overrides);
  const bound = await bindWallet(distributor, investor.id as string, account, chainId);
  const wallet = await waitForWallet(distributor, bound.id as string, 'VERIFIED', 'REGISTERED');
  return { investor, wallet };
}

export interface SubscriptionInput {
  fundId: string;
  investorId: string;
  walletId: string;
  amount: string;
}

export function subscriptionBody(input: SubscriptionInput): Record<string, unknown> {
  return { type: 'SUBSCRIPTION', ...input };
}

export async function subscribe(distributor: ApiClient, input: SubscriptionInput, idempotencyKey = newIdempotencyKey()): Promise<Json> {
  const res = await distributor.post('/v1/orders', subscriptionBody(input), { idempotencyKey });
  expectStatus(res, 201);
  return res.body;
}

export async function confirmPayment(issuer: ApiClient, orderId: string): Promise<Json> {
  const res = await issuer.post(`/v1/orders/${orderId}/payment-confirmation`, { reference: `PAY-${uniqueSuffix()}` });
  expectStatus(res, 200);
  return res.body;
}

const FINAL_ORDER_STATUSES = ['SETTLED', 'FAILED', 'REJECTED', 'CANCELLED'];

export async function waitForOrderSettled(client: ApiClient, orderId: string, timeoutMs = 60_000): Promise<Json> {
  const res = await poll(
    `order ${orderId} SETTLED`,
    () => client.get(`/v1/orders/${orderId}`),
    (r) => r.status !== 200 || FINAL_ORDER_STATUSES.includes(r.body.status as string),
    { timeoutMs },
  );
  expectStatus(res, 200);
  expect({ id: orderId, status: res.body.status }).toEqual({ id: orderId, status: 'SETTLED' });
  return res.body;
}
