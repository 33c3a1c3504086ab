import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { BaseError, createWalletClient, http, parseEther, toHex } from 'viem';
import { ChainClients, fundTokenAbi } from '@rwa/chain';
import { FundsService } from '@rwa/funds';
import { ChainIndexerService, HoldingsModule, HoldingsService, TransferScreeningService, transferId } from '@rwa/holdings';
import { AlertsService, AlertSubjectType, KytReasonCode, KytService } from '@rwa/kyt';
import { OrganizationType, Role } from '@rwa/common';
import { OrderSettlementService, OrdersService, OrderType } from '@rwa/orders';
import { WalletRegistrationService } from '@rwa/wallets';
import { useIntegrationEnvironment } from './support/environment.js';
import { createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

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

  async function holder(amount: string) {
    const wallet = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(wallet.walletId);
    const orders = module.get(OrdersService);
    const placed = await dataSourceOf(module).transaction((manager) =>
      orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId: wallet.investorId, walletId: wallet.walletId, amount }, manager),
    );
    await orders.confirmPayment(tenants.issuer, placed.id, { reference: `TT-${randomUUID()}` });
    await module.get(OrderSettlementService).handleMintOrder(placed.id);
    return wallet;
  }

  const register = async () => (await module.get(HoldingsService).holders(tenants.issuer, fundId)).items;

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
    const erinScreening = await module.get(KytService).screenAddresses(dataSourceOf(module).manager, [erin.account.address]);
    expect(erinScreening).toMatchObject({ clean: false, severity: 'MEDIUM', reasons: [expect.objectContaining({ code: KytReasonCode.INDIRECT_EXPOSURE })] });
  });

  it("should not show another issuer's fund", async () => {
    const other = await createTenants(module);
    await expect(module.get(HoldingsService).holders(other.issuer, fundId)).rejects.toMatchObject({ code: 'FUND_NOT_FOUND' });
  });
});
