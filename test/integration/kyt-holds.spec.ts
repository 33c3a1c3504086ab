import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { FundsService } from '@rwa/funds';
import { AlertDecision, AlertsService, AlertStatus, AlertSubjectType, KytException, KytService } from '@rwa/kyt';
import { OrdersException, OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { WalletRegistrationService, WalletsException, WalletsService, WalletStatus } from '@rwa/wallets';
import { InvestorsException, InvestorsService } from '@rwa/investors';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

const officer = (): Actor => ({ organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null });

describe('KYT holds and tenant scoping', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
    ({ fundId } = await createShelvedFund(module, tenants));
  });

  afterAll(async () => {
    await module?.close();
  });

  async function openAlertOn(subjectType: AlertSubjectType, subjectId: string) {
    const page = await module.get(AlertsService).list({ subjectType, status: AlertStatus.OPEN }, { limit: 200 });
    return page.items.find((alert) => alert.subjectId === subjectId);
  }

  it('should hold an order whose wallet was blocklisted after binding, and release it on CLEAR', async () => {
    const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    await module.get(KytService).addToBlocklist(officer(), { address: account.address, reason: 'listed after onboarding', source: 'TEST' });

    const order = await dataSourceOf(module).transaction((manager) =>
      module.get(OrdersService).place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '5000.00' }, manager),
    );

    expect(order.status).toBe(OrderStatus.ON_HOLD);
    const alert = await openAlertOn(AlertSubjectType.ORDER, order.id);
    expect(alert).toMatchObject({ severity: 'HIGH', reasons: [expect.objectContaining({ code: 'BLOCKLIST_MATCH' })] });
    const [first, second] = [officer(), officer()];
    expect((await module.get(AlertsService).decide(first, alert!.id, { decision: AlertDecision.CLEAR, reason: 'false positive' })).status).toBe(AlertStatus.PENDING_APPROVAL);
    await expect(module.get(AlertsService).approve(first, alert!.id, {})).rejects.toThrow(KytException);
    expect((await module.get(OrdersService).get(tenants.distributor, order.id)).status).toBe(OrderStatus.ON_HOLD);

    const approved = await module.get(AlertsService).approve(second, alert!.id, {});

    expect(approved.status).toBe(AlertStatus.CLEARED);
    expect(approved.history.map((event) => event.to)).toEqual(['OPEN', 'PENDING_APPROVAL', 'CLEARED']);
    expect((await module.get(OrdersService).get(tenants.distributor, order.id)).status).toBe(OrderStatus.AWAITING_PAYMENT);
    await expect(module.get(AlertsService).decide(first, alert!.id, { decision: AlertDecision.CONFIRM, reason: 'changed my mind' })).rejects.toThrow(KytException);
  });

  it('should hold a blocklisted wallet for review, reject it on CONFIRM and never register it', async () => {
    const compliance = officer();
    const { investorId } = await createInvestorWithWallet(module, tenants);
    const listed = privateKeyToAccount(generatePrivateKey());
    await module.get(KytService).addToBlocklist(compliance, { address: listed.address, reason: 'sanctioned', source: 'OFAC-SDN' });
    const wallets = module.get(WalletsService);
    const challenge = await wallets.createChallenge(tenants.distributor, investorId, { address: listed.address, chainId: 31337 });

    const bound = await wallets.bind(tenants.distributor, investorId, { challengeId: challenge.challengeId, signature: await listed.signMessage({ message: challenge.message }) });

    expect(bound.status).toBe(WalletStatus.PENDING_REVIEW);
    const alert = await openAlertOn(AlertSubjectType.WALLET, bound.id);
    await module.get(AlertsService).decide(compliance, alert!.id, { decision: AlertDecision.CONFIRM, reason: 'true match' });
    await module.get(AlertsService).approve(officer(), alert!.id, { comment: 'agreed' });
    expect((await wallets.get(tenants.distributor, bound.id)).status).toBe(WalletStatus.REJECTED);
    expect(await module.get(WalletRegistrationService).handleRegisterWallet(bound.id)).toBe('skipped');
  });

  it("should not show one distributor another distributor's investor, wallet or order", async () => {
    const { investorId, walletId } = await createInvestorWithWallet(module, tenants);
    const other = await createTenants(module);

    await expect(module.get(InvestorsService).get(other.distributor, investorId)).rejects.toThrow(InvestorsException);
    await expect(module.get(WalletsService).get(other.distributor, walletId)).rejects.toThrow(WalletsException);
    await expect(
      dataSourceOf(module).transaction((manager) =>
        module.get(OrdersService).place(other.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '5000.00' }, manager),
      ),
    ).rejects.toThrow();
    await expect(module.get(FundsService).get(other.distributor, fundId)).rejects.toThrow();
    await expect(module.get(FundsService).get(other.issuer, fundId)).rejects.toThrow();
  });

  it('should refuse an order below the minimum and change nothing', async () => {
    const { investorId, walletId } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    const before = await dataSourceOf(module).query('SELECT count(*)::int AS n FROM orders');

    await expect(
      dataSourceOf(module).transaction((manager) =>
        module.get(OrdersService).place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '999.99' }, manager),
      ),
    ).rejects.toThrow(OrdersException);

    expect(await dataSourceOf(module).query('SELECT count(*)::int AS n FROM orders')).toEqual(before);
  });
});
