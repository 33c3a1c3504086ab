// The platform spine end to end, over HTTP and on the local chain: from an empty platform to a
// settled subscription whose units are on chain; idempotent order placement; on-chain transfer
// rules; and exactly-once settlement with two worker processes running at once.
import { jest } from '@jest/globals';
import { getAddress, parseAbiItem, parseUnits, zeroAddress } from 'viem';
import type { Address, Hash } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { fundTokenAbi } from '../../libs/chain/abis/generated/index.js';
import { ApiClient, expectNotFound, expectProblem, expectStatus, newIdempotencyKey } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { connectChain, newAccount } from './support/chain.js';
import type { TestChain } from './support/chain.js';
import {
  Platform,
  activeFund,
  confirmPayment,
  fundBody,
  investorBody,
  subscribe,
  subscriptionBody,
  verifiedInvestor,
  waitForFundActive,
  waitForOrderSettled,
  waitForWallet,
} from './support/platform.js';

jest.setTimeout(120_000);

/** 'success' or 'reverted' (mined and reverted, or refused by the node as a revert); anything else is an error text. */
async function onChainOutcome(chain: TestChain, send: () => Promise<Hash>): Promise<string> {
  try {
    const hash = await send();
    return (await chain.publicClient.waitForTransactionReceipt({ hash })).status;
  } catch (err) {
    return /revert/i.test(String(err)) ? 'reverted' : `error: ${String(err)}`;
  }
}

const transferEvent = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');

describe('platform health and documentation', () => {
  const platform = new Platform();

  it('should answer GET /health with every dependency up', async () => {
    const res = await platform.anonymous.get('/health');

    expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: expect.anything(), redis: expect.anything(), chain: expect.anything() } });
  });

  it('should serve the OpenAPI document at /docs-json and its UI at /docs', async () => {
    const json = await platform.anonymous.get('/docs-json');
    const ui = await fetch(`${platform.state.baseUrl}/docs`);

    expectStatus(json, 200);
    expect(json.body.openapi).toEqual(expect.stringMatching(/^3\./));
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/v1/funds', '/v1/orders', '/v1/investors/{id}/wallets']));
    expect(ui.status).toBe(200);
  });

  it('should serve the API process metrics at GET /metrics without a key: HTTP by route, default Node metrics unprefixed, no chain counters', async () => {
    await platform.anonymous.get('/health/live');
    const res = await platform.anonymous.get('/metrics');

    expectStatus(res, 200);
    expect(res.contentType).toMatch(/^text\/plain/);
    for (const family of ['rwa_http_requests_total', 'rwa_http_request_duration_seconds', 'rwa_kyt_provider_calls_total', 'rwa_kyt_provider_breaker_state', 'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']) {
      expect(res.body).toContain(`# TYPE ${family}`);
    }
    expect(res.body).toMatch(/rwa_http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    // Only workers send transactions: the API shows no chain counter it would never increment.
    expect(res.body).not.toContain('rwa_chain_');
    expect(res.body).not.toContain('rwa_process_');
  });

  it('should answer the probes: liveness and readiness with statuses only for an anonymous caller', async () => {
    const live = await platform.anonymous.get('/health/live');
    const ready = await platform.anonymous.get('/health/ready');

    expectStatus(live, 200);
    expect(ready.body).toEqual({ status: 'ok', info: { database: { status: 'up' }, queue: { status: 'up' }, chain: { status: 'up' } }, error: {}, details: { database: { status: 'up' }, queue: { status: 'up' }, chain: { status: 'up' } } });
    const detailed = await platform.admin.get('/health/ready');
    expect(detailed.body.details.chain).toMatchObject({ status: 'up', chainId: 31337 });
  });

  it('should serve the queue dashboard to ADMIN keys only, as bearer or as the Basic password', async () => {
    const issuer = await platform.issuer();
    const anonymous = await fetch(`${platform.state.baseUrl}/admin/queues/api/queues`);
    const notAdmin = await issuer.client.get('/admin/queues/api/queues');
    const admin = await platform.admin.get('/admin/queues/api/queues');
    const basic = await fetch(`${platform.state.baseUrl}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from(`ops:${platform.state.adminKey}`).toString('base64')}` } });

    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    expectProblem(notAdmin, 403, 'FORBIDDEN');
    expectStatus(admin, 200);
    expect(admin.body.queues.map((q: { name: string }) => q.name)).toEqual(['chain']);
    expect(basic.status).toBe(200);
  });

  it('should give every answer an X-Request-Id, keep an acceptable one from the client and quote it in problem bodies', async () => {
    const chosen = `e2e-${Date.now()}`;
    const mine = await fetch(`${platform.state.baseUrl}/v1/funds/not-a-uuid`, { headers: { authorization: `Bearer ${platform.state.adminKey}`, 'x-request-id': chosen } });
    const forged = await fetch(`${platform.state.baseUrl}/v1/me`, { headers: { 'x-request-id': 'bad id with spaces' } });

    expect(mine.headers.get('x-request-id')).toBe(chosen);
    expect(((await mine.json()) as { requestId?: string }).requestId).toBe(chosen);
    expect(forged.status).toBe(401);
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await forged.json()) as { requestId?: string }).requestId).toBe(forged.headers.get('x-request-id'));
  });
});

describe('successful subscription, from an empty platform to units on chain', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuerOrg: Json;
  let distributorOrg: Json;
  let issuer: ApiClient;
  let distributor: ApiClient;
  let fund: Json;
  let investor: Json;
  let wallet: Json;
  let order: Json;
  const account = newAccount();
  const idempotencyKey = newIdempotencyKey();

  beforeAll(() => {
    chain = connectChain(platform.state);
  });

  it('should let the admin see itself as ADMIN of the platform organisation', async () => {
    const me = await platform.admin.get('/v1/me');

    expectStatus(me, 200);
    expect(me.body).toMatchObject({ organizationId: expect.any(String), role: 'ADMIN' });
  });

  it('should let the admin create an issuer and a distributor, each with a key of its role', async () => {
    issuerOrg = await platform.createOrganization('ISSUER', 'Harbour Asset Management');
    distributorOrg = await platform.createOrganization('DISTRIBUTOR', 'Peak Private Bank');
    // ISSUER keys belong to a person (four-eyes rules compare people, issue 11).
    const issuerUser = await platform.createUser(issuerOrg.id, 'ISSUER', 'Mei Chan');
    const issuerKey = await platform.admin.post(`/v1/organizations/${issuerOrg.id}/api-keys`, { label: 'issuer ops', role: 'ISSUER', userId: issuerUser.id });
    const distributorKey = await platform.admin.post(`/v1/organizations/${distributorOrg.id}/api-keys`, { label: 'distributor ops', role: 'DISTRIBUTOR' });

    expect(issuerOrg).toMatchObject({ id: expect.any(String), type: 'ISSUER', name: 'Harbour Asset Management', jurisdiction: 'HK' });
    expect(distributorOrg).toMatchObject({ id: expect.any(String), type: 'DISTRIBUTOR', name: 'Peak Private Bank', jurisdiction: 'HK' });
    expectStatus(issuerKey, 201);
    expect(issuerKey.body).toMatchObject({ id: expect.any(String), role: 'ISSUER', key: expect.any(String) });
    expectStatus(distributorKey, 201);
    expect(distributorKey.body).toMatchObject({ id: expect.any(String), role: 'DISTRIBUTOR', key: expect.any(String) });
    issuer = platform.anonymous.withKey(issuerKey.body.key);
    distributor = platform.anonymous.withKey(distributorKey.body.key);
    const [issuerMe, distributorMe] = await Promise.all([issuer.get('/v1/me'), distributor.get('/v1/me')]);
    expect(issuerMe.body).toEqual({ organizationId: issuerOrg.id, organizationType: 'ISSUER', role: 'ISSUER', userId: issuerUser.id, userName: 'Mei Chan' });
    expect(distributorMe.body).toEqual({ organizationId: distributorOrg.id, organizationType: 'DISTRIBUTOR', role: 'DISTRIBUTOR', userId: null, userName: null });
  });

  it('should create a fund that is deployed on chain and turns ACTIVE with its token address', async () => {
    const body = fundBody();
    const created = await issuer.post('/v1/funds', body);

    expectStatus(created, 202);
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'PENDING_DEPLOYMENT', symbol: body.symbol, currency: 'HKD' });
    fund = await waitForFundActive(issuer, created.body.id);
    expect(fund).toMatchObject({ id: created.body.id, status: 'ACTIVE', chainId: platform.state.chainId, tokenAddress: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
    const code = await chain.publicClient.getCode({ address: fund.tokenAddress });
    expect(code !== undefined && code.length > 2).toBe(true);
    const decimals = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'decimals' });
    expect(Number(decimals)).toBe(6);
  });

  it('should shelve the distributor, which then sees the fund', async () => {
    const before = await distributor.get(`/v1/funds/${fund.id}`);
    const shelved = await issuer.put(`/v1/funds/${fund.id}/distributors/${distributorOrg.id}`);
    const after = await distributor.get(`/v1/funds/${fund.id}`);
    const list = await distributor.get('/v1/funds');

    expectNotFound(before, 'FUND');
    expectStatus(shelved, 200);
    expect(shelved.body).toMatchObject({ fundId: fund.id, distributorId: distributorOrg.id, status: 'ACTIVE' });
    expectStatus(after, 200);
    expect(after.body).toMatchObject({ id: fund.id, status: 'ACTIVE', tokenAddress: fund.tokenAddress });
    expectStatus(list, 200);
    expect(list.body.items.map((f: Json) => f.id)).toContain(fund.id);
  });

  it('should let the distributor create an investor', async () => {
    const body = investorBody();
    const res = await distributor.post('/v1/investors', body);

    expectStatus(res, 201);
    expect(res.body).toMatchObject({ id: expect.any(String), externalRef: body.externalRef, jurisdiction: 'HK', investorClass: 'PROFESSIONAL', kycStatus: 'APPROVED' });
    investor = res.body;
  });

  it('should bind a wallet proven by an EIP-4361 signature, which becomes VERIFIED and registered on chain', async () => {
    const challenge = await distributor.post(`/v1/investors/${investor.id}/wallet-challenges`, { address: account.address, chainId: platform.state.chainId });
    expectStatus(challenge, 201);
    expect(challenge.body).toMatchObject({ challengeId: expect.any(String), message: expect.any(String), expiresAt: expect.any(String) });
    const siwe = parseSiweMessage(challenge.body.message);
    expect(siwe).toMatchObject({ address: getAddress(account.address), chainId: platform.state.chainId, nonce: expect.any(String), expirationTime: expect.any(Date) });

    const signature = await account.signMessage({ message: challenge.body.message });
    const bound = await distributor.post(`/v1/investors/${investor.id}/wallets`, { challengeId: challenge.body.challengeId, signature });

    expectStatus(bound, 201);
    expect(bound.body).toMatchObject({ id: expect.any(String), status: 'PENDING_SCREENING' });
    expect(getAddress(bound.body.address)).toBe(account.address);
    wallet = await waitForWallet(distributor, bound.body.id, 'VERIFIED', 'REGISTERED');
    expect(wallet).toMatchObject({ id: bound.body.id, investorId: investor.id, chainId: platform.state.chainId, frozen: false });
  });

  it('should place a subscription with an Idempotency-Key, AWAITING_PAYMENT', async () => {
    const res = await distributor.post('/v1/orders', subscriptionBody({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '10000.00' }), { idempotencyKey });

    expectStatus(res, 201);
    expect(res.body).toMatchObject({ id: expect.any(String), type: 'SUBSCRIPTION', status: 'AWAITING_PAYMENT', amount: '10000.00' });
    order = res.body;
  });

  it('should answer the same key and body again with the same order, and the same key with another body with 409', async () => {
    const body = subscriptionBody({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '10000.00' });
    const again = await distributor.post('/v1/orders', body, { idempotencyKey });
    const other = await distributor.post('/v1/orders', { ...body, amount: '20000.00' }, { idempotencyKey });
    const list = await distributor.get(`/v1/orders?fundId=${fund.id}`);

    expectStatus(again, 201);
    expect(again.body).toEqual(order);
    expectProblem(other, 409, 'IDEMPOTENCY_KEY_REUSED');
    expectStatus(list, 200);
    expect(list.body.items.map((o: Json) => o.id)).toEqual([order.id]);
  });

  it('should settle the order once the issuer confirms payment, minting its units at NAV to the wallet', async () => {
    const confirmed = await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: 'HKD-WIRE-0001' });
    expectStatus(confirmed, 200);

    const settled = await waitForOrderSettled(distributor, order.id);

    expect(settled).toMatchObject({ id: order.id, status: 'SETTLED', amount: '10000.00', units: '10000.000000', nav: '1.000000', txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    const statuses = settled.events.map((e: Json) => e.to).filter((s: string) => ['AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'MINTING', 'SETTLED'].includes(s));
    expect(statuses).toEqual(['AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'MINTING', 'SETTLED']);
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: settled.txHash });
    expect(receipt.status).toBe('success');
    const balance = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] });
    expect(balance).toBe(parseUnits(settled.units, fund.unitDecimals ?? 6));
    const issuerView = await issuer.get(`/v1/orders/${order.id}`);
    expectStatus(issuerView, 200);
    expect(issuerView.body).toMatchObject({ id: order.id, status: 'SETTLED', units: '10000.000000' });
  });
});

describe('successful and reverted token transfers between wallets on chain', () => {
  const platform = new Platform();
  let chain: TestChain;
  let fund: Json;
  const holder = newAccount();
  const verifiedRecipient = newAccount();
  const unverifiedRecipient = newAccount();

  beforeAll(async () => {
    chain = connectChain(platform.state);
    const issuer = await platform.issuer();
    const distributor = await platform.distributor();
    fund = await activeFund(issuer.client, [distributor.id]);
    const first = await verifiedInvestor(distributor.client, holder, platform.state.chainId);
    await verifiedInvestor(distributor.client, verifiedRecipient, platform.state.chainId, { investorClass: 'INSTITUTIONAL', type: 'INSTITUTION' });
    const order = await subscribe(distributor.client, { fundId: fund.id, investorId: first.investor.id, walletId: first.wallet.id, amount: '5000.00' });
    await confirmPayment(issuer.client, order.id);
    await waitForOrderSettled(distributor.client, order.id);
    await chain.fundGas(holder.address);
  });

  const balanceOf = (address: Address) =>
    chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [address] });

  it('should revert a transfer from an investor wallet to an unverified address', async () => {
    const amount = parseUnits('100', 6);
    const restriction = await chain.publicClient.readContract({
      address: fund.tokenAddress,
      abi: fundTokenAbi,
      functionName: 'detectTransferRestriction',
      args: [holder.address, unverifiedRecipient.address, amount],
    });

    await expect(
      chain.publicClient.simulateContract({ account: holder, address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'transfer', args: [unverifiedRecipient.address, amount] }),
    ).rejects.toThrow(/revert/i);
    const wallet = chain.walletClientFor(holder);
    const outcome = await onChainOutcome(chain, () =>
      wallet.writeContract({ account: holder, chain: chain.chain, address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'transfer', args: [unverifiedRecipient.address, amount], gas: 200_000n }),
    );
    expect(outcome).toBe('reverted');
    expect(Number(restriction)).toBe(5); // RECIPIENT_NOT_VERIFIED
    expect(await balanceOf(unverifiedRecipient.address)).toBe(0n);
    expect(await balanceOf(holder.address)).toBe(parseUnits('5000', 6));
  });

  it('should transfer units from an investor wallet to another verified, eligible wallet', async () => {
    const amount = parseUnits('1234.5', 6);
    const wallet = chain.walletClientFor(holder);

    const hash = await wallet.writeContract({ account: holder, chain: chain.chain, address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'transfer', args: [verifiedRecipient.address, amount] });
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });

    expect(receipt.status).toBe('success');
    expect(await balanceOf(verifiedRecipient.address)).toBe(amount);
    expect(await balanceOf(holder.address)).toBe(parseUnits('5000', 6) - amount);
  });
});

describe('successful settlement with two worker processes: every order exactly once', () => {
  const platform = new Platform();
  const ORDERS_PER_WALLET = 5;
  const accounts = [newAccount(), newAccount(), newAccount()];

  it('should settle every order, each minted exactly once on chain', async () => {
    const chain = connectChain(platform.state);
    const issuer = await platform.issuer();
    const distributor = await platform.distributor();
    const fund = await activeFund(issuer.client, [distributor.id]);
    const holders = await Promise.all(accounts.map((account) => verifiedInvestor(distributor.client, account, platform.state.chainId)));
    const fromBlock = await chain.publicClient.getBlockNumber();

    const orders: { order: Json; address: Address; amount: string }[] = [];
    for (const [i, holder] of holders.entries()) {
      for (let n = 1; n <= ORDERS_PER_WALLET; n += 1) {
        const amount = `${1000 + 100 * n + i}.00`;
        const order = await subscribe(distributor.client, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount });
        orders.push({ order, address: accounts[i].address, amount });
      }
    }
    await Promise.all(orders.map(({ order }) => confirmPayment(issuer.client, order.id)));
    const settled = await Promise.all(orders.map(({ order }) => waitForOrderSettled(distributor.client, order.id, 90_000)));

    for (const [i, order] of settled.entries()) {
      expect({ id: order.id, status: order.status, units: order.units }).toEqual({ id: orders[i].order.id, status: 'SETTLED', units: `${orders[i].amount.slice(0, -3)}.000000` });
      expect(order.events.filter((e: Json) => e.to === 'SETTLED')).toHaveLength(1);
    }
    const mints = await chain.publicClient.getLogs({ address: fund.tokenAddress, event: transferEvent, args: { from: zeroAddress }, fromBlock, toBlock: 'latest' });
    expect(mints).toHaveLength(orders.length);
    for (const account of accounts) {
      const expected = orders.filter((o) => o.address === account.address).reduce((sum, o) => sum + parseUnits(o.amount, 6), 0n);
      const minted = mints.filter((log) => getAddress(log.args.to!) === account.address).reduce((sum, log) => sum + log.args.value!, 0n);
      const balance = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] });
      expect({ account: account.address, minted, balance }).toEqual({ account: account.address, minted: expected, balance: expected });
    }
  });
});
