// The platform spine end to end, over HTTP and on the local chain: from an empty platform to a
// settled subscription whose units are on chain; idempotent order placement; on-chain transfer
// rules; and exactly-once settlement with two worker processes running at once.
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { getAddress, parseAbiItem, parseUnits, zeroAddress } from 'viem';
import type { Address, Hash } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { fundTokenAbi } from '../../libs/chain/abis/generated/index.js';
import { expectProblem, expectStatus, newIdempotencyKey } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { connectChain, newAccount } from './support/chain.js';
import type { TestChain } from './support/chain.js';
import { Platform, activeFund, confirmPayment, fundBody, investorBody, subscribe, subscriptionBody, verifiedInvestor, waitForOrderSettled } from './support/platform.js';
import { poll } from './support/poll.js';
import { answerProblems, typedClient } from './support/typed-client.js';
import type { PlatformClient, Schemas } from '../../clients/typescript/client.js';

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
    // The committed document (npm run openapi), which clients/typescript is generated from.
    expect(json.body).toEqual(JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')));
  });

  it('should find an answer the document does not describe: a missing field, a wrong format, an undocumented status', () => {
    const fund = { id: '5f0c7a8e-0d5c-4e0b-9a57-2f5b1f3c9d11', status: 'ACTIVE' };

    expect(answerProblems('GET', '/v1/funds/{id}', 200, 'application/json', fund)).toEqual(expect.arrayContaining([expect.stringMatching(/must have required property 'issuerId'/)]));
    expect(answerProblems('GET', '/v1/funds/{id}', 200, 'application/json', { ...fund, id: 'not-a-uuid' })).toEqual(expect.arrayContaining([expect.stringMatching(/\/id must match format "uuid"/)]));
    expect(answerProblems('GET', '/v1/funds/{id}', 418, 'application/json', {})).toEqual([expect.stringMatching(/answered 418, which openapi.json does not document/)]);
    expect(answerProblems('GET', '/v1/funds/{id}', 404, 'application/problem+json', { type: '/problems/fund-not-found', title: 'Fund not found', status: 404, code: 'FUND_NOT_FOUND', detail: 'x' })).toEqual([]);
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
  // The main flow goes through the generated client (clients/typescript): a request the document
  // does not describe fails to compile, an answer it does not describe fails the test.
  const platform = new Platform();
  const admin = typedClient(platform.state.baseUrl, platform.state.adminKey);
  let chain: TestChain;
  let issuerOrg: Schemas['OrganizationResponseDto'];
  let distributorOrg: Schemas['OrganizationResponseDto'];
  let issuer: PlatformClient;
  let distributor: PlatformClient;
  let fund: Schemas['FundResponseDto'];
  let investor: Schemas['InvestorResponseDto'];
  let wallet: Schemas['WalletResponseDto'];
  let order: Schemas['OrderResponseDto'];
  const account = newAccount();
  const idempotencyKey = newIdempotencyKey();
  const withKey = (key: string) => ({ header: { 'Idempotency-Key': key } });

  beforeAll(() => {
    chain = connectChain(platform.state);
  });

  it('should let the admin see itself as ADMIN of the platform organisation', async () => {
    const me = await admin.GET('/v1/me');

    expect(me.response.status).toBe(200);
    expect(me.data).toMatchObject({ organizationId: expect.any(String), role: 'ADMIN' });
  });

  it('should let the admin create an issuer and a distributor, each with a key of its role', async () => {
    const organization = async (type: 'ISSUER' | 'DISTRIBUTOR', name: string) => {
      const created = await admin.POST('/v1/organizations', { body: { type, name, jurisdiction: 'HK' }, params: withKey(newIdempotencyKey()) });
      expect(created.response.status).toBe(201);
      return created.data!;
    };
    issuerOrg = await organization('ISSUER', 'Harbour Asset Management');
    distributorOrg = await organization('DISTRIBUTOR', 'Peak Private Bank');
    // ISSUER keys belong to a person (four-eyes rules compare people, issue 11).
    const issuerUser = await admin.POST('/v1/organizations/{orgId}/users', {
      params: { path: { orgId: issuerOrg.id }, ...withKey(newIdempotencyKey()) },
      body: { name: 'Mei Chan', email: `mei.chan.${newIdempotencyKey().slice(0, 8)}@harbour.example`, role: 'ISSUER' },
    });
    expect(issuerUser.response.status).toBe(201);
    const issuerKey = await admin.POST('/v1/organizations/{orgId}/api-keys', {
      params: { path: { orgId: issuerOrg.id }, ...withKey(newIdempotencyKey()) },
      body: { label: 'issuer ops', role: 'ISSUER', userId: issuerUser.data!.id },
    });
    const distributorKey = await admin.POST('/v1/organizations/{orgId}/api-keys', { params: { path: { orgId: distributorOrg.id }, ...withKey(newIdempotencyKey()) }, body: { label: 'distributor ops', role: 'DISTRIBUTOR' } });

    expect(issuerOrg).toMatchObject({ id: expect.any(String), type: 'ISSUER', name: 'Harbour Asset Management', jurisdiction: 'HK' });
    expect(distributorOrg).toMatchObject({ id: expect.any(String), type: 'DISTRIBUTOR', name: 'Peak Private Bank', jurisdiction: 'HK' });
    expect(issuerKey.response.status).toBe(201);
    expect(issuerKey.data).toMatchObject({ id: expect.any(String), role: 'ISSUER', key: expect.any(String) });
    expect(distributorKey.response.status).toBe(201);
    expect(distributorKey.data).toMatchObject({ id: expect.any(String), role: 'DISTRIBUTOR', key: expect.any(String) });
    issuer = typedClient(platform.state.baseUrl, issuerKey.data!.key);
    distributor = typedClient(platform.state.baseUrl, distributorKey.data!.key);
    const [issuerMe, distributorMe] = await Promise.all([issuer.GET('/v1/me'), distributor.GET('/v1/me')]);
    expect(issuerMe.data).toEqual({ organizationId: issuerOrg.id, organizationType: 'ISSUER', role: 'ISSUER', userId: issuerUser.data!.id, userName: 'Mei Chan' });
    expect(distributorMe.data).toEqual({ organizationId: distributorOrg.id, organizationType: 'DISTRIBUTOR', role: 'DISTRIBUTOR', userId: null, userName: null });
  });

  it('should create a fund that is deployed on chain and turns ACTIVE with its token address', async () => {
    const body = fundBody() as Schemas['CreateFundRequestDto'];
    const created = await issuer.POST('/v1/funds', { body, params: withKey(newIdempotencyKey()) });

    expect(created.response.status).toBe(202);
    expect(created.data).toMatchObject({ id: expect.any(String), status: 'PENDING_DEPLOYMENT', symbol: body.symbol, currency: 'HKD' });
    const active = await poll(
      `fund ${created.data!.id} ACTIVE`,
      () => issuer.GET('/v1/funds/{id}', { params: { path: { id: created.data!.id } } }),
      (r) => r.data?.status !== 'PENDING_DEPLOYMENT',
    );
    fund = active.data!;
    expect(fund).toMatchObject({ id: created.data!.id, status: 'ACTIVE', chainId: platform.state.chainId, tokenAddress: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
    const tokenAddress = fund.tokenAddress as Address;
    const code = await chain.publicClient.getCode({ address: tokenAddress });
    expect(code !== undefined && code.length > 2).toBe(true);
    const decimals = await chain.publicClient.readContract({ address: tokenAddress, abi: fundTokenAbi, functionName: 'decimals' });
    expect(Number(decimals)).toBe(6);
  });

  it('should shelve the distributor, which then sees the fund', async () => {
    const before = await distributor.GET('/v1/funds/{id}', { params: { path: { id: fund.id } } });
    const shelved = await issuer.PUT('/v1/funds/{id}/distributors/{distributorId}', { params: { path: { id: fund.id, distributorId: distributorOrg.id } } });
    const after = await distributor.GET('/v1/funds/{id}', { params: { path: { id: fund.id } } });
    const list = await distributor.GET('/v1/funds');

    expect({ status: before.response.status, code: before.error?.code }).toEqual({ status: 404, code: 'FUND_NOT_FOUND' });
    expect(shelved.response.status).toBe(200);
    expect(shelved.data).toMatchObject({ fundId: fund.id, distributorId: distributorOrg.id, status: 'ACTIVE' });
    expect(after.response.status).toBe(200);
    expect(after.data).toMatchObject({ id: fund.id, status: 'ACTIVE', tokenAddress: fund.tokenAddress });
    expect(list.response.status).toBe(200);
    expect(list.data!.items.map((f) => f.id)).toContain(fund.id);
  });

  it('should let the distributor create an investor', async () => {
    const body = investorBody() as Schemas['CreateInvestorRequestDto'];
    const res = await distributor.POST('/v1/investors', { body, params: withKey(newIdempotencyKey()) });

    expect(res.response.status).toBe(201);
    expect(res.data).toMatchObject({ id: expect.any(String), externalRef: body.externalRef, jurisdiction: 'HK', investorClass: 'PROFESSIONAL', kycStatus: 'APPROVED' });
    investor = res.data!;
  });

  it('should bind a wallet proven by an EIP-4361 signature, which becomes VERIFIED and registered on chain', async () => {
    const challenge = await distributor.POST('/v1/investors/{id}/wallet-challenges', {
      params: { path: { id: investor.id }, ...withKey(newIdempotencyKey()) },
      body: { address: account.address, chainId: platform.state.chainId },
    });
    expect(challenge.response.status).toBe(201);
    expect(challenge.data).toMatchObject({ challengeId: expect.any(String), message: expect.any(String), expiresAt: expect.any(String) });
    const siwe = parseSiweMessage(challenge.data!.message);
    expect(siwe).toMatchObject({ address: getAddress(account.address), chainId: platform.state.chainId, nonce: expect.any(String), expirationTime: expect.any(Date) });

    const signature = await account.signMessage({ message: challenge.data!.message });
    const bound = await distributor.POST('/v1/investors/{id}/wallets', { params: { path: { id: investor.id }, ...withKey(newIdempotencyKey()) }, body: { challengeId: challenge.data!.challengeId, signature } });

    expect(bound.response.status).toBe(201);
    expect(bound.data).toMatchObject({ id: expect.any(String), status: 'PENDING_SCREENING' });
    expect(getAddress(bound.data!.address)).toBe(account.address);
    const verified = await poll(
      `wallet ${bound.data!.id} VERIFIED and REGISTERED`,
      () => distributor.GET('/v1/wallets/{id}', { params: { path: { id: bound.data!.id } } }),
      (r) => r.data === undefined || (r.data.status === 'VERIFIED' && r.data.onchain === 'REGISTERED') || ['REJECTED', 'REVOKED'].includes(r.data.status),
    );
    wallet = verified.data!;
    expect(wallet).toMatchObject({ id: bound.data!.id, investorId: investor.id, chainId: platform.state.chainId, status: 'VERIFIED', onchain: 'REGISTERED', frozen: false });
  });

  it('should place a subscription with an Idempotency-Key, AWAITING_PAYMENT', async () => {
    const res = await distributor.POST('/v1/orders', { params: withKey(idempotencyKey), body: subscriptionBody({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '10000.00' }) as Schemas['CreateOrderRequestDto'] });

    expect(res.response.status).toBe(201);
    expect(res.data).toMatchObject({ id: expect.any(String), type: 'SUBSCRIPTION', status: 'AWAITING_PAYMENT', amount: '10000.00' });
    order = res.data!;
  });

  it('should answer the same key and body again with the same order, and the same key with another body with 409', async () => {
    const body = subscriptionBody({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '10000.00' }) as Schemas['CreateOrderRequestDto'];
    const again = await distributor.POST('/v1/orders', { params: withKey(idempotencyKey), body });
    const other = await distributor.POST('/v1/orders', { params: withKey(idempotencyKey), body: { ...body, amount: '20000.00' } });
    const list = await distributor.GET('/v1/orders', { params: { query: { fundId: fund.id } } });

    expect(again.response.status).toBe(201);
    expect(again.data).toEqual(order);
    expect({ status: other.response.status, code: other.error?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(list.response.status).toBe(200);
    expect(list.data!.items.map((o) => o.id)).toEqual([order.id]);
  });

  it('should settle the order once the issuer confirms payment, minting its units at NAV to the wallet', async () => {
    const confirmed = await issuer.POST('/v1/orders/{id}/payment-confirmation', { params: { path: { id: order.id }, ...withKey(newIdempotencyKey()) }, body: { reference: 'HKD-WIRE-0001' } });
    expect(confirmed.response.status).toBe(200);

    const final = await poll(
      `order ${order.id} SETTLED`,
      () => distributor.GET('/v1/orders/{id}', { params: { path: { id: order.id } } }),
      (r) => r.data === undefined || ['SETTLED', 'FAILED', 'REJECTED', 'CANCELLED'].includes(r.data.status),
    );
    const settled = final.data!;

    expect(settled).toMatchObject({ id: order.id, status: 'SETTLED', amount: '10000.00', units: '10000.000000', nav: '1.000000', txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    const statuses = settled.events.map((e) => e.to).filter((s) => s !== null && ['AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'MINTING', 'SETTLED'].includes(s));
    expect(statuses).toEqual(['AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'MINTING', 'SETTLED']);
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: settled.txHash as Hash });
    expect(receipt.status).toBe('success');
    const balance = await chain.publicClient.readContract({ address: fund.tokenAddress as Address, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] });
    expect(balance).toBe(parseUnits(settled.units!, fund.unitDecimals));
    const issuerView = await issuer.GET('/v1/orders/{id}', { params: { path: { id: order.id } } });
    expect(issuerView.response.status).toBe(200);
    expect(issuerView.data).toMatchObject({ id: order.id, status: 'SETTLED', units: '10000.000000' });
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
