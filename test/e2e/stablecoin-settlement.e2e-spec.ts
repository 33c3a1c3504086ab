// Stablecoin delivery versus payment over HTTP on the local chain: the admin registers a test
// stablecoin, the issuer enables it for a fund (the settlement contract is configured by a chain
// job), a permit subscription settles with the stablecoin down and the units up in ONE
// transaction, an approval subscription too; too little stablecoin and an expired permit are
// refused with nothing moved; an instant redemption settles within the caps and one over them is a
// 422; a wallet blocklisted after placement is held before any transaction.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { jest } from '@jest/globals';
import pg from 'pg';
import { getAddress, maxUint256, parseAbiItem, parseEventLogs, parseUnits, zeroAddress, type Address } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import { fundSettlementAbi, fundTokenAbi, testStablecoinAbi, testStablecoinBytecode } from '../../libs/chain/abis/generated/index.js';
import { expectProblem, expectStatus, newIdempotencyKey } from './support/api-client.js';
import type { ApiClient, Json } from './support/api-client.js';
import { sendStablecoin, signPermit } from './support/stablecoin.js';
import { connectChain, newAccount } from './support/chain.js';
import type { TestChain } from './support/chain.js';
import { poll } from './support/poll.js';
import { reconciliationPast } from './support/reconciliation.js';
import { Platform, activeFund, verifiedInvestor, waitForOrderSettled } from './support/platform.js';

jest.setTimeout(180_000);

const transferEvent = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');
const usd = (amount: string) => parseUnits(amount, 6);

describe('stablecoin settlement, atomic against the units', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuer: ApiClient;
  let distributor: ApiClient;
  let distributorId: string;
  let fund: Json;
  let stablecoin: Json;
  let stablecoinAddress: Address;
  let settlement: Address;
  const deployer = newAccount();
  const treasury = newAccount();

  async function balanceOf(token: Address, owner: Address): Promise<bigint> {
    return chain.publicClient.readContract({ address: token, abi: testStablecoinAbi, functionName: 'balanceOf', args: [owner] }) as Promise<bigint>;
  }

  async function unitsOf(owner: Address): Promise<bigint> {
    return chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [owner] }) as Promise<bigint>;
  }

  const send = (account: PrivateKeyAccount, functionName: 'mint' | 'approve', args: readonly [Address, bigint]) => sendStablecoin(chain, account, stablecoinAddress, functionName, args);

  /** A verified investor of the distributor whose wallet holds `balance` of the stablecoin. */
  async function payingInvestor(balance: string): Promise<{ account: PrivateKeyAccount; investor: Json; wallet: Json }> {
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    if (balance !== '0') await send(deployer, 'mint', [account.address, usd(balance)]);
    return { account, investor, wallet };
  }

  function stablecoinSubscription(investor: Json, wallet: Json, amount: string): Record<string, unknown> {
    return { type: 'SUBSCRIPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount, payment: { method: 'STABLECOIN', stablecoinId: stablecoin.id } };
  }

  async function place(body: Record<string, unknown>): Promise<Json> {
    const res = await distributor.post('/v1/orders', body, { idempotencyKey: newIdempotencyKey() });
    expectStatus(res, 201);
    return res.body;
  }

  beforeAll(async () => {
    chain = connectChain(platform.state);
    const issuerOrg = await platform.issuer();
    const distributorOrg = await platform.distributor();
    issuer = issuerOrg.client;
    distributor = distributorOrg.client;
    distributorId = distributorOrg.id;
    fund = await activeFund(issuer, [distributorId], { currency: 'USD', minSubscription: '100.00', name: 'USD Liquidity Fund', symbol: `USDL${Date.now() % 10_000}` });
    await chain.fundGas(deployer.address);
    await chain.fundGas(treasury.address);
    const hash = await chain.walletClientFor(deployer).deployContract({ account: deployer, chain: chain.chain, abi: testStablecoinAbi, bytecode: testStablecoinBytecode, args: ['Test USD', 'TUSD', 6] });
    stablecoinAddress = getAddress((await chain.publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
  });

  it('should find the test stablecoin npm start deployed and registered on the local chain, and fund a wallet from the faucet', async () => {
    const list = await platform.admin.get('/v1/stablecoins');
    const local = list.body.items.find((item: Json) => item.licence === 'LOCAL-TEST');
    const recipient = newAccount().address;

    expect(local).toMatchObject({ symbol: 'TUSD', decimals: 6, chainId: platform.state.chainId, address: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/faucet.ts', recipient, '250.5'], {
      env: { ...process.env, FAUCET_API_URL: platform.state.baseUrl, PLATFORM_ADMIN_KEY: platform.state.adminKey, CHAIN_RPC_URL: platform.state.rpcUrl },
    });
    expect(stdout).toContain(`sent 250.5 TUSD`);
    expect(await balanceOf(local.address, recipient)).toBe(usd('250.5'));
    expect(await chain.publicClient.getBalance({ address: recipient })).toBeGreaterThan(0n);
  });

  it('should refuse to register an address that is no contract, or a coin with other decimals than it has (422)', async () => {
    const notContract = await platform.admin.post('/v1/stablecoins', { chainId: platform.state.chainId, address: newAccount().address, symbol: 'NONE', decimals: 6, issuer: 'Nobody' });
    const wrongDecimals = await platform.admin.post('/v1/stablecoins', { chainId: platform.state.chainId, address: stablecoinAddress, symbol: 'TUSD', decimals: 18, issuer: 'Test Issuer' });
    const byIssuer = await issuer.post('/v1/stablecoins', { chainId: platform.state.chainId, address: stablecoinAddress, symbol: 'TUSD', decimals: 6, issuer: 'Test Issuer' });

    expectProblem(notContract, 422, 'STABLECOIN_NOT_ON_CHAIN');
    expectProblem(wrongDecimals, 422, 'STABLECOIN_NOT_ON_CHAIN');
    expectProblem(byIssuer, 403, 'FORBIDDEN');
  });

  it('should let the admin register the stablecoin once, and list it', async () => {
    const body = { chainId: platform.state.chainId, address: stablecoinAddress.toLowerCase(), symbol: 'TUSD', decimals: 6, issuer: 'Test Issuer Ltd', licence: 'LOCAL-TEST-1' };
    const created = await platform.admin.post('/v1/stablecoins', body);
    const again = await platform.admin.post('/v1/stablecoins', body);
    const list = await distributor.get('/v1/stablecoins');

    expectStatus(created, 201);
    expect(created.body).toMatchObject({ id: expect.any(String), chainId: platform.state.chainId, address: stablecoinAddress, symbol: 'TUSD', decimals: 6, issuer: 'Test Issuer Ltd', licence: 'LOCAL-TEST-1' });
    expectProblem(again, 409, 'STABLECOIN_ALREADY_REGISTERED');
    expectStatus(list, 200);
    expect(list.body.items.map((item: Json) => item.id)).toContain(created.body.id);
    stablecoin = created.body;
  });

  it("should let the fund's issuer enable it with a treasury and caps, set on the settlement contract by a job", async () => {
    const other = await platform.issuer();
    const body = { treasury: treasury.address, instantRedemptionDailyCap: '1000', instantRedemptionPerInvestorDailyCap: '300' };
    const foreign = await other.client.put(`/v1/funds/${fund.id}/stablecoins/${stablecoin.id}`, body);
    const tooLarge = await issuer.put(`/v1/funds/${fund.id}/stablecoins/${stablecoin.id}`, { ...body, instantRedemptionDailyCap: '99999999999999999999999' });
    const put = await issuer.put(`/v1/funds/${fund.id}/stablecoins/${stablecoin.id}`, body);

    expectProblem(foreign, 404, 'FUND_NOT_FOUND');
    expectProblem(tooLarge, 422, 'STABLECOIN_SETTINGS_INVALID');
    expectStatus(put, 200);
    expect(put.body).toMatchObject({ fundId: fund.id, stablecoinId: stablecoin.id, status: 'CONFIGURING', treasury: treasury.address, instantRedemptionDailyCap: '1000', instantRedemptionPerInvestorDailyCap: '300' });
    const active = await poll(
      'fund stablecoin ACTIVE',
      () => issuer.get(`/v1/funds/${fund.id}/stablecoins`),
      (res) => res.status !== 200 || ['ACTIVE', 'FAILED'].includes(res.body.items[0]?.status),
    );
    expect(active.body.items).toEqual([expect.objectContaining({ status: 'ACTIVE', settlementContract: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/), txHash: expect.any(String) })]);
    settlement = getAddress(active.body.items[0].settlementContract);
    // What the contract enforces is what was stored: the caps in base units, the treasury.
    const today = await chain.publicClient.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'fundRedeemedToday', args: [fund.tokenAddress, stablecoinAddress] });
    expect(today).toEqual([0n, usd('1000')]);
    // The treasury pays instant redemptions from its allowance to the settlement contract.
    await send(deployer, 'mint', [treasury.address, usd('100000')]);
    await send(treasury, 'approve', [settlement, maxUint256]);
  });

  it('should settle a permit subscription in ONE transaction: stablecoin down, units up, no issuer confirmation', async () => {
    const { account, investor, wallet } = await payingInvestor('5000');
    const treasuryBefore = await balanceOf(stablecoinAddress, treasury.address);
    const order = await place(stablecoinSubscription(investor, wallet, '1000.00'));

    expect(order).toMatchObject({ status: 'AWAITING_PAYMENT', payment: { method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: '1000000000', txHash: null } });
    expect(order.paymentAuthorization).toMatchObject({
      kind: 'EIP2612_PERMIT',
      typedData: { primaryType: 'Permit', domain: { name: 'Test USD', version: '1', chainId: platform.state.chainId, verifyingContract: stablecoinAddress }, message: { owner: account.address, spender: settlement, value: '1000000000', nonce: '0' } },
    });
    const authorized = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { signature: await signPermit(account, order.paymentAuthorization.typedData) });
    expectStatus(authorized, 200);
    expect(authorized.body.status).toBe('MINTING');

    const settled = await waitForOrderSettled(distributor, order.id);
    expect(settled.events.map((event: Json) => event.to)).toEqual(['RECEIVED', 'AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'MINTING', 'SETTLED']);
    expect(settled).toMatchObject({ units: '1000.000000', txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), paymentReference: null });
    expect(settled.payment).toEqual({ method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: '1000000000', txHash: settled.txHash });
    expect(await balanceOf(stablecoinAddress, account.address)).toBe(usd('4000'));
    expect(await balanceOf(stablecoinAddress, treasury.address)).toBe(treasuryBefore + usd('1000'));
    expect(await unitsOf(account.address)).toBe(usd('1000'));
    // Both legs are Transfer events of the one transaction.
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: settled.txHash });
    const transfers = parseEventLogs({ abi: [transferEvent], logs: receipt.logs }).map((log) => [getAddress(log.address), log.args.from, log.args.to, log.args.value]);
    expect(transfers).toEqual(
      expect.arrayContaining([
        [getAddress(fund.tokenAddress), zeroAddress, account.address, usd('1000')],
        [stablecoinAddress, account.address, treasury.address, usd('1000')],
      ]),
    );
    // The chain indexer records the stablecoin leg of the fund's settlement.
    const url = new URL(platform.state.maintenanceDatabaseUrl);
    url.pathname = `/${platform.state.databaseName}`;
    const db = new pg.Client({ connectionString: url.href });
    await db.connect();
    try {
      const legs = await poll(
        'the stablecoin leg indexed',
        async () => (await db.query('SELECT kind, fund_id, payer, payee, amount::text, units::text, stablecoin FROM stablecoin_legs WHERE tx_hash = $1', [settled.txHash])).rows,
        (rows) => rows.length > 0,
      );
      expect(legs).toEqual([{ kind: 'SUBSCRIBED', fund_id: fund.id, payer: account.address, payee: treasury.address, amount: '1000000000', units: '1000000000', stablecoin: stablecoinAddress }]);
    } finally {
      await db.end();
    }
  });

  it('should settle a subscription the wallet approved itself (APPROVAL), and refuse one whose approval is too small', async () => {
    const { account, investor, wallet } = await payingInvestor('600');
    await chain.fundGas(account.address);
    await send(account, 'approve', [settlement, usd('100')]);
    const order = await place(stablecoinSubscription(investor, wallet, '500.00'));

    const tooSmall = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { method: 'APPROVAL' });
    expectProblem(tooSmall, 422, 'PAYMENT_NOT_AUTHORIZED');
    await send(account, 'approve', [settlement, usd('500')]);
    const authorized = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { method: 'APPROVAL' });

    expectStatus(authorized, 200);
    const settled = await waitForOrderSettled(distributor, order.id);
    expect(settled.payment).toMatchObject({ amount: '500000000', txHash: settled.txHash });
    expect(await balanceOf(stablecoinAddress, account.address)).toBe(usd('100'));
    expect(await unitsOf(account.address)).toBe(usd('500'));
  });

  it('should refuse a subscription with too little stablecoin (422) and move nothing', async () => {
    const { account, investor, wallet } = await payingInvestor('100');
    const order = await place(stablecoinSubscription(investor, wallet, '1000.00'));

    const refused = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { signature: await signPermit(account, order.paymentAuthorization.typedData) });

    expectProblem(refused, 422, 'INSUFFICIENT_STABLECOIN_BALANCE');
    const after = await distributor.get(`/v1/orders/${order.id}`);
    expect(after.body).toMatchObject({ status: 'AWAITING_PAYMENT', txHash: null, payment: { txHash: null } });
    expect(await balanceOf(stablecoinAddress, account.address)).toBe(usd('100'));
    expect(await unitsOf(account.address)).toBe(0n);
  });

  it('should refuse a signature that is not the investor wallet permit for the order (422)', async () => {
    const { investor, wallet } = await payingInvestor('2000');
    const order = await place(stablecoinSubscription(investor, wallet, '1000.00'));

    const forged = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { signature: await signPermit(newAccount(), order.paymentAuthorization.typedData) });
    const malformed = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { signature: '0x1234' });

    expectProblem(forged, 422, 'PAYMENT_NOT_AUTHORIZED');
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect((await distributor.get(`/v1/orders/${order.id}`)).body.status).toBe('AWAITING_PAYMENT');
  });

  it('should settle an instant stablecoin redemption within the caps and refuse one over them (422)', async () => {
    const { account, investor, wallet } = await payingInvestor('1000');
    const subscription = await place(stablecoinSubscription(investor, wallet, '1000.00'));
    expectStatus(await distributor.post(`/v1/orders/${subscription.id}/payment-authorization`, { signature: await signPermit(account, subscription.paymentAuthorization.typedData) }), 200);
    await waitForOrderSettled(distributor, subscription.id);
    const payout = { method: 'STABLECOIN', stablecoinId: stablecoin.id, instant: true };
    const redemption = (units: string) => ({ type: 'REDEMPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, units, payout });
    const treasuryBefore = await balanceOf(stablecoinAddress, treasury.address);

    const placed = await place(redemption('200'));
    expect(placed).toMatchObject({ status: 'BURNING', payment: { method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: '200000000', instant: true } });
    const settled = await waitForOrderSettled(distributor, placed.id);
    const over = await distributor.post('/v1/orders', redemption('101'), { idempotencyKey: newIdempotencyKey() });
    const notInstant = await distributor.post('/v1/orders', { ...redemption('10'), payout: { ...payout, instant: false } }, { idempotencyKey: newIdempotencyKey() });

    expect(settled.events.map((event: Json) => event.to)).toEqual(['RECEIVED', 'PRICING', 'BURNING', 'SETTLED']);
    expect(settled.payment).toEqual({ method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: '200000000', txHash: settled.txHash, instant: true });
    expect(await balanceOf(stablecoinAddress, account.address)).toBe(usd('200'));
    expect(await balanceOf(stablecoinAddress, treasury.address)).toBe(treasuryBefore - usd('200'));
    expect(await unitsOf(account.address)).toBe(usd('800'));
    expectProblem(over, 422, 'INSTANT_REDEMPTION_CAP_EXCEEDED');
    expectProblem(notInstant, 400, 'VALIDATION_FAILED');
    expect(await unitsOf(account.address)).toBe(usd('800'));
  });

  it('should fail an instant redemption the chain refuses (the treasury withdrew its allowance) with its reason, once, nothing moved', async () => {
    const { account, investor, wallet } = await payingInvestor('500');
    const subscription = await place(stablecoinSubscription(investor, wallet, '500.00'));
    expectStatus(await distributor.post(`/v1/orders/${subscription.id}/payment-authorization`, { signature: await signPermit(account, subscription.paymentAuthorization.typedData) }), 200);
    await waitForOrderSettled(distributor, subscription.id);
    await send(treasury, 'approve', [settlement, 0n]);

    try {
      const placed = await place({ type: 'REDEMPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, units: '50', payout: { method: 'STABLECOIN', stablecoinId: stablecoin.id, instant: true } });
      const failed = await poll(`order ${placed.id} FAILED`, () => distributor.get(`/v1/orders/${placed.id}`), (res) => res.status !== 200 || ['SETTLED', 'FAILED'].includes(res.body.status));

      expect(failed.body).toMatchObject({ status: 'FAILED', failureCode: 'TREASURY_SHORTFALL', txHash: null });
      expect(failed.body.events.at(-1)).toMatchObject({ from: 'BURNING', to: 'FAILED', reason: expect.stringContaining('FundSettlementTreasuryShortfall') });
      expect(await unitsOf(account.address)).toBe(usd('500'));
      expect(await balanceOf(stablecoinAddress, account.address)).toBe(0n);
    } finally {
      await send(treasury, 'approve', [settlement, maxUint256]);
    }
  });

  it('should hold a subscription whose wallet was blocklisted after placement, before any transaction', async () => {
    const { account, investor, wallet } = await payingInvestor('2000');
    const order = await place(stablecoinSubscription(investor, wallet, '1000.00'));
    const officer = await platform.complianceOfficer();
    expectStatus(await officer.post('/v1/kyt/blocklist', { address: account.address, reason: 'designated after placement', source: 'OFAC-SDN' }), 201);

    const authorized = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { signature: await signPermit(account, order.paymentAuthorization.typedData) });

    expectStatus(authorized, 200);
    expect(authorized.body).toMatchObject({ status: 'ON_HOLD', txHash: null, payment: { txHash: null } });
    expect(authorized.body.events.at(-1).reason).toMatch(/BLOCKLIST_MATCH/);
    expect(await balanceOf(stablecoinAddress, account.address)).toBe(usd('2000'));
    expect(await unitsOf(account.address)).toBe(0n);
  });

  it('should refuse an expired permit (422) and move nothing', async () => {
    const { account, investor, wallet } = await payingInvestor('2000');
    const order = await place(stablecoinSubscription(investor, wallet, '1000.00'));
    const signature = await signPermit(account, order.paymentAuthorization.typedData);
    // The contract compares the deadline with the block's time: the chain moves past it.
    await chain.publicClient.request({ method: 'evm_increaseTime' as never, params: [20 * 60] as never });
    await chain.publicClient.request({ method: 'evm_mine' as never, params: [] as never });

    const refused = await distributor.post(`/v1/orders/${order.id}/payment-authorization`, { signature });

    expectProblem(refused, 422, 'PERMIT_EXPIRED');
    expect((await distributor.get(`/v1/orders/${order.id}`)).body).toMatchObject({ status: 'AWAITING_PAYMENT', txHash: null });
    expect(await balanceOf(stablecoinAddress, account.address)).toBe(usd('2000'));
    expect(await unitsOf(account.address)).toBe(0n);
  });

  it("should reconcile the fund's stablecoin legs on chain with the platform's payments: subscriptions, redemptions and refusals, no break", async () => {
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });

    const reconciled = await reconciliationPast(issuer, fund.id, head);

    expect(reconciled.body).toMatchObject({ status: 'COMPLETED', breaks: [] });
  });

  it('should stop accepting the stablecoin when the issuer removes it, on chain too', async () => {
    const { investor, wallet } = await payingInvestor('2000');

    const removed = await issuer.delete(`/v1/funds/${fund.id}/stablecoins/${stablecoin.id}`);
    const again = await issuer.delete(`/v1/funds/${fund.id}/stablecoins/${stablecoin.id}`);

    expect(removed.status).toBe(204);
    expectProblem(again, 422, 'STABLECOIN_NOT_ACCEPTED');
    const refused = await distributor.post('/v1/orders', stablecoinSubscription(investor, wallet, '1000.00'), { idempotencyKey: newIdempotencyKey() });
    expectProblem(refused, 422, 'STABLECOIN_NOT_ACCEPTED');
    expect((await issuer.get(`/v1/funds/${fund.id}/stablecoins`)).body.items[0]).toMatchObject({ stablecoinId: stablecoin.id, status: 'REMOVED' });
    const refusedOnChain = () =>
      chain.publicClient.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'previewSubscribe', args: [fund.tokenAddress, stablecoinAddress, usd('1000')] }).then(
        () => 'accepted',
        (error: Error) => (/FundSettlementStablecoinNotAccepted/.test(String(error)) ? 'not accepted' : String(error)),
      );
    await poll('the settlement contract refuses the stablecoin', refusedOnChain, (state) => state === 'not accepted');
  });
});
