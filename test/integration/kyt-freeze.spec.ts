import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TestingModule } from '@nestjs/testing';
import { ChainClients, ChainTransactionEntity, ComplianceGateway, fundTokenAbi } from '@rwa/chain';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { AlertDecision, AlertsService, AlertStatus, AlertSubjectType, BlocklistEntryEntity, KytErrorCode, KytService, parseOfacSdn, ResolutionCode } from '@rwa/kyt';
import { OrderSettlementService, OrdersService, OrderType } from '@rwa/orders';
import { WalletEntity, WalletFreezeService, WalletRegistrationService, WalletsErrorCode, WalletsService } from '@rwa/wallets';
import { Like } from 'typeorm';
import { createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

const officer = (): Actor => ({ organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null });

/** Blocklist re-screening of bound wallets, officers' freezes, and their effect on chain. */
describe('KYT freezes', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let token: `0x${string}`;

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
    ({ fundId, tokenAddress: token } = await createShelvedFund(module, tenants));
  });

  afterAll(async () => {
    await module?.close();
  });

  async function verifiedWallet() {
    const holder = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(holder.walletId);
    return holder;
  }

  /** A registered wallet holding 2,500 units. */
  async function holderWallet() {
    const holder = await verifiedWallet();
    const orders = module.get(OrdersService);
    const placed = await dataSourceOf(module).transaction((manager) =>
      orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId: holder.investorId, walletId: holder.walletId, amount: '2500.00' }, manager),
    );
    await orders.confirmPayment(tenants.issuer, placed.id, { reference: `TT-${randomUUID()}` });
    await module.get(OrderSettlementService).handleMintOrder(placed.id);
    return holder;
  }

  async function walletAlerts(walletId: string) {
    return (await module.get(AlertsService).list({ subjectType: AlertSubjectType.WALLET }, { limit: 500 })).items.filter((alert) => alert.subjectId === walletId);
  }

  async function syncFreeze(walletId: string): Promise<string> {
    const wallet = await dataSourceOf(module).getRepository(WalletEntity).findOneByOrFail({ id: walletId });
    return module.get(WalletFreezeService).handleSyncWalletFreeze(walletId, wallet.freezeVersion);
  }

  function transfer(from: `0x${string}`, to: `0x${string}`) {
    return module.get(ChainClients).publicClient.simulateContract({ account: from, address: token, abi: fundTokenAbi, functionName: 'transfer', args: [to, 1n] });
  }

  it('should give a holder that becomes blocklisted a SEVERE alert and freeze it on chain at once', async () => {
    const holder = await holderWallet();
    const other = await verifiedWallet();
    await expect(transfer(holder.account.address, other.account.address)).resolves.toBeDefined();

    await module.get(KytService).addToBlocklist(officer(), { address: holder.account.address, reason: 'designated today', source: 'OFAC-SDN' });

    const [alert] = await walletAlerts(holder.walletId);
    expect(alert).toMatchObject({ severity: 'SEVERE', status: AlertStatus.OPEN, reasons: [expect.objectContaining({ code: 'BLOCKLIST_MATCH' })] });
    expect(new Date(alert!.dueAt).getTime() - new Date(alert!.createdAt).getTime()).toBe(4 * 3_600_000);
    expect(await module.get(WalletsService).get(tenants.distributor, holder.walletId)).toMatchObject({ frozen: true });
    expect(await syncFreeze(holder.walletId)).toBe('done');
    expect(await module.get(ComplianceGateway).isFrozen(token, holder.account.address)).toBe(true);
    await expect(transfer(holder.account.address, other.account.address)).rejects.toThrow(/FundTokenAccountFrozen/);
    expect(await syncFreeze(holder.walletId)).toBe('done');
    expect(await dataSourceOf(module).getRepository(ChainTransactionEntity).countBy({ intentKey: Like(`wallet-freeze-${holder.walletId}-%-${fundId}-%`) })).toBe(1);

    const [first, second] = [officer(), officer()];
    await module.get(AlertsService).decide(first, alert!.id, { decision: AlertDecision.CONFIRM, reason: 'true match', resolutionCode: ResolutionCode.TRUE_MATCH });
    await expect(module.get(AlertsService).approve(first, alert!.id, {})).rejects.toMatchObject({ code: KytErrorCode.FOUR_EYES_REQUIRED });
    const confirmed = await module.get(AlertsService).approve(second, alert!.id, {});

    expect(confirmed).toMatchObject({ status: AlertStatus.CONFIRMED, resolutionCode: ResolutionCode.TRUE_MATCH });
    expect(await module.get(WalletsService).get(tenants.distributor, holder.walletId)).toMatchObject({ frozen: true });
  });

  it('should raise a new alert rather than reopen a closed one when the address is listed again', async () => {
    const { walletId, account } = await verifiedWallet();
    const kyt = module.get(KytService);
    await kyt.addToBlocklist(officer(), { address: account.address, reason: 'first listing', source: 'TEST' });
    const [firstAlert] = await walletAlerts(walletId);
    await module.get(AlertsService).decide(officer(), firstAlert!.id, { decision: AlertDecision.CLEAR, reason: 'namesake', resolutionCode: ResolutionCode.FALSE_POSITIVE });
    await module.get(AlertsService).approve(officer(), firstAlert!.id, {});

    await kyt.addToBlocklist(officer(), { address: account.address, reason: 'listed again', source: 'TEST' });

    const alerts = await walletAlerts(walletId);
    expect(alerts.map((alert) => alert.status)).toEqual([AlertStatus.CLEARED, AlertStatus.OPEN]);
    expect(alerts[1]!.id).not.toBe(firstAlert!.id);
  });

  it('should freeze a registered wallet on chain when its alert is confirmed', async () => {
    const { walletId, account } = await verifiedWallet();
    await module.get(KytService).addToBlocklist(officer(), { address: account.address, reason: 'listed', source: 'TEST' });
    const [alert] = await walletAlerts(walletId);
    expect(alert!.severity).toBe('HIGH');
    expect((await module.get(WalletsService).get(tenants.distributor, walletId)).frozen).toBe(false);

    await module.get(AlertsService).decide(officer(), alert!.id, { decision: AlertDecision.CONFIRM, reason: 'true match', resolutionCode: ResolutionCode.TRUE_MATCH });
    await module.get(AlertsService).approve(officer(), alert!.id, {});

    expect((await module.get(WalletsService).get(tenants.distributor, walletId)).frozen).toBe(true);
    expect(await syncFreeze(walletId)).toBe('done');
    expect(await module.get(ComplianceGateway).isFrozen(token, account.address)).toBe(true);
  });

  it("should let an officer freeze part of a holder's units and lift the freeze", async () => {
    const holder = await holderWallet();
    const wallets = module.get(WalletsService);
    const compliance = officer();

    const partial = await wallets.freeze(compliance, holder.walletId, { reason: 'court order', units: '100.5' });
    expect(partial).toMatchObject({ frozen: false, frozenUnits: '100.5' });
    expect(await syncFreeze(holder.walletId)).toBe('done');
    expect(await module.get(ComplianceGateway).frozenTokens(token, holder.account.address)).toBe(100_500_000n);

    await wallets.freeze(compliance, holder.walletId, { reason: 'escalated' });
    await wallets.unfreeze(compliance, holder.walletId, { reason: 'order lifted' });
    // The superseded version's job does nothing; the current one brings the chain to "not frozen".
    expect(await module.get(WalletFreezeService).handleSyncWalletFreeze(holder.walletId, 2)).toBe('skipped');
    expect(await syncFreeze(holder.walletId)).toBe('done');

    expect(await module.get(ComplianceGateway).isFrozen(token, holder.account.address)).toBe(false);
    expect(await module.get(ComplianceGateway).frozenTokens(token, holder.account.address)).toBe(0n);
    await expect(wallets.unfreeze(compliance, holder.walletId, { reason: 'again' })).rejects.toMatchObject({ code: WalletsErrorCode.WALLET_NOT_FROZEN });
    await expect(wallets.freeze(compliance, randomUUID(), { reason: 'x' })).rejects.toMatchObject({ code: WalletsErrorCode.WALLET_NOT_FOUND });
  });

  describe('OFAC SDN import', () => {
    const sample = readFileSync(new URL('../fixtures/ofac-sdn-sample.xml', import.meta.url), 'utf8');

    it('should import the EVM addresses of the sample file once, with one audit row per import', async () => {
      const kyt = module.get(KytService);
      const { entries } = parseOfacSdn(sample, 'OFAC-SDN');

      const first = await kyt.importBlocklist('import:OFAC-SDN', 'OFAC-SDN', entries);
      const second = await kyt.importBlocklist('import:OFAC-SDN', 'OFAC-SDN', entries);

      expect(first).toEqual({ received: 4, added: 4 });
      expect(second).toEqual({ received: 4, added: 0 });
      const stored = await dataSourceOf(module).getRepository(BlocklistEntryEntity).findOneByOrFail({ address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' });
      expect(stored).toMatchObject({ source: 'OFAC-SDN', reason: 'LAZARUS GROUP (ETH)', addedBy: 'import:OFAC-SDN' });
      const imports = await dataSourceOf(module).query(`SELECT data FROM audit_events WHERE action = 'blocklist-imported' ORDER BY seq DESC LIMIT 2`);
      expect(imports.map((row: { data: { added: number } }) => row.data.added)).toEqual([0, 4]);
    });

    it('should freeze a holder listed by an import, with a SEVERE alert', async () => {
      const holder = await holderWallet();
      const listing = sample.replace('0x7F367cC41522cE07553e823bf3be79A889DEbe1B', holder.account.address);

      await module.get(KytService).importBlocklist('import:OFAC-SDN', 'OFAC-SDN', parseOfacSdn(listing, 'OFAC-SDN').entries);

      const [alert] = await walletAlerts(holder.walletId);
      expect(alert).toMatchObject({ severity: 'SEVERE', status: AlertStatus.OPEN, reasons: [expect.objectContaining({ code: 'BLOCKLIST_MATCH', message: expect.stringContaining('PETROV') })] });
      expect((await module.get(WalletsService).get(tenants.distributor, holder.walletId)).frozen).toBe(true);
      expect(await syncFreeze(holder.walletId)).toBe('done');
      expect(await module.get(ComplianceGateway).isFrozen(token, holder.account.address)).toBe(true);
    });
  });
});
