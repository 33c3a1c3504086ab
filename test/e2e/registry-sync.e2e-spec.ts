// Investor changes reach the on-chain registry (issue 12): a KYC expiry extended through PATCH
// lets a later order settle on chain; a wallet that holds units, or has an order in flight, cannot
// be revoked (409 WALLET_HOLDS_UNITS); PATCH validates its fields and changes nothing on bad input.
import { jest } from '@jest/globals';
import type { Address } from 'viem';
import { fundTokenAbi, identityRegistryAbi } from '../../libs/chain/abis/generated/index.js';
import { expectProblem, expectStatus, newIdempotencyKey, type ApiClient, type Json } from './support/api-client.js';
import { connectChain, newAccount, type TestChain } from './support/chain.js';
import { poll } from './support/poll.js';
import { activeFund, bindWallet, confirmPayment, createInvestor, Platform, subscribe, verifiedInvestor, waitForOrderSettled, waitForWallet } from './support/platform.js';

jest.setTimeout(180_000);

describe('registry sync and guaranteed exit', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuer: ApiClient;
  let distributor: ApiClient;
  let fund: Json;
  let registry: Address;

  beforeAll(async () => {
    chain = connectChain(platform.state);
    const issuerOrg = await platform.issuer();
    const distributorOrg = await platform.distributor();
    issuer = issuerOrg.client;
    distributor = distributorOrg.client;
    fund = await activeFund(issuer, [distributorOrg.id]);
    registry = await chain.publicClient.readContract({ address: fund.tokenAddress as Address, abi: fundTokenAbi, functionName: 'identityRegistry' });
  });

  const isVerified = (address: Address) => chain.publicClient.readContract({ address: registry, abi: identityRegistryAbi, functionName: 'isVerified', args: [address] });
  const identityOf = (address: Address) => chain.publicClient.readContract({ address: registry, abi: identityRegistryAbi, functionName: 'identityOf', args: [address] });

  it('should settle an order of an investor whose lapsed KYC expiry was extended through PATCH', async () => {
    const account = newAccount();
    // A KYC that lapses moments after the wallet is registered on chain.
    const investor = await createInvestor(distributor, { kycExpiresAt: new Date(Date.now() + 8_000).toISOString() });
    expect(investor).toMatchObject({ distributionPreference: 'REINVEST', registrySync: 'SYNCED' });
    const bound = await bindWallet(distributor, investor.id as string, account, platform.state.chainId);
    const wallet = await waitForWallet(distributor, bound.id as string, 'VERIFIED', 'REGISTERED');
    // The chain's clock moves with its blocks: a transaction makes a new one.
    const lapsed = async () => {
      await chain.fundGas(account.address, '0.001');
      return isVerified(account.address);
    };
    await poll('the identity lapsed on chain', lapsed, (verified) => !verified, { timeoutMs: 60_000, intervalMs: 1000 });

    const patched = await distributor.patch(`/v1/investors/${investor.id}`, { kycExpiresAt: '2031-12-31T00:00:00Z', distributionPreference: 'CASH' });

    expectStatus(patched, 200);
    expect(patched.body).toMatchObject({ kycExpiresAt: '2031-12-31T00:00:00.000Z', distributionPreference: 'CASH' });
    expect(['PENDING', 'SYNCED']).toContain(patched.body.registrySync);
    const synced = await poll('registrySync SYNCED', () => distributor.get(`/v1/investors/${investor.id}`), (r) => r.status !== 200 || r.body.registrySync !== 'PENDING');
    expect(synced.body.registrySync).toBe('SYNCED');
    expect(await isVerified(account.address)).toBe(true);
    expect((await identityOf(account.address))[3]).toBe(BigInt(Date.UTC(2031, 11, 31) / 1000));

    const order = await subscribe(distributor, { fundId: fund.id as string, investorId: investor.id as string, walletId: wallet.id as string, amount: '1500.00' });
    await confirmPayment(issuer, order.id as string);
    const settled = await waitForOrderSettled(distributor, order.id as string);
    expect(settled.units).toBe('1500.000000');
  });

  it('should refuse to revoke a wallet with an order in flight, and then with units, with 409 WALLET_HOLDS_UNITS', async () => {
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    const order = await subscribe(distributor, { fundId: fund.id as string, investorId: investor.id as string, walletId: wallet.id as string, amount: '2000.00' });

    expectProblem(await distributor.delete(`/v1/wallets/${wallet.id}`), 409, 'WALLET_HOLDS_UNITS');

    await confirmPayment(issuer, order.id as string);
    await waitForOrderSettled(distributor, order.id as string);
    const refused = await distributor.delete(`/v1/wallets/${wallet.id}`);
    expectProblem(refused, 409, 'WALLET_HOLDS_UNITS');
    expect(refused.body.detail).toContain(fund.id as string);
    const after = await distributor.get(`/v1/wallets/${wallet.id}`);
    expect(after.body).toMatchObject({ status: 'VERIFIED', onchain: 'REGISTERED', freezeSync: 'SYNCED', onchainError: null });
    expect(await isVerified(account.address)).toBe(true);
    // The units can still leave: a redemption is accepted from the wallet.
    const redemption = await distributor.post('/v1/orders', { type: 'REDEMPTION', fundId: fund.id, investorId: investor.id, walletId: wallet.id, units: '2000' }, { idempotencyKey: newIdempotencyKey() });
    expectStatus(redemption, 201);
  });

  it('should answer 400 naming the field, and change nothing, for a bad PATCH', async () => {
    const investor = await createInvestor(distributor);
    for (const [body, field] of [
      [{ kycStatus: null }, 'kycStatus'],
      [{ kycStatus: 'MAYBE' }, 'kycStatus'],
      [{ kycExpiresAt: '2026-02-30T00:00:00Z' }, 'kycExpiresAt'],
      [{ kycExpiresAt: '+275760-09-13T00:00:00Z' }, 'kycExpiresAt'],
      [{ kycExpiresAt: 12 }, 'kycExpiresAt'],
      [{ jurisdiction: 'hk' }, 'jurisdiction'],
      [{ jurisdiction: null }, 'jurisdiction'],
      [{ investorClass: 'WHALE' }, 'investorClass'],
      [{ distributionPreference: 'GOLD' }, 'distributionPreference'],
      [{ distributionPreference: null }, 'distributionPreference'],
    ] as const) {
      const res = await distributor.patch(`/v1/investors/${investor.id}`, body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const unchanged = await distributor.get(`/v1/investors/${investor.id}`);
    expect(unchanged.body).toEqual(investor);
    const other = await platform.distributor();
    expectProblem(await other.client.patch(`/v1/investors/${investor.id}`, { kycStatus: 'REJECTED' }), 404, 'INVESTOR_NOT_FOUND');
  });
});
