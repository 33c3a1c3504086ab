import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { encodeFunctionData } from 'viem';
import { ChainTransactionEntity, IdentityRegistryGateway, identityRegistryAbi, investorIdHash, jurisdictionCode, PlatformContracts, TransactionManager } from '@rwa/chain';
import { InvestorsService, InvestorType, KycStatus, RegistrySync } from '@rwa/investors';
import { CHAIN_WRITE_REFUSED, WalletEntity, WalletRegistrationService, WalletsService } from '@rwa/wallets';
import { createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/**
 * The on-chain registry follows the platform: registration ends (done or failed, never a retry
 * loop), investor changes reach every registered wallet's identity, and a revoke followed by a
 * rebind of the same address cannot be undone by the late removal of the old binding.
 */
describe('registry sync', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let registration: WalletRegistrationService;
  let registry: IdentityRegistryGateway;

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
    registration = module.get(WalletRegistrationService);
    registry = module.get(IdentityRegistryGateway);
  }, 60_000);

  afterAll(async () => {
    await module?.close();
  }, 60_000);

  const walletRow = (walletId: string) => dataSourceOf(module).getRepository(WalletEntity).findOneByOrFail({ id: walletId });
  const jobDone = async (jobId: string) => {
    const [row] = (await dataSourceOf(module).query('SELECT completed_at FROM outbox_messages WHERE job_id = $1', [jobId])) as { completed_at: Date | null }[];
    return row?.completed_at != null;
  };

  it('should end a registration the registry refuses as REJECTED with an alert, without retrying', async () => {
    const { walletId, account } = await createInvestorWithWallet(module, tenants);
    // Someone else's newer binding of the address is on chain: the registry refuses this one.
    const { identityRegistry } = await module.get(PlatformContracts).get();
    await module.get(TransactionManager).execute(`test-squat-${account.address}`, {
      to: identityRegistry,
      data: encodeFunctionData({
        abi: identityRegistryAbi,
        functionName: 'registerBoundIdentity',
        args: [account.address, 2n ** 62n, 1n, investorIdHash(randomUUID()), jurisdictionCode('HK'), 2, 4_102_444_800n],
      }),
    });

    expect(await registration.handleRegisterWallet(walletId)).toBe('failed');

    expect(await walletRow(walletId)).toMatchObject({ status: 'REJECTED', onchain: 'FAILED', onchainError: 'IDENTITY_REGISTRY_STALE_BINDING' });
    const alerts = (await dataSourceOf(module).query("SELECT status, reasons FROM kyt_alerts WHERE subject_type = 'WALLET' AND subject_id = $1", [walletId])) as {
      status: string;
      reasons: { code: string; message: string }[];
    }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'OPEN', reasons: [expect.objectContaining({ code: CHAIN_WRITE_REFUSED })] });
    expect(alerts[0]!.reasons[0]!.message).toContain('IDENTITY_REGISTRY_STALE_BINDING');
    // The intent is complete: the relay will not deliver it again, and a stray retry does nothing.
    expect(await jobDone(`register-wallet-${walletId}`)).toBe(true);
    expect(await registration.handleRegisterWallet(walletId)).toBe('skipped');
    expect(await dataSourceOf(module).getRepository(ChainTransactionEntity).findOneBy({ intentKey: `register-wallet-${walletId}` })).toBeNull();
    const [audit] = (await dataSourceOf(module).query("SELECT to_status, reason FROM audit_events WHERE entity_id = $1 AND action = 'status-changed' ORDER BY seq DESC LIMIT 1", [walletId])) as {
      to_status: string;
      reason: string;
    }[];
    expect(audit).toEqual({ to_status: 'REJECTED', reason: 'registration refused on chain: IDENTITY_REGISTRY_STALE_BINDING' });
  }, 60_000);

  it('should not let the late removal of a revoked binding remove the identity of the address bound again', async () => {
    const first = await createInvestorWithWallet(module, tenants);
    expect(await registration.handleRegisterWallet(first.walletId)).toBe('done');
    const wallets = module.get(WalletsService);
    await wallets.revoke(tenants.distributor, first.walletId);
    // The removal job is late: the same address is bound again (to another investor) and registered first.
    const investor = await module.get(InvestorsService).create(tenants.distributor, {
      externalRef: `rebind-${randomUUID()}`,
      type: InvestorType.INSTITUTION,
      jurisdiction: 'SG',
      investorClass: 'INSTITUTIONAL',
      kycStatus: KycStatus.APPROVED,
      kycExpiresAt: '2031-01-01T00:00:00Z',
    });
    const challenge = await wallets.createChallenge(tenants.distributor, investor.id, { address: first.account.address, chainId: 31337 });
    const rebound = await wallets.bind(tenants.distributor, investor.id, { challengeId: challenge.challengeId, signature: await first.account.signMessage({ message: challenge.message }) });
    expect(await registration.handleRegisterWallet(rebound.id)).toBe('done');
    const [oldBinding, newBinding] = [await walletRow(first.walletId), await walletRow(rebound.id)];
    expect(BigInt(newBinding.bindingSeq)).toBeGreaterThan(BigInt(oldBinding.bindingSeq));

    expect(await registration.handleRemoveWallet(first.walletId)).toBe('superseded');

    expect(await registry.bindingOf(first.account.address)).toEqual({ bindingId: BigInt(newBinding.bindingSeq), version: 1n, registered: true });
    expect((await registry.identityOf(first.account.address)).jurisdiction).toBe(jurisdictionCode('SG'));
    expect((await walletRow(first.walletId)).onchain).toBe('REMOVED');
    expect(await walletRow(rebound.id)).toMatchObject({ status: 'VERIFIED', onchain: 'REGISTERED' });
    // And the registry itself refuses the old binding's removal, whoever sends it.
    await expect(registry.removeBoundIdentity(`test-late-removal-${first.walletId}`, first.account.address, BigInt(oldBinding.bindingSeq))).rejects.toMatchObject({
      code: 'CONTRACT_REVERTED',
      errorName: 'IdentityRegistryBindingMismatch',
    });
    expect((await registry.bindingOf(first.account.address)).registered).toBe(true);
  }, 60_000);

  it('should bring each registered wallet to every investor change, and never let an older update land last', async () => {
    const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
    expect(await registration.handleRegisterWallet(walletId)).toBe('done');
    const investors = module.get(InvestorsService);

    const patched = await investors.update(tenants.distributor, investorId, { kycExpiresAt: '2031-06-30T00:00:00Z', investorClass: 'INSTITUTIONAL', jurisdiction: 'SG' });
    expect(patched).toMatchObject({ jurisdiction: 'SG', investorClass: 'INSTITUTIONAL', kycExpiresAt: '2031-06-30T00:00:00.000Z', registrySync: RegistrySync.PENDING });
    expect(await jobDone(`sync-wallet-identity-${walletId}-v2`)).toBe(false);
    expect(await registration.handleSyncWalletIdentity(walletId, '2')).toBe('done');

    expect(await registry.identityOf(account.address)).toEqual({ jurisdiction: jurisdictionCode('SG'), investorClass: 3, expiresAt: BigInt(Date.UTC(2031, 5, 30) / 1000) });
    expect((await registry.bindingOf(account.address)).version).toBe(2n);
    expect((await investors.get(tenants.distributor, investorId)).registrySync).toBe(RegistrySync.SYNCED);

    // KYC withdrawn: the identity stays registered but is no longer verified.
    await investors.update(tenants.distributor, investorId, { kycStatus: KycStatus.REJECTED });
    expect(await registration.handleSyncWalletIdentity(walletId, '3')).toBe('done');
    expect((await registry.identityOf(account.address)).expiresAt).toBe(0n);
    // The job of version 2, delivered again late, changes nothing.
    expect(await registration.handleSyncWalletIdentity(walletId, '2')).toBe('skipped');
    expect((await registry.bindingOf(account.address)).version).toBe(3n);

    // The same values again: no new version, no job.
    await investors.update(tenants.distributor, investorId, { kycStatus: KycStatus.REJECTED, jurisdiction: 'SG' });
    const [{ count }] = (await dataSourceOf(module).query("SELECT count(*)::int AS count FROM outbox_messages WHERE job_id LIKE $1", [`sync-wallet-identity-${walletId}-%`])) as { count: number }[];
    expect(count).toBe(2);
  }, 60_000);

  it('should register a wallet whose investor changed before its registration with the current identity', async () => {
    const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
    await module.get(InvestorsService).update(tenants.distributor, investorId, { kycExpiresAt: '2032-01-01T00:00:00Z' });

    expect(await registration.handleRegisterWallet(walletId)).toBe('done');

    expect((await registry.identityOf(account.address)).expiresAt).toBe(BigInt(Date.UTC(2032, 0, 1) / 1000));
    expect(await walletRow(walletId)).toMatchObject({ onchain: 'REGISTERED', identityVersion: '2' });
    expect((await module.get(InvestorsService).get(tenants.distributor, investorId)).registrySync).toBe(RegistrySync.SYNCED);
  }, 60_000);
});
