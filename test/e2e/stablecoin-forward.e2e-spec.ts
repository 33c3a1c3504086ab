// Stablecoin subscriptions of a FORWARD fund over HTTP on the local chain (ERC-7540-style requests):
// the stablecoin goes into the settlement contract's escrow when the wallet's permit is posted, no
// units yet; the dealing day's NAV, published after the cut-off, strikes the day on chain and the
// request is minted at it, its cost paid to the treasury and the remainder refunded, in one
// transaction; a request cancelled before the cut-off is refunded from escrow in full.
import { jest } from '@jest/globals';
import { getAddress, maxUint256, parseUnits, type Address } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import { fundTokenAbi, testStablecoinAbi, testStablecoinBytecode } from '../../libs/chain/abis/generated/index.js';
import { expectStatus, newIdempotencyKey, type ApiClient, type Json } from './support/api-client.js';
import { sendStablecoin, signPermit } from './support/stablecoin.js';
import { connectChain, newAccount, type TestChain } from './support/chain.js';
import { daytimeZone, everyDayCalendar, localNow, localTimePlus, waitForOrder } from './support/fund-operations.js';
import { poll } from './support/poll.js';
import { reconciliationPast } from './support/reconciliation.js';
import { Platform, activeFund, uniqueSuffix, verifiedInvestor, waitForOrderSettled } from './support/platform.js';

jest.setTimeout(240_000);

const usd = (amount: string) => parseUnits(amount, 6);
const UNIT_DECIMALS = 6n;
const NAV_SCALE = 10n ** 8n;

describe('stablecoin settlement of a FORWARD fund', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuer: ApiClient;
  let distributor: ApiClient;
  let fund: Json;
  let stablecoin: Json;
  let stablecoinAddress: Address;
  let settlement: Address;
  let zone: string;
  const deployer = newAccount();
  const treasury = newAccount();

  const balanceOf = (owner: Address) => chain.publicClient.readContract({ address: stablecoinAddress, abi: testStablecoinAbi, functionName: 'balanceOf', args: [owner] }) as Promise<bigint>;
  const unitsOf = (owner: Address) => chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [owner] }) as Promise<bigint>;

  const send = (account: PrivateKeyAccount, functionName: 'mint' | 'approve', args: readonly [Address, bigint]) => sendStablecoin(chain, account, stablecoinAddress, functionName, args);

  /** A verified investor holding `balance` of the stablecoin whose permit subscription of `amount` was posted. */
  async function requested(balance: string, amount: string): Promise<{ account: PrivateKeyAccount; order: Json }> {
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    await send(deployer, 'mint', [account.address, usd(balance)]);
    const placed = await distributor.post(
      '/v1/orders',
      { type: 'SUBSCRIPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount, payment: { method: 'STABLECOIN', stablecoinId: stablecoin.id } },
      { idempotencyKey: newIdempotencyKey() },
    );
    expectStatus(placed, 201);
    expect(placed.body).toMatchObject({ status: 'AWAITING_PAYMENT', dealingDate: localNow(zone).date, paymentAuthorization: { kind: 'EIP2612_PERMIT' } });
    const authorized = await distributor.post(`/v1/orders/${placed.body.id}/payment-authorization`, { signature: await signPermit(account, placed.body.paymentAuthorization.typedData) });
    expectStatus(authorized, 200);
    return { account, order: authorized.body };
  }

  beforeAll(async () => {
    chain = connectChain(platform.state);
    const issuerOrg = await platform.issuer();
    const distributorOrg = await platform.distributor();
    issuer = issuerOrg.client;
    distributor = distributorOrg.client;
    // The cut-off an hour from now, in a zone where that is still today.
    zone = daytimeZone();
    const calendar = await everyDayCalendar(platform.admin);
    fund = await activeFund(issuer, [distributorOrg.id], {
      pricing: 'FORWARD',
      // A NAV well above 1: a unit's last decimal is worth more than a cent's, so the cost of
      // floor(amount / NAV) units leaves a remainder to refund.
      initialNav: '9.8',
      cutOffTime: localTimePlus(zone, 60),
      timezone: zone,
      calendar,
      currency: 'USD',
      minSubscription: '100.00',
      name: 'USD Forward Fund',
      symbol: `USDF${Date.now() % 10_000}`,
    });
    await chain.fundGas(deployer.address);
    await chain.fundGas(treasury.address);
    const hash = await chain.walletClientFor(deployer).deployContract({ account: deployer, chain: chain.chain, abi: testStablecoinAbi, bytecode: testStablecoinBytecode, args: ['Forward USD', 'FUSD', 6] });
    stablecoinAddress = getAddress((await chain.publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
    const registered = await platform.admin.post('/v1/stablecoins', { chainId: platform.state.chainId, address: stablecoinAddress, symbol: 'FUSD', decimals: 6, issuer: 'Forward Test Issuer', licence: `LOCAL-FWD-${uniqueSuffix()}` });
    expectStatus(registered, 201);
    stablecoin = registered.body;
    expectStatus(await issuer.put(`/v1/funds/${fund.id}/stablecoins/${stablecoin.id}`, { treasury: treasury.address, instantRedemptionDailyCap: '0', instantRedemptionPerInvestorDailyCap: '0' }), 200);
    const active = await poll(
      'fund stablecoin ACTIVE',
      () => issuer.get(`/v1/funds/${fund.id}/stablecoins`),
      (res) => res.status !== 200 || ['ACTIVE', 'FAILED'].includes(res.body.items[0]?.status),
    );
    expect(active.body.items[0]).toMatchObject({ status: 'ACTIVE' });
    settlement = getAddress(active.body.items[0].settlementContract);
    await send(treasury, 'approve', [settlement, maxUint256]);
  });

  it('should hold a request in escrow until the dealing day NAV, then mint at it with the cost to the treasury and the rest refunded; a cancelled one is refunded in full', async () => {
    const escrowBefore = await balanceOf(settlement);
    const treasuryBefore = await balanceOf(treasury.address);

    // Requested: the stablecoin moves into escrow, the order waits for its dealing day's NAV.
    const priced = await requested('3000', '2500.00');
    const pricing = await waitForOrder(distributor, priced.order.id, 'PRICING');
    expect(pricing).toMatchObject({ nav: null, units: null, payment: { method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: '2500000000' } });
    await poll('the request in escrow', () => balanceOf(settlement), (balance) => balance === escrowBefore + usd('2500'));
    expect(await balanceOf(priced.account.address)).toBe(usd('500'));
    expect(await unitsOf(priced.account.address)).toBe(0n);

    // Cancelled before the cut-off: refunded from escrow in full.
    const cancelled = await requested('1500', '1500.00');
    await waitForOrder(distributor, cancelled.order.id, 'PRICING');
    await poll('the second request in escrow', () => balanceOf(settlement), (balance) => balance === escrowBefore + usd('4000'));
    const cancel = await distributor.post(`/v1/orders/${cancelled.order.id}/cancel`, {});
    expectStatus(cancel, 200);
    expect(cancel.body.status).toBe('REFUND_PENDING');
    const refunded = await waitForOrder(distributor, cancelled.order.id, 'REFUNDED');
    expect(refunded.events.map((event: Json) => event.to)).toEqual(['RECEIVED', 'AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'PRICING', 'REFUND_PENDING', 'REFUNDED']);
    expect(await balanceOf(cancelled.account.address)).toBe(usd('1500'));
    expect(await balanceOf(settlement)).toBe(escrowBefore + usd('2500'));

    // The cut-off passes on chain (the contract strikes no day before it), then the day's NAV.
    const cutOff = BigInt(Math.floor(Date.parse(pricing.cutOffAt as string) / 1000));
    const latest = await chain.publicClient.getBlock({ blockTag: 'latest' });
    if (latest.timestamp <= cutOff) await chain.publicClient.request({ method: 'evm_setNextBlockTimestamp' as never, params: [Number(cutOff) + 1] as never });
    await chain.publicClient.request({ method: 'evm_mine' as never, params: [] as never });
    const published = await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '9.87', asOf: localNow(zone).date });
    expectStatus(published, 201);

    const settled = await waitForOrderSettled(distributor, priced.order.id, 90_000);
    // As the contract prices it: units = floor(amount x 10^(8+6) / (nav x 10^6)), cost rounded up.
    const amount = usd('2500');
    const nav = 987_000_000n;
    const scale = NAV_SCALE * 10n ** UNIT_DECIMALS;
    const units = (amount * scale) / (nav * 10n ** 6n);
    const cost = (units * nav * 10n ** 6n + scale - 1n) / scale;
    expect(units).toBe(253_292_806n);
    expect(cost).toBe(2_499_999_996n);
    expect(settled).toMatchObject({ nav: '9.870000', units: '253.292806', txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(settled.events.map((event: Json) => event.to)).toEqual(['RECEIVED', 'AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'PRICING', 'MINTING', 'SETTLED']);
    expect(settled.payment).toEqual({ method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: cost.toString(), txHash: settled.txHash });
    expect(await unitsOf(priced.account.address)).toBe(units);
    expect(await balanceOf(priced.account.address)).toBe(usd('500') + (amount - cost));
    expect(await balanceOf(treasury.address)).toBe(treasuryBefore + cost);
    expect(await balanceOf(settlement)).toBe(escrowBefore);

    // The order's events carry its payment leg as the order does: the amount asked, then what moved.
    const events = await poll(
      "the order's events in the feed",
      () => distributor.get(`/v1/events?types=order.awaiting_payment,order.settled&limit=500`),
      (res) => res.status === 200 && (res.body.items as Json[]).filter((event) => event.subject.id === priced.order.id).length === 2,
    );
    const [awaiting, settledEvent] = (events.body.items as Json[]).filter((event) => event.subject.id === priced.order.id);
    expect(awaiting!.data.payment).toEqual({ method: 'STABLECOIN', stablecoinId: stablecoin.id, amount: '2500000000', txHash: null });
    expect(settledEvent!.data.payment).toEqual(settled.payment);

    // Reconciled once the index has the settlement: the escrow, the refund in full, the mint with its refund,
    // as the chain's legs and as the platform's payments, agree for both wallets.
    const { blockNumber: settledIn } = await chain.publicClient.getTransactionReceipt({ hash: settled.txHash });
    const reconciled = await reconciliationPast(issuer, fund.id, settledIn);
    expect(reconciled.body).toMatchObject({ status: 'COMPLETED', breaks: [] });
  });
});
