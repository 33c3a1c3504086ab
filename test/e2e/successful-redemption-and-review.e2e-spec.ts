// After the spine's subscription: a redemption burns units on chain and settles on the issuer's
// payout; a compliance officer works an order alert through assign, comment and escalate; the
// audit trail shows it all; a revoked wallet leaves the on-chain registry.
import { jest } from '@jest/globals';
import { fundTokenAbi, identityRegistryAbi } from '../../libs/chain/abis/generated/index.js';
import { expectProblem, expectStatus, newIdempotencyKey, type ApiClient, type Json } from './support/api-client.js';
import { connectChain, newAccount, type TestChain } from './support/chain.js';
import { poll } from './support/poll.js';
import { activeFund, confirmPayment, Platform, subscribe, verifiedInvestor, waitForOrderSettled, waitForWallet } from './support/platform.js';

jest.setTimeout(120_000);

describe('successful redemption, review and audit', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuer: ApiClient;
  let distributor: ApiClient;
  let distributorId: string;
  let officer: ApiClient;
  let fund: Json;

  beforeAll(async () => {
    chain = connectChain(platform.state);
    const issuerOrg = await platform.issuer();
    const distributorOrg = await platform.distributor();
    issuer = issuerOrg.client;
    distributor = distributorOrg.client;
    distributorId = distributorOrg.id;
    officer = await platform.complianceOfficer();
    fund = await activeFund(issuer, [distributorId]);
  });

  async function waitForOrder(client: ApiClient, orderId: string, status: string): Promise<Json> {
    const res = await poll(`order ${orderId} ${status}`, () => client.get(`/v1/orders/${orderId}`), (r) => r.body?.status === status, { timeoutMs: 60_000 });
    return res.body;
  }

  it('should burn redeemed units on chain, wait for the payout, then settle', async () => {
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    const subscription = await subscribe(distributor, { fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '5000.00' });
    await confirmPayment(issuer, subscription.id);
    await waitForOrderSettled(distributor, subscription.id);

    const tooMany = await distributor.post('/v1/orders', { type: 'REDEMPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, units: '5000.000001' }, { idempotencyKey: newIdempotencyKey() });
    expectProblem(tooMany, 422, 'INSUFFICIENT_UNITS');
    const placed = await distributor.post('/v1/orders', { type: 'REDEMPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, units: '1250.25' }, { idempotencyKey: newIdempotencyKey() });
    expectStatus(placed, 201);
    expect(placed.body).toMatchObject({ type: 'REDEMPTION', status: 'BURNING', units: '1250.250000', amount: '1250.25' });

    const burned = await waitForOrder(issuer, placed.body.id, 'PAYOUT_PENDING');
    expect(burned.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const balance = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] });
    expect(balance).toBe(3_749_750_000n);
    const early = await issuer.post(`/v1/orders/${subscription.id}/payout-confirmation`, { reference: 'TT-OUT-1' });
    expectProblem(early, 422, 'NOT_A_REDEMPTION');

    const paid = await issuer.post(`/v1/orders/${placed.body.id}/payout-confirmation`, { reference: 'TT-OUT-1' });
    expectStatus(paid, 200);
    expect(paid.body.status).toBe('SETTLED');
    expect(paid.body.events.map((event: Json) => event.to)).toEqual(['RECEIVED', 'PRICING', 'BURNING', 'PAYOUT_PENDING', 'SETTLED']);
    const again = await issuer.post(`/v1/orders/${placed.body.id}/payout-confirmation`, { reference: 'TT-OUT-1' });
    expectProblem(again, 409, 'INVALID_STATE_TRANSITION');

    const figures = await issuer.get(`/v1/funds/${fund.id}/distribution`);
    expectStatus(figures, 200);
    expect(figures.body).toEqual({
      fundId: fund.id,
      distributors: 1,
      investors: 1,
      unitsOutstanding: '3749.750000',
      byDistributor: [{ distributorId, investors: 1, unitsHeld: '3749.750000', subscribedAmount: '5000.00', redeemedUnits: '1250.250000' }],
    });
    expectProblem(await distributor.get(`/v1/funds/${fund.id}/distribution`), 403, 'FORBIDDEN');
  });

  it('should let an officer assign, comment on and escalate an alert before deciding it', async () => {
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    expectStatus(await officer.post('/v1/kyt/blocklist', { address: account.address, reason: 'listed after onboarding', source: 'E2E' }), 201);
    const order = await subscribe(distributor, { fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '2000.00' });
    expect(order.status).toBe('ON_HOLD');
    const alerts = await officer.get('/v1/kyt/alerts?subjectType=ORDER&status=OPEN&limit=200');
    const alert = alerts.body.items.find((item: Json) => item.subjectId === order.id);
    expect(alert).toMatchObject({ severity: 'HIGH', status: 'OPEN' });

    const assigned = await officer.post(`/v1/kyt/alerts/${alert.id}/assign`, {});
    expectStatus(assigned, 200);
    expect(assigned.body).toMatchObject({ status: 'IN_REVIEW', assignee: expect.stringMatching(/^user:[0-9a-f-]{36}\/api-key:[0-9a-f-]{36}$/) });
    const commented = await officer.post(`/v1/kyt/alerts/${alert.id}/comments`, { text: 'Asked the distributor for the source of funds.' });
    expectStatus(commented, 201);
    expect(commented.body.comments).toEqual([expect.objectContaining({ text: 'Asked the distributor for the source of funds.' })]);
    const escalated = await officer.post(`/v1/kyt/alerts/${alert.id}/escalate`, { reason: 'Needs the MLRO' });
    expectStatus(escalated, 200);
    expect(escalated.body.status).toBe('ESCALATED');
    expectStatus(await officer.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CONFIRM', reason: 'true match' }), 200);
    const second = await platform.complianceOfficer();
    const decided = await second.post(`/v1/kyt/alerts/${alert.id}/approve`, {});
    expectStatus(decided, 200);
    expect(decided.body.history.map((event: Json) => event.to)).toEqual(['OPEN', 'IN_REVIEW', 'ESCALATED', 'PENDING_APPROVAL', 'CONFIRMED']);
    expect((await distributor.get(`/v1/orders/${order.id}`)).body.status).toBe('REJECTED');

    // Rows are written unsealed and sealed into their hash chain by a worker within moments.
    const trail = await poll(
      'the alert trail sealed',
      () => officer.get(`/v1/audit-events?entityType=kyt_alert&entityId=${alert.id}`),
      (response) => response.status !== 200 || response.body.items.every((event: Json) => event.hash !== null),
      { timeoutMs: 15_000 },
    );
    expectStatus(trail, 200);
    expect(trail.body.items.map((event: Json) => event.action)).toEqual(['raised', 'assigned', 'commented', 'escalated', 'decision-proposed', 'decided']);
    const seqs = trail.body.items.map((event: Json) => BigInt(event.seq));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(trail.body.items.every((event: Json) => /^[0-9a-f]{64}$/.test(event.hash) && /^[0-9a-f]{64}$/.test(event.prevHash))).toBe(true);
    expectProblem(await distributor.get('/v1/audit-events'), 403, 'FORBIDDEN');
  });

  it('should revoke a wallet and remove it from the on-chain registry', async () => {
    const account = newAccount();
    const { wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);

    const revoked = await distributor.delete(`/v1/wallets/${wallet.id}`);

    expectStatus(revoked, 200);
    expect(revoked.body.status).toBe('REVOKED');
    await waitForWallet(distributor, wallet.id, 'REVOKED', 'REMOVED');
    const registry = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'identityRegistry' });
    expect(await chain.publicClient.readContract({ address: registry, abi: identityRegistryAbi, functionName: 'isVerified', args: [account.address] })).toBe(false);
    expectProblem(await distributor.delete(`/v1/wallets/${wallet.id}`), 409, 'INVALID_STATE_TRANSITION');
  });
});
