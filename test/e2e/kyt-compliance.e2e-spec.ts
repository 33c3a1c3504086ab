// KYT rules, freezes and the audit verification over HTTP, with the real chain: structuring holds
// an order until a CLEAR lets it settle; the travel rule refuses incomplete orders; a holder whose
// address is blocklisted is frozen on chain (its transfers revert) with a SEVERE alert; officers
// freeze and unfreeze; with the screening service down, subjects are held and released once it is
// back; a row changed by hand in the audit table is reported.
import { jest } from '@jest/globals';
import pg from 'pg';
import { parseAbi } from 'viem';
import { ApiClient, expectProblem, expectStatus, newIdempotencyKey } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { connectChain, newAccount } from './support/chain.js';
import { Platform, activeFund, bindWallet, confirmPayment, createInvestor, subscribe, subscriptionBody, verifiedInvestor, waitForOrderSettled, waitForWallet } from './support/platform.js';
import { poll } from './support/poll.js';

jest.setTimeout(180_000);

const tokenAbi = parseAbi([
  'function transfer(address to, uint256 amount) returns (bool)',
  'function isFrozen(address account) view returns (bool)',
  'function getFrozenTokens(address account) view returns (uint256)',
  'error FundTokenAccountFrozen(address account)',
]);
const travelRule = { originator: { name: 'Chan Tai Man', accountRef: 'HSBC-HK-001', country: 'HK' }, beneficiary: { name: 'Fund subscriptions', accountRef: 'FUND-001' } };

describe('KYT compliance over HTTP', () => {
  const platform = new Platform();
  const chain = connectChain(platform.state);
  let distributor: ApiClient;
  let distributorId: string;
  let issuer: ApiClient;
  let officerA: ApiClient;
  let officerB: ApiClient;
  let fund: Json;

  beforeAll(async () => {
    const distributorOrg = await platform.distributor();
    distributor = distributorOrg.client;
    distributorId = distributorOrg.id;
    issuer = (await platform.issuer()).client;
    officerA = await platform.complianceOfficer();
    officerB = await platform.complianceOfficer();
    fund = await activeFund(issuer, [distributorOrg.id]);
    const rules = await officerA.put(`/v1/kyt/funds/${fund.id}/rules`, {
      travelRuleThreshold: '20000.00',
      velocityMaxOrders: 50,
      velocityWindowMinutes: 60,
      structuringMinOrders: 3,
      structuringBandPercent: 10,
      freshWalletHours: 0,
      freshWalletLargeAmount: '1000000.00',
    });
    expectStatus(rules, 200);
  });

  async function holder() {
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    const order = await subscribe(distributor, { fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '5000.00' });
    await confirmPayment(issuer, order.id);
    await waitForOrderSettled(distributor, order.id);
    return { account, investor, wallet };
  }

  async function alertOn(subjectType: string, subjectId: string): Promise<Json> {
    const res = await poll(
      `an alert on ${subjectType} ${subjectId}`,
      () => officerA.get(`/v1/kyt/alerts?subjectType=${subjectType}&limit=200`),
      (r) => r.status !== 200 || r.body.items.some((a: Json) => a.subjectId === subjectId),
    );
    expectStatus(res, 200);
    return res.body.items.find((a: Json) => a.subjectId === subjectId);
  }

  const isFrozen = (address: `0x${string}`) => chain.publicClient.readContract({ address: fund.tokenAddress, abi: tokenAbi, functionName: 'isFrozen', args: [address] });

  it('should hold a structuring pattern ON_HOLD, and settle the order after a CLEAR', async () => {
    const { investor, wallet } = await verifiedInvestor(distributor, newAccount(), platform.state.chainId);
    const body = (amount: string) => ({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount });

    const first = await subscribe(distributor, body('19000.00'));
    const second = await subscribe(distributor, body('19500.00'));
    const third = await subscribe(distributor, body('19999.99'));

    expect([first.status, second.status, third.status]).toEqual(['AWAITING_PAYMENT', 'AWAITING_PAYMENT', 'ON_HOLD']);
    const alert = await alertOn('ORDER', third.id);
    expect(alert).toMatchObject({ severity: 'MEDIUM', status: 'OPEN', reasons: [expect.objectContaining({ code: 'STRUCTURING_SUSPECTED' })], overdue: false });
    const decided = await officerA.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CLEAR', reason: 'monthly savings plan', resolutionCode: 'INFORMATION_PROVIDED' });
    expectStatus(decided, 200);
    expect(decided.body).toMatchObject({ status: 'CLEARED', resolutionCode: 'INFORMATION_PROVIDED' });
    const released = await distributor.get(`/v1/orders/${third.id}`);
    expect(released.body.status).toBe('AWAITING_PAYMENT');
    await confirmPayment(issuer, third.id);
    await waitForOrderSettled(distributor, third.id);
  });

  it('should answer 422 TRAVEL_RULE_INFO_REQUIRED at the threshold without originator and beneficiary, and 400 to an incomplete party', async () => {
    const { investor, wallet } = await verifiedInvestor(distributor, newAccount(), platform.state.chainId);
    const body = subscriptionBody({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '20000.00' });

    const missing = await distributor.post('/v1/orders', body, { idempotencyKey: newIdempotencyKey() });
    const incomplete = await distributor.post('/v1/orders', { ...body, travelRule: { originator: { name: 'X' } } }, { idempotencyKey: newIdempotencyKey() });
    const complete = await distributor.post('/v1/orders', { ...body, travelRule }, { idempotencyKey: newIdempotencyKey() });

    expectProblem(missing, 422, 'TRAVEL_RULE_INFO_REQUIRED');
    expectProblem(incomplete, 400, 'VALIDATION_FAILED');
    expectStatus(complete, 201);
    expect(complete.body.status).toBe('AWAITING_PAYMENT');
  });

  it('should freeze a holder on chain with a SEVERE alert when its address is blocklisted', async () => {
    const { account, wallet } = await holder();
    const other = await verifiedInvestor(distributor, newAccount(), platform.state.chainId);
    await chain.fundGas(account.address);

    const listed = await officerA.post('/v1/kyt/blocklist', { address: account.address, reason: 'designated', source: 'OFAC-SDN' });

    expectStatus(listed, 201);
    const alert = await alertOn('WALLET', wallet.id);
    expect(alert).toMatchObject({ severity: 'SEVERE', status: 'OPEN', reasons: [expect.objectContaining({ code: 'BLOCKLIST_MATCH' })] });
    expect((await officerB.get(`/v1/wallets/${wallet.id}`)).body.frozen).toBe(true);
    await poll(`${account.address} frozen on chain`, () => isFrozen(account.address), (frozen) => frozen);
    await expect(
      chain.walletClientFor(account).writeContract({ account, chain: chain.chain, address: fund.tokenAddress, abi: tokenAbi, functionName: 'transfer', args: [other.wallet.address, 1n] }),
    ).rejects.toThrow(/FundTokenAccountFrozen/);
  });

  it('should let an officer freeze and unfreeze a wallet on chain, and refuse a distributor', async () => {
    const { account, wallet } = await holder();

    const refused = await distributor.post(`/v1/wallets/${wallet.id}/freeze`, { reason: 'not mine to do' });
    const frozen = await officerA.post(`/v1/wallets/${wallet.id}/freeze`, { reason: 'court order 42' });

    expectStatus(refused, 403);
    expectStatus(frozen, 200);
    expect(frozen.body).toMatchObject({ id: wallet.id, frozen: true });
    await poll('frozen on chain', () => isFrozen(account.address), (value) => value);

    const unfrozen = await officerB.post(`/v1/wallets/${wallet.id}/unfreeze`, { reason: 'order lifted' });
    const again = await officerB.post(`/v1/wallets/${wallet.id}/unfreeze`, { reason: 'twice' });

    expectStatus(unfrozen, 200);
    expect(unfrozen.body.frozen).toBe(false);
    expectProblem(again, 409, 'WALLET_NOT_FROZEN');
    await poll('unfrozen on chain', () => isFrozen(account.address), (value) => !value);
  });

  it('should hold a wallet and an order while the screening service is down, and release them once it is back', async () => {
    const control = (mode: 'up' | 'down') => fetch(`${platform.state.kytStubUrl}/__control`, { method: 'POST', body: JSON.stringify({ mode }) });
    const ready = await verifiedInvestor(distributor, newAccount(), platform.state.chainId);
    const investor = await createInvestor(distributor);
    await control('down');
    let order: Json;
    let bound: Json;
    try {
      order = await subscribe(distributor, { fundId: fund.id, investorId: ready.investor.id, walletId: ready.wallet.id, amount: '5000.00' });
      bound = await bindWallet(distributor, investor.id, newAccount(), platform.state.chainId);

      expect(order.status).toBe('ON_HOLD');
      expect(bound.status).toBe('PENDING_REVIEW');
      expect((await alertOn('ORDER', order.id)).reasons).toEqual([expect.objectContaining({ code: 'SCREENING_UNAVAILABLE' })]);
    } finally {
      await control('up');
    }

    const released = await poll(`order ${order.id} re-screened`, () => distributor.get(`/v1/orders/${order.id}`), (r) => r.body.status !== 'ON_HOLD');
    expect(released.body.status).toBe('AWAITING_PAYMENT');
    await waitForWallet(distributor, bound.id, 'VERIFIED', 'REGISTERED');
    const alert = await officerA.get(`/v1/kyt/alerts/${(await alertOn('ORDER', order.id)).id}`);
    expect(alert.body).toMatchObject({ status: 'CLEARED', resolutionCode: 'RESCREENED_CLEAN' });
  });

  it("should list a settled holder in the fund's holder register, for the issuer only", async () => {
    const { account, investor } = await holder();

    const register = await poll(
      `${account.address} in the holder register`,
      () => issuer.get(`/v1/funds/${fund.id}/holders`),
      (r) => r.status !== 200 || r.body.items.some((item: Json) => item.address === account.address),
    );
    const refused = await distributor.get(`/v1/funds/${fund.id}/holders`);

    expectStatus(register, 200);
    expect(register.body.items.find((item: Json) => item.address === account.address)).toEqual({ address: account.address, investorId: investor.id, distributorId, units: '5000.000000' });
    expectStatus(refused, 403);
  });

  it('should report a row of the audit table changed by hand, to ADMIN and COMPLIANCE only', async () => {
    const clean = await platform.admin.get('/v1/audit-events/verification');
    expectStatus(clean, 200);
    expect(clean.body).toMatchObject({ valid: true, firstBroken: null });
    expectStatus(await distributor.get('/v1/audit-events/verification'), 403);

    const url = new URL(platform.state.maintenanceDatabaseUrl);
    url.pathname = `/${platform.state.databaseName}`;
    const db = new pg.Client({ connectionString: url.href });
    await db.connect();
    // The table refuses every change (issue 11); someone with superuser access disables its trigger first.
    const asAttacker = async (sql: string, params: unknown[]) => {
      await db.query('BEGIN');
      await db.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await db.query(sql, params);
      await db.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
      await db.query('COMMIT');
    };
    try {
      const [row] = (await db.query(`SELECT seq, actor FROM audit_events WHERE action = 'address-blocklisted' AND chain_pos IS NOT NULL ORDER BY seq LIMIT 1`)).rows;
      await expect(db.query('UPDATE audit_events SET actor = $1 WHERE seq = $2', ['nobody', row.seq])).rejects.toThrow(/append-only/);
      await asAttacker('UPDATE audit_events SET actor = $1 WHERE seq = $2', ['nobody', row.seq]);
      try {
        const report = await officerA.get('/v1/audit-events/verification');

        expectStatus(report, 200);
        expect(report.body).toMatchObject({ valid: false, firstBroken: { seq: String(row.seq), problem: 'HASH_MISMATCH' } });
      } finally {
        await asAttacker('UPDATE audit_events SET actor = $1 WHERE seq = $2', [row.actor, row.seq]);
      }
    } finally {
      await db.end();
    }
    expect((await officerA.get('/v1/audit-events/verification')).body.valid).toBe(true);
  });
});
