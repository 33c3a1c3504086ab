import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { BaseError, createWalletClient, http, parseEther, toHex } from 'viem';
import { ChainClients, fundTokenAbi } from '@rwa/chain';
import { FundsService } from '@rwa/funds';
import { ChainIndexerService, HoldingsModule, HoldingsService, TransferScreeningService, transferId } from '@rwa/holdings';
import { AlertsService, AlertSubjectType, KytReasonCode, KytService } from '@rwa/kyt';
import { OrganizationType, Role } from '@rwa/common';
import { WalletRegistrationService } from '@rwa/wallets';
import { useIntegrationEnvironment } from './support/environment.js';
import { createFund, createHolder, createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/** The chain indexer keeps the holder register from confirmed Transfer events, exactly once across restarts. */
describe(ChainIndexerService.name, () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let token: `0x${string}`;

  beforeAll(async () => {
    module = await createPlatformModule([HoldingsModule]);
    tenants = await createTenants(module);
    ({ fundId, tokenAddress: token } = await createShelvedFund(module, tenants));
  });

  afterAll(async () => {
    await module?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const holder = (amount: string) => createHolder(module, tenants, fundId, amount);

  const register = async () => (await module.get(HoldingsService).holders(tenants.issuer, fundId, { limit: 200 })).items;

  it('should record mints and transfers once, however often it runs and across a restart', async () => {
    const alice = await holder('2500.00');
    const bob = await holder('1000.00');
    const sut = module.get(ChainIndexerService);

    await sut.indexOnce();
    await sut.indexOnce();

    expect(await register()).toEqual([
      { address: alice.account.address, investorId: alice.investorId, units: '2500.000000' },
      { address: bob.account.address, investorId: bob.investorId, units: '1000.000000' },
    ]);

    const clients = module.get(ChainClients);
    await clients.publicClient.request({ method: 'hardhat_setBalance' as never, params: [alice.account.address, toHex(parseEther('1'))] as never });
    const alicesWallet = createWalletClient({ account: alice.account, chain: clients.chain, transport: http(useIntegrationEnvironment().rpcUrl) });
    const hash = await alicesWallet.writeContract({ address: token, abi: fundTokenAbi, functionName: 'transfer', args: [bob.account.address, 500_000_000n] });
    await clients.publicClient.waitForTransactionReceipt({ hash });
    // A restart: a fresh indexer resumes from the stored checkpoint.
    const restarted = new ChainIndexerService(dataSourceOf(module), clients, module.get(FundsService), module.get(TransferScreeningService));
    await restarted.indexOnce();
    await sut.indexOnce();

    expect(await register()).toEqual([
      { address: alice.account.address, investorId: alice.investorId, units: '2000.000000' },
      { address: bob.account.address, investorId: bob.investorId, units: '1500.000000' },
    ]);
  });

  it('should apply nothing of a range whose events could not be read, and catch up on the next run', async () => {
    const carol = await holder('1200.00');
    const clients = module.get(ChainClients);
    jest.spyOn(clients.publicClient, 'getContractEvents').mockRejectedValueOnce(new BaseError('node unavailable'));

    await expect(module.get(ChainIndexerService).indexOnce()).rejects.toThrow('node unavailable');
    expect((await register()).find((row) => row.address === carol.account.address)).toBeUndefined();
    await module.get(ChainIndexerService).indexOnce();

    expect((await register()).find((row) => row.address === carol.account.address)).toEqual({ address: carol.account.address, investorId: carol.investorId, units: '1200.000000' });
    const [{ total }] = await dataSourceOf(module).query('SELECT sum(units)::text AS total FROM fund_holdings WHERE fund_id = $1', [fundId]);
    const supply = await clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'totalSupply' });
    expect(BigInt(total)).toBe(supply);
  });

  it("should not take a checkpoint another worker moved past this run's head for a reorg", async () => {
    const sut = module.get(ChainIndexerService);
    const clients = module.get(ChainClients);
    await sut.indexOnce();
    // This run read the head before another worker indexed the blocks after it.
    const staleHead = await clients.publicClient.getBlockNumber({ cacheTime: 0 });
    const dave = await holder('1700.00');
    await sut.indexOnce();
    const before = await register();
    expect(before.find((row) => row.address === dave.account.address)).toEqual({ address: dave.account.address, investorId: dave.investorId, units: '1700.000000' });
    const reorgs = async () => Number((await dataSourceOf(module).query('SELECT count(*) AS n FROM chain_index_reorgs'))[0].n);
    const reorgsBefore = await reorgs();

    jest.spyOn(clients.publicClient, 'getBlockNumber').mockResolvedValueOnce(staleHead);
    const report = await sut.indexOnce();

    expect(report.rollbacks).toBe(0);
    expect(await reorgs()).toBe(reorgsBefore);
    expect(await register()).toEqual(before);
  });

  it('should screen both counterparties of a transfer, and expose the sender to its listed counterparty', async () => {
    const erin = await holder('3000.00');
    const frank = await holder('1000.00');
    await module.get(ChainIndexerService).indexOnce();
    const clients = module.get(ChainClients);
    await clients.publicClient.request({ method: 'hardhat_setBalance' as never, params: [erin.account.address, toHex(parseEther('1'))] as never });
    const erinsWallet = createWalletClient({ account: erin.account, chain: clients.chain, transport: http(useIntegrationEnvironment().rpcUrl) });
    const hash = await erinsWallet.writeContract({ address: token, abi: fundTokenAbi, functionName: 'transfer', args: [frank.account.address, 1_000_000n] });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    const officer = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null };
    // Listed after the transfer, before the indexer saw it.
    await module.get(KytService).addToBlocklist(officer, { address: frank.account.address, reason: 'designated', source: 'TEST' });

    await module.get(ChainIndexerService).indexOnce();

    const transferLog = receipt.logs.find((log) => log.address.toLowerCase() === token.toLowerCase())!;
    const alerts = (await module.get(AlertsService).list({ subjectType: AlertSubjectType.TRANSFER }, { limit: 500 })).items;
    const alert = alerts.find((item) => item.subjectId === transferId(hash, transferLog.logIndex!));
    expect(alert?.reasons.map((reason) => reason.code).sort()).toEqual([KytReasonCode.BLOCKLIST_MATCH, KytReasonCode.INDIRECT_EXPOSURE]);
    const erinScreening = await module.get(KytService).screenAddresses(dataSourceOf(module).manager, [erin.account.address], undefined);
    expect(erinScreening).toMatchObject({ clean: false, severity: 'MEDIUM', reasons: [expect.objectContaining({ code: KytReasonCode.INDIRECT_EXPOSURE })] });
  });

  it('should ignore a zero-value transfer: no transfer, no alert, no exposure for its recipient (issue 11)', async () => {
    const erin = await holder('1500.00');
    const mallory = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(mallory.walletId);
    const officer = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null };
    await module.get(KytService).addToBlocklist(officer, { address: mallory.account.address, reason: 'designated', source: 'TEST' });
    await module.get(ChainIndexerService).indexOnce();
    // A listed address sends 0 units to a clean holder: it moves nothing, but would make her look exposed.
    const clients = module.get(ChainClients);
    await clients.publicClient.request({ method: 'hardhat_setBalance' as never, params: [mallory.account.address, toHex(parseEther('1'))] as never });
    const mallorysWallet = createWalletClient({ account: mallory.account, chain: clients.chain, transport: http(useIntegrationEnvironment().rpcUrl) });
    const hash = await mallorysWallet.writeContract({ address: token, abi: fundTokenAbi, functionName: 'transfer', args: [erin.account.address, 0n] });
    expect((await clients.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');

    await module.get(ChainIndexerService).indexOnce();

    expect(await dataSourceOf(module).query('SELECT 1 FROM chain_transfers WHERE tx_hash = $1', [hash])).toEqual([]);
    expect(await dataSourceOf(module).query('SELECT 1 FROM chain_index_events WHERE tx_hash = $1', [hash])).toEqual([]);
    const alerts = await dataSourceOf(module).query("SELECT 1 FROM kyt_alerts WHERE subject_type = 'TRANSFER' AND subject_id = $1", [transferId(hash, 0)]);
    expect(alerts).toEqual([]);
    expect(await module.get(KytService).screenAddresses(dataSourceOf(module).manager, [erin.account.address], undefined)).toMatchObject({ clean: true, reasons: [] });
    expect((await register()).find((row) => row.address === erin.account.address)?.units).toBe('1500.000000');
    expect((await register()).find((row) => row.address === mallory.account.address)).toBeUndefined();
  });

  it('should page the register largest first, ties by address, across page boundaries, and refuse a forged cursor (issue 11)', async () => {
    const fund = await createFund(module, tenants);
    const bound = await createInvestorWithWallet(module, tenants);
    const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
    const rows: [string, bigint][] = [
      [address(5), 100n],
      [address(3), 200_000_000n],
      [bound.account.address, 300_000_000n],
      [address(1), 200_000_000n],
      [address(2), 200_000_000n],
    ];
    for (const [holderAddress, units] of rows) {
      await dataSourceOf(module).query('INSERT INTO fund_holdings (fund_id, address, units) VALUES ($1, $2, $3)', [fund.id, holderAddress, units.toString()]);
    }
    const sut = module.get(HoldingsService);

    const pages: { address: string; investorId: string | null; units: string }[][] = [];
    let cursor: string | undefined;
    do {
      const page = await sut.holders(tenants.issuer, fund.id, { limit: 2, cursor });
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([
      { address: bound.account.address, investorId: bound.investorId, units: '300.000000' },
      { address: address(1), investorId: null, units: '200.000000' },
      { address: address(2), investorId: null, units: '200.000000' },
      { address: address(3), investorId: null, units: '200.000000' },
      { address: address(5), investorId: null, units: '0.000100' },
    ]);
    for (const forged of ['not-a-cursor', Buffer.from(JSON.stringify(['1e5', address(1)])).toString('base64url'), Buffer.from('["1",1]').toString('base64url')]) {
      await expect(sut.holders(tenants.issuer, fund.id, { limit: 2, cursor: forged })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ field: 'cursor' }] });
    }
  });

  it("should not show another issuer's fund", async () => {
    const other = await createTenants(module);
    await expect(module.get(HoldingsService).holders(other.issuer, fundId, { limit: 10 })).rejects.toMatchObject({ code: 'FUND_NOT_FOUND' });
  });
});
