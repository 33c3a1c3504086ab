// Fund lifecycle and rules, over HTTP on the real chain: pause, resume and close through the outbox
// (the token follows), rule changes reaching the token, the rules placement applies before any cash
// moves, the guaranteed exit, and screening at every step that moves value.
import { jest } from '@jest/globals';
import { fundTokenAbi } from '../../libs/chain/abis/generated/index.js';
import { expectProblem, expectStatus, expectValidationProblem, type ApiClient, type ApiResponse, type Json } from './support/api-client.js';
import { connectChain, newAccount, type TestChain } from './support/chain.js';
import { placeOrder, waitForFund, waitForOrder } from './support/fund-operations.js';
import { activeFund, Platform, subscribe, verifiedInvestor, waitForOrderSettled, uniqueSuffix } from './support/platform.js';

jest.setTimeout(240_000);

describe('fund operations: lifecycle, rules and screening', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuer: ApiClient;
  let distributor: ApiClient;
  let distributorId: string;
  let officer: ApiClient;

  beforeAll(async () => {
    chain = connectChain(platform.state);
    issuer = (await platform.issuer()).client;
    const distributorOrg = await platform.distributor();
    distributor = distributorOrg.client;
    distributorId = distributorOrg.id;
    officer = await platform.complianceOfficer();
  });

  type Holder = { investor: Json; wallet: Json; account: ReturnType<typeof newAccount> };

  async function freshHolder(overrides: Record<string, unknown> = {}): Promise<Holder> {
    const account = newAccount();
    return { ...(await verifiedInvestor(distributor, account, platform.state.chainId, overrides)), account };
  }

  /** A holder with a settled subscription of `amount` in `fund`. */
  async function holderOf(fund: Json, amount = '5000.00'): Promise<Holder> {
    const holder = await freshHolder();
    const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount });
    expectStatus(await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `PAY-${uniqueSuffix()}` }), 200);
    await waitForOrderSettled(distributor, order.id);
    return holder;
  }

  /** The alerts on an order, paging through every ORDER alert (the list has no subject filter). */
  async function alertsOn(orderId: string): Promise<Json[]> {
    const found: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await officer.get(`/v1/kyt/alerts?subjectType=ORDER&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(page, 200);
      found.push(...page.body.items.filter((alert: Json) => alert.subjectId === orderId));
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  }

  const subscription = (fund: Json, holder: Holder, amount = '2000.00') => ({ type: 'SUBSCRIPTION', fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount });
  const redemption = (fund: Json, holder: Holder, units = '100.000000') => ({ type: 'REDEMPTION', fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, units });
  const balanceOf = (fund: Json, address: `0x${string}`) => chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [address] });
  const tokenPaused = (fund: Json) => chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'paused' });

  it('should pause the token on chain (a transfer reverts), refuse orders, then resume', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const holder = await holderOf(fund);
    const other = await freshHolder();
    await chain.fundGas(holder.account.address);
    expectValidationProblem(await issuer.post(`/v1/funds/${fund.id}/pause`, {}), ['reason']);
    expectProblem(await distributor.post(`/v1/funds/${fund.id}/pause`, { reason: 'x' }), 403, 'FORBIDDEN');

    const paused = await issuer.post(`/v1/funds/${fund.id}/pause`, { reason: 'valuation suspended' });
    expectStatus(paused, 200);
    expect(paused.body.status).toBe('PAUSED');
    expectProblem(await placeOrder(distributor, subscription(fund, holder)), 422, 'FUND_PAUSED');
    expectProblem(await placeOrder(distributor, redemption(fund, holder)), 422, 'FUND_PAUSED');
    await waitForFund(issuer, fund.id, (body) => body.lifecycleSync === 'SYNCED', 'token paused');
    expect(await tokenPaused(fund)).toBe(true);
    await expect(
      chain.walletClientFor(holder.account).writeContract({ account: holder.account, chain: chain.chain, address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'transfer', args: [other.account.address, 1n] }),
    ).rejects.toThrow(/FundTokenEnforcedPause/);
    expectProblem(await issuer.post(`/v1/funds/${fund.id}/pause`, { reason: 'again' }), 409, 'INVALID_STATE_TRANSITION');

    const resumed = await issuer.post(`/v1/funds/${fund.id}/resume`, { reason: 'valuation restored' });
    expectStatus(resumed, 200);
    // PAUSED until the unpause is confirmed on chain: an order accepted before would meet a paused token.
    expect(resumed.body).toMatchObject({ status: 'PAUSED', lifecycleSync: 'PENDING' });
    const active = await waitForFund(issuer, fund.id, (body) => body.status === 'ACTIVE', 'ACTIVE again');
    expect(active.lifecycleSync).toBe('SYNCED');
    expect(await tokenPaused(fund)).toBe(false);
    const after = await placeOrder(distributor, subscription(fund, holder));
    expectStatus(after, 201);
    const audit = await officer.get(`/v1/audit-events?entityType=fund&entityId=${fund.id}&limit=100`);
    expectStatus(audit, 200);
    expect(audit.body.items.map((event: Json) => event.action)).toEqual(expect.arrayContaining(['status-changed', 'resume-requested', 'lifecycle-synced']));
  });

  it('should close a fund: subscriptions refused, a redemption under way still settles, new redemptions taken', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const holder = await holderOf(fund);
    const settling = await placeOrder(distributor, redemption(fund, holder, '1000.000000'));
    expectStatus(settling, 201);

    const closed = await issuer.post(`/v1/funds/${fund.id}/close`, { reason: 'fund wound down' });
    expectStatus(closed, 200);
    expect(closed.body.status).toBe('CLOSED');
    expectProblem(await placeOrder(distributor, subscription(fund, holder)), 422, 'FUND_CLOSED');
    await waitForOrder(issuer, settling.body.id, 'PAYOUT_PENDING');
    const paidOut = await issuer.post(`/v1/orders/${settling.body.id}/payout-confirmation`, { reference: `OUT-${uniqueSuffix()}` });
    expect(paidOut.body.status).toBe('SETTLED');
    await waitForFund(issuer, fund.id, (body) => body.lifecycleSync === 'SYNCED', 'close synced');
    const later = await placeOrder(distributor, redemption(fund, holder, '500.000000'));
    expectStatus(later, 201);
    await waitForOrder(issuer, later.body.id, 'PAYOUT_PENDING');
    expect(await balanceOf(fund, holder.account.address)).toBe(3_500_000_000n);
    expectProblem(await issuer.post(`/v1/funds/${fund.id}/resume`, { reason: 'no' }), 409, 'INVALID_STATE_TRANSITION');
  });

  it('should set the holder cap and lock-up on chain at deployment, and refuse redemptions of locked units', async () => {
    const fund = await activeFund(issuer, [distributorId], { maxUnitsPerHolder: '100000', lockupDays: 30, maxHolders: 50 });
    expect(fund).toMatchObject({ maxUnitsPerHolder: '100000.000000', lockupDays: 30, maxHolders: 50 });
    const rules = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'complianceRules' });
    expect(rules.slice(1)).toEqual([50, 100_000_000_000n, 30 * 86_400]);
    const holder = await holderOf(fund);
    expectProblem(await placeOrder(distributor, redemption(fund, holder)), 422, 'UNITS_LOCKED');
    expectProblem(await placeOrder(distributor, subscription(fund, holder, '100000.00')), 422, 'MAX_UNITS_PER_HOLDER_EXCEEDED');
  });

  it('should bring a rule change to the token by a job, and refuse at placement what the token would refuse', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const first = await holderOf(fund);
    const second = await freshHolder();
    expectValidationProblem(await issuer.patch(`/v1/funds/${fund.id}`, {}), ['body']);
    expectValidationProblem(await issuer.patch(`/v1/funds/${fund.id}`, { cutOffTime: null }), ['cutOffTime']);
    expectValidationProblem(await issuer.patch(`/v1/funds/${fund.id}`, { maxHolders: 0 }), ['maxHolders']);
    expectValidationProblem(await issuer.patch(`/v1/funds/${fund.id}`, { calendar: 'NOPE' }), ['calendar']);
    expectProblem(await distributor.patch(`/v1/funds/${fund.id}`, { maxHolders: 1 }), 403, 'FORBIDDEN');

    const patched = await issuer.patch(`/v1/funds/${fund.id}`, { maxHolders: 1, maxUnitsPerHolder: '6000' });
    expectStatus(patched, 200);
    expect(patched.body).toMatchObject({ maxHolders: 1, maxUnitsPerHolder: '6000.000000', rulesSync: 'PENDING' });
    await waitForFund(issuer, fund.id, (body) => body.rulesSync === 'SYNCED', 'rules synced');
    const rules = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'complianceRules' });
    expect(rules.slice(1, 3)).toEqual([1, 6_000_000_000n]);

    expectProblem(await placeOrder(distributor, subscription(fund, second)), 422, 'FUND_MAX_HOLDERS_REACHED');
    expectProblem(await placeOrder(distributor, subscription(fund, first, '1500.00')), 422, 'MAX_UNITS_PER_HOLDER_EXCEEDED');
    expectStatus(await placeOrder(distributor, subscription(fund, first, '1000.00')), 201);

    const lifted = await issuer.patch(`/v1/funds/${fund.id}`, { maxHolders: null, maxUnitsPerHolder: null });
    expect(lifted.body).toMatchObject({ maxHolders: null, maxUnitsPerHolder: null });
    await waitForFund(issuer, fund.id, (body) => body.rulesSync === 'SYNCED', 'rules lifted');
    const order = await subscribe(distributor, { fundId: fund.id, investorId: second.investor.id, walletId: second.wallet.id, amount: '2000.00' });
    expectStatus(await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `PAY-${uniqueSuffix()}` }), 200);
    await waitForOrderSettled(distributor, order.id);
  });

  it('should let a holder redeem after its KYC lapsed, its class left the fund and its distributor was unshelved', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const holder = await holderOf(fund);
    expectStatus(await distributor.patch(`/v1/investors/${holder.investor.id}`, { kycStatus: 'REJECTED' }), 200);
    const afterKyc = await placeOrder(distributor, redemption(fund, holder));
    expectStatus(afterKyc, 201);
    await waitForOrder(issuer, afterKyc.body.id, 'PAYOUT_PENDING');

    expectStatus(await issuer.patch(`/v1/funds/${fund.id}`, { eligibleInvestorClasses: ['INSTITUTIONAL'] }), 200);
    await waitForFund(issuer, fund.id, (body) => body.rulesSync === 'SYNCED', 'class removed');
    const afterClass = await placeOrder(distributor, redemption(fund, holder));
    expectStatus(afterClass, 201);
    await waitForOrder(issuer, afterClass.body.id, 'PAYOUT_PENDING');

    expectStatus(await issuer.delete(`/v1/funds/${fund.id}/distributors/${distributorId}`), 200);
    const afterUnshelve = await placeOrder(distributor, redemption(fund, holder));
    expectStatus(afterUnshelve, 201);
    await waitForOrder(issuer, afterUnshelve.body.id, 'PAYOUT_PENDING');
    expect(await balanceOf(fund, holder.account.address)).toBe(4_700_000_000n);
    expectProblem(await placeOrder(distributor, subscription(fund, holder)), 404, 'FUND_NOT_FOUND');
    // Another distributor, never shelved, still cannot reach the fund.
    const stranger = await platform.distributor();
    expectProblem(await placeOrder(stranger.client, redemption(fund, holder)), 404, 'FUND_NOT_FOUND');
  });

  it('should never mint to a wallet blocklisted after its order was placed (held at payment confirmation)', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const holder = await freshHolder();
    const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '3000.00' });
    expectStatus(await officer.post('/v1/kyt/blocklist', { address: holder.account.address, reason: 'designated after placement', source: 'E2E' }), 201);

    const paid = await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `PAY-${uniqueSuffix()}` });
    expectStatus(paid, 200);
    expect(paid.body.status).toBe('ON_HOLD');
    const [alert] = await alertsOn(order.id);
    expect(alert).toMatchObject({ severity: 'HIGH', status: 'OPEN', reasons: expect.arrayContaining([expect.objectContaining({ code: 'BLOCKLIST_MATCH' })]) });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await distributor.get(`/v1/orders/${order.id}`)).body.status).toBe('ON_HOLD');
    expect(await balanceOf(fund, holder.account.address)).toBe(0n);
  });

  it('should screen again in the mint job before it signs: a wallet blocklisted after payment is held, not minted', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const holder = await freshHolder();
    const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '3000.00' });
    // The token is paused: the paid order is priced and its mint job waits for the token.
    expectStatus(await issuer.post(`/v1/funds/${fund.id}/pause`, { reason: 'hold mints' }), 200);
    await waitForFund(issuer, fund.id, (body) => body.lifecycleSync === 'SYNCED', 'token paused');
    const paid = await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `PAY-${uniqueSuffix()}` });
    expect(paid.body.status).toBe('MINTING');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await distributor.get(`/v1/orders/${order.id}`)).body.status).toBe('MINTING');

    expectStatus(await officer.post('/v1/kyt/blocklist', { address: holder.account.address, reason: 'designated after payment', source: 'E2E' }), 201);
    expectStatus(await issuer.post(`/v1/funds/${fund.id}/resume`, { reason: 'resume mints' }), 200);
    const held = await waitForOrder(issuer, order.id, 'ON_HOLD', 150_000);
    expect(held.events.at(-1)).toMatchObject({ from: 'MINTING', to: 'ON_HOLD', reason: expect.stringContaining('BLOCKLIST_MATCH') });
    expect(await balanceOf(fund, holder.account.address)).toBe(0n);
  });

  it('should hold the velocity rule under 20 concurrent orders of one investor (limit 10 an hour)', async () => {
    const fund = await activeFund(issuer, [distributorId]);
    const holder = await freshHolder();
    const answers = await Promise.all(Array.from({ length: 20 }, () => placeOrder(distributor, subscription(fund, holder, '1000.00'))));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    const statuses = answers.map((answer) => answer.body.status as string);
    expect(statuses.filter((status) => status === 'AWAITING_PAYMENT')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'ON_HOLD')).toHaveLength(10);
    const held = answers.find((answer) => answer.body.status === 'ON_HOLD')!;
    const [alert] = await alertsOn(held.body.id);
    expect(alert.reasons.map((reason: Json) => reason.code)).toContain('VELOCITY_EXCEEDED');
  });
});
