// What the API refuses, with exact status codes and problem codes: unauthenticated calls (401),
// wrong roles (403), other organisations' resources (404), invalid bodies (400, naming the fields,
// persisting nothing), state conflicts (409) and business rules (422).
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { expectNotFound, expectProblem, expectStatus, expectValidationProblem, newIdempotencyKey } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { newAccount } from './support/chain.js';
import {
  Platform,
  activeFund,
  confirmPayment,
  createInvestor,
  fundBody,
  investorBody,
  subscribe,
  subscriptionBody,
  verifiedInvestor,
} from './support/platform.js';
import type { Org } from './support/platform.js';

jest.setTimeout(120_000);

const platform = new Platform();
let issuerA: Org;
let issuerB: Org;
let distributorA: Org;
let distributorB: Org;
let fund: Json;
let investorA: Json;
let walletA: Json;
let orderA: Json;

beforeAll(async () => {
  [issuerA, issuerB, distributorA, distributorB] = await Promise.all([platform.issuer(), platform.issuer(), platform.distributor(), platform.distributor()]);
  // Both distributors are shelved: B's 404s below come from ownership, not from shelving.
  fund = await activeFund(issuerA.client, [distributorA.id, distributorB.id]);
  const holder = await verifiedInvestor(distributorA.client, newAccount(), platform.state.chainId);
  investorA = holder.investor;
  walletA = holder.wallet;
  orderA = await subscribe(distributorA.client, { fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '2500.00' });
});

describe('failing authentication', () => {
  it('should answer 401 UNAUTHORIZED without an API key', async () => {
    expectProblem(await platform.anonymous.get('/v1/me'), 401, 'UNAUTHORIZED');
    expectProblem(await platform.anonymous.get(`/v1/orders/${orderA.id}`), 401, 'UNAUTHORIZED');
  });

  it('should answer 401 UNAUTHORIZED to an unknown API key', async () => {
    const stranger = platform.anonymous.withKey('rwa_unknown_0000000000000000000000000000');

    expectProblem(await stranger.get('/v1/me'), 401, 'UNAUTHORIZED');
    expectProblem(await stranger.post('/v1/funds', fundBody()), 401, 'UNAUTHORIZED');
  });
});

describe('failing authorization: wrong role', () => {
  it('should answer 403 FORBIDDEN when a distributor creates a fund or an organisation', async () => {
    expectProblem(await distributorA.client.post('/v1/funds', fundBody()), 403, 'FORBIDDEN');
    expectProblem(await distributorA.client.post('/v1/organizations', { type: 'DISTRIBUTOR', name: 'Shadow', jurisdiction: 'HK' }), 403, 'FORBIDDEN');
  });

  it('should answer 403 FORBIDDEN when an issuer acts as a distributor', async () => {
    expectProblem(await issuerA.client.post('/v1/investors', investorBody()), 403, 'FORBIDDEN');
    expectProblem(
      await issuerA.client.post('/v1/orders', subscriptionBody({ fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '2500.00' }), { idempotencyKey: newIdempotencyKey() }),
      403,
      'FORBIDDEN',
    );
  });

  it('should answer 403 FORBIDDEN when a distributor confirms a payment', async () => {
    expectProblem(await distributorA.client.post(`/v1/orders/${orderA.id}/payment-confirmation`, { reference: 'X' }), 403, 'FORBIDDEN');
  });

  it('should answer 403 FORBIDDEN to KYT calls without the COMPLIANCE role', async () => {
    expectProblem(await distributorA.client.get('/v1/kyt/alerts'), 403, 'FORBIDDEN');
    expectProblem(await issuerA.client.post('/v1/kyt/blocklist', { address: newAccount().address, reason: 'x', source: 'x' }), 403, 'FORBIDDEN');
  });

  it('should answer 403 FORBIDDEN when the admin creates a fund', async () => {
    expectProblem(await platform.admin.post('/v1/funds', fundBody()), 403, 'FORBIDDEN');
  });
});

describe('failing access to another organisation', () => {
  it("should answer 404 to a second distributor reading the first one's investor", async () => {
    expectNotFound(await distributorB.client.get(`/v1/investors/${investorA.id}`), 'INVESTOR');
    expectNotFound(await distributorB.client.get(`/v1/investors/${randomUUID()}`), 'INVESTOR');
    expectNotFound(await distributorB.client.patch(`/v1/investors/${investorA.id}`, { kycStatus: 'REJECTED' }), 'INVESTOR');
    const unchanged = await distributorA.client.get(`/v1/investors/${investorA.id}`);
    expect(unchanged.body.kycStatus).toBe('APPROVED');
  });

  it("should answer 404 to a second distributor reading the first one's order", async () => {
    expectNotFound(await distributorB.client.get(`/v1/orders/${orderA.id}`), 'ORDER');
    expectNotFound(await distributorB.client.get(`/v1/orders/${randomUUID()}`), 'ORDER');
    expectNotFound(await distributorB.client.post(`/v1/orders/${orderA.id}/cancel`, {}), 'ORDER');
    const list = await distributorB.client.get(`/v1/orders?fundId=${fund.id}`);
    expectStatus(list, 200);
    expect(list.body.items).toEqual([]);
  });

  it("should answer 404 to a second distributor using the first one's wallet or investor", async () => {
    expectNotFound(await distributorB.client.get(`/v1/wallets/${walletA.id}`), 'WALLET');
    expectNotFound(
      await distributorB.client.post(`/v1/investors/${investorA.id}/wallet-challenges`, { address: newAccount().address, chainId: platform.state.chainId }),
      'INVESTOR',
    );
    expectNotFound(
      await distributorB.client.post('/v1/orders', subscriptionBody({ fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '2500.00' }), {
        idempotencyKey: newIdempotencyKey(),
      }),
      'INVESTOR',
    );
  });

  it("should answer 404 to a second issuer reading the first one's fund and order", async () => {
    expectNotFound(await issuerB.client.get(`/v1/funds/${fund.id}`), 'FUND');
    expectNotFound(await issuerB.client.get(`/v1/orders/${orderA.id}`), 'ORDER');
    expectNotFound(await issuerB.client.post(`/v1/orders/${orderA.id}/payment-confirmation`, { reference: 'X' }), 'ORDER');
    const order = await distributorA.client.get(`/v1/orders/${orderA.id}`);
    expect(order.body.status).toBe('AWAITING_PAYMENT');
  });

  it('should answer 404 to a distributor once the fund is unshelved', async () => {
    const distributorC = await platform.distributor();
    const otherFund = await activeFund(issuerA.client, [distributorC.id]);
    const visible = await distributorC.client.get(`/v1/funds/${otherFund.id}`);

    const unshelved = await issuerA.client.delete(`/v1/funds/${otherFund.id}/distributors/${distributorC.id}`);

    expectStatus(visible, 200);
    expectStatus(unshelved, 200);
    expectNotFound(await distributorC.client.get(`/v1/funds/${otherFund.id}`), 'FUND');
  });
});

describe('failing validation: 400 naming the fields, persisting nothing', () => {
  it('should refuse an invalid investor and keep its externalRef free', async () => {
    const externalRef = `ext-invalid-${Date.now()}`;

    const res = await distributorA.client.post('/v1/investors', investorBody({ externalRef, type: 'ROBOT', investorClass: 'VIP', kycStatus: 'MAYBE', kycExpiresAt: 'soon' }));
    const valid = await distributorA.client.post('/v1/investors', investorBody({ externalRef }));
    const duplicate = await distributorA.client.post('/v1/investors', investorBody({ externalRef }));

    expectValidationProblem(res, ['type', 'investorClass', 'kycStatus', 'kycExpiresAt']);
    expectStatus(valid, 201);
    expectProblem(duplicate, 409, 'DUPLICATE_EXTERNAL_REF');
  });

  it('should refuse an invalid fund and create none', async () => {
    const before = await issuerA.client.get('/v1/funds');

    const res = await issuerA.client.post(
      '/v1/funds',
      fundBody({ unitDecimals: 40, initialNav: 1, minSubscription: '-5', cutOffTime: '25:00', pricing: 'FLOATING', eligibleJurisdictions: 'HK' }),
    );
    const after = await issuerA.client.get('/v1/funds');

    expectValidationProblem(res, ['unitDecimals', 'initialNav', 'minSubscription', 'cutOffTime', 'pricing', 'eligibleJurisdictions']);
    expect(after.body.items.map((f: Json) => f.id).sort()).toEqual(before.body.items.map((f: Json) => f.id).sort());
  });

  it("should refuse a STABLE_NAV fund's NAV past what its stablecoin settlement holds on chain (64 bits at 10^8), creating and changing nothing", async () => {
    const tooLarge = '184467440737.09551616';
    const before = await issuerA.client.get('/v1/funds');
    const created = await issuerA.client.post('/v1/funds', fundBody({ pricing: 'STABLE_NAV', initialNav: tooLarge }));
    expectValidationProblem(created, ['initialNav']);
    expect((await issuerA.client.get('/v1/funds')).body.items.length).toBe(before.body.items.length);

    const history = await issuerA.client.get(`/v1/funds/${fund.id}/navs`);
    const published = await issuerA.client.post(`/v1/funds/${fund.id}/nav`, { nav: tooLarge, asOf: fund.navAsOf });
    expectValidationProblem(published, ['nav']);
    expect((await issuerA.client.get(`/v1/funds/${fund.id}/navs`)).body).toEqual(history.body);
    expect((await issuerA.client.get(`/v1/funds/${fund.id}`)).body.nav).toBe(fund.nav);
  });

  it('should refuse invalid orders and place none', async () => {
    const valid = { fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '2500.00' };

    const withoutKey = await distributorA.client.post('/v1/orders', subscriptionBody(valid));
    const numeric = await distributorA.client.post('/v1/orders', { ...subscriptionBody(valid), amount: 2500 }, { idempotencyKey: newIdempotencyKey() });
    const negative = await distributorA.client.post('/v1/orders', { ...subscriptionBody(valid), amount: '-2500.00' }, { idempotencyKey: newIdempotencyKey() });
    const badIds = await distributorA.client.post('/v1/orders', { type: 'SWAP', fundId: 'fund-1', investorId: 42, amount: '2500.00' }, { idempotencyKey: newIdempotencyKey() });
    const list = await distributorA.client.get(`/v1/orders?fundId=${fund.id}`);

    expectProblem(withoutKey, 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expectValidationProblem(numeric, ['amount']);
    expectValidationProblem(negative, ['amount']);
    expectValidationProblem(badIds, ['type', 'fundId', 'investorId', 'walletId']);
    expectStatus(list, 200);
    expect(list.body.items.map((o: Json) => o.id)).toEqual([orderA.id]);
  });

  it('should refuse an organisation of an unknown type and a key of an unknown role', async () => {
    const org = await platform.admin.post('/v1/organizations', { type: 'BANK', name: '', jurisdiction: 'HK' });
    const key = await platform.admin.post(`/v1/organizations/${issuerA.id}/api-keys`, { label: 'x', role: 'SUPERUSER' });

    expectValidationProblem(org, ['type']);
    expectValidationProblem(key, ['role']);
  });

  it('should answer 400 to a body that is not JSON', async () => {
    const res = await distributorA.client.request('POST', '/v1/investors', { rawBody: '{"externalRef": "x",' });

    expectProblem(res, 400, 'MALFORMED_REQUEST');
  });
});

describe('failing business rules and state transitions', () => {
  it('should answer 422 BELOW_MINIMUM to a subscription under the fund minimum', async () => {
    const res = await distributorA.client.post(
      '/v1/orders',
      subscriptionBody({ fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '999.99' }),
      { idempotencyKey: newIdempotencyKey() },
    );

    expectProblem(res, 422, 'BELOW_MINIMUM');
  });

  it('should answer 422 INVESTOR_NOT_ELIGIBLE to a subscription by an investor class the fund excludes', async () => {
    const retail = await verifiedInvestor(distributorA.client, newAccount(), platform.state.chainId, { investorClass: 'RETAIL' });

    const res = await distributorA.client.post(
      '/v1/orders',
      subscriptionBody({ fundId: fund.id, investorId: retail.investor.id, walletId: retail.wallet.id, amount: '5000.00' }),
      { idempotencyKey: newIdempotencyKey() },
    );

    expectProblem(res, 422, 'INVESTOR_NOT_ELIGIBLE');
  });

  it('should answer 422 KYC_NOT_APPROVED once the investor KYC is no longer approved', async () => {
    const holder = await verifiedInvestor(distributorA.client, newAccount(), platform.state.chainId);
    const patched = await distributorA.client.patch(`/v1/investors/${holder.investor.id}`, { kycStatus: 'PENDING' });

    const res = await distributorA.client.post(
      '/v1/orders',
      subscriptionBody({ fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '5000.00' }),
      { idempotencyKey: newIdempotencyKey() },
    );

    expectStatus(patched, 200);
    expect(patched.body.kycStatus).toBe('PENDING');
    expectProblem(res, 422, 'KYC_NOT_APPROVED');
  });

  it('should answer 409 INVALID_STATE_TRANSITION to a payment confirmation of a cancelled order', async () => {
    const order = await subscribe(distributorA.client, { fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '3000.00' });

    const cancelled = await distributorA.client.post(`/v1/orders/${order.id}/cancel`, {});
    const confirmation = await issuerA.client.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: 'late' });

    expectStatus(cancelled, 200);
    expect(cancelled.body).toMatchObject({ id: order.id, status: 'CANCELLED' });
    expectProblem(confirmation, 409, 'INVALID_STATE_TRANSITION');
  });

  it('should answer 409 INVALID_STATE_TRANSITION to a cancellation after payment is confirmed', async () => {
    const order = await subscribe(distributorA.client, { fundId: fund.id, investorId: investorA.id, walletId: walletA.id, amount: '3000.00' });
    await confirmPayment(issuerA.client, order.id);

    const cancelled = await distributorA.client.post(`/v1/orders/${order.id}/cancel`, {});

    expectProblem(cancelled, 409, 'INVALID_STATE_TRANSITION');
  });
});

