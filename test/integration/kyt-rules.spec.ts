import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { AlertDecision, AlertsService, AlertStatus, AlertSubjectType, DEFAULT_FUND_RULES, FundRulesService, KytErrorCode, KytReasonCode, ResolutionCode, type FundRules } from '@rwa/kyt';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus, OrderType, type CreateOrderRequestDto } from '@rwa/orders';
import { WalletRegistrationService } from '@rwa/wallets';
import { createFund, createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

const officer = (): Actor => ({ organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null });
const travelRule = {
  originator: { name: 'Chan Tai Man', accountRef: 'HSBC-HK-001', country: 'HK' },
  beneficiary: { name: 'HKD Money Market Fund', accountRef: 'FUND-SUBS-001' },
};

/** The built-in rules through OrdersService.place, with thresholds set per fund. */
describe('KYT rules on orders', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  const compliance = officer();

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
    ({ fundId } = await createShelvedFund(module, tenants));
  });

  afterAll(async () => {
    await module?.close();
  });

  async function setRules(overrides: Partial<FundRules>): Promise<void> {
    // Fresh-wallet and velocity findings stay out of the way unless a test asks for them.
    await module.get(FundRulesService).put(compliance, fundId, { ...DEFAULT_FUND_RULES, travelRuleThreshold: '10000', freshWalletHours: 0, velocityMaxOrders: 100, ...overrides });
  }

  async function verifiedInvestor() {
    const holder = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(holder.walletId);
    return holder;
  }

  function place(body: Omit<CreateOrderRequestDto, 'type' | 'fundId'>) {
    return dataSourceOf(module).transaction((manager) => module.get(OrdersService).place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, ...body }, manager));
  }

  async function alertOn(orderId: string) {
    const page = await module.get(AlertsService).list({ subjectType: AlertSubjectType.ORDER }, { limit: 500 });
    return page.items.find((alert) => alert.subjectId === orderId);
  }

  it('should refuse an order at the travel-rule threshold without originator and beneficiary, and persist nothing', async () => {
    await setRules({});
    const { investorId, walletId } = await verifiedInvestor();
    const before = await dataSourceOf(module).query('SELECT count(*)::int AS n FROM orders');

    await expect(place({ investorId, walletId, amount: '10000.00' })).rejects.toMatchObject({ code: KytErrorCode.TRAVEL_RULE_INFO_REQUIRED });

    expect(await dataSourceOf(module).query('SELECT count(*)::int AS n FROM orders')).toEqual(before);
    const accepted = await place({ investorId, walletId, amount: '10000.00', travelRule });
    expect(accepted.status).toBe(OrderStatus.AWAITING_PAYMENT);
    const stored = await dataSourceOf(module).getRepository(OrderEntity).findOneByOrFail({ id: accepted.id });
    expect(stored.travelRule).toEqual(travelRule);
  });

  it('should hold the third order just under the threshold within 24 hours, and settle it after a CLEAR', async () => {
    await setRules({ structuringMinOrders: 3, structuringBandPercent: 10 });
    const { investorId, walletId } = await verifiedInvestor();

    const first = await place({ investorId, walletId, amount: '9500.00' });
    const second = await place({ investorId, walletId, amount: '9900.00' });
    const third = await place({ investorId, walletId, amount: '9000.00' });

    expect([first.status, second.status]).toEqual([OrderStatus.AWAITING_PAYMENT, OrderStatus.AWAITING_PAYMENT]);
    expect(third.status).toBe(OrderStatus.ON_HOLD);
    const alert = (await alertOn(third.id))!;
    expect(alert).toMatchObject({ severity: 'MEDIUM', score: 60, overdue: false, reasons: [expect.objectContaining({ code: KytReasonCode.STRUCTURING_SUSPECTED })] });
    expect(new Date(alert.dueAt).getTime() - new Date(alert.createdAt).getTime()).toBe(72 * 3_600_000);

    const decided = await module.get(AlertsService).decide(compliance, alert.id, { decision: AlertDecision.CLEAR, reason: 'salary payments', resolutionCode: ResolutionCode.INFORMATION_PROVIDED });

    expect(decided).toMatchObject({ status: AlertStatus.CLEARED, resolutionCode: ResolutionCode.INFORMATION_PROVIDED });
    const orders = module.get(OrdersService);
    expect((await orders.get(tenants.distributor, third.id)).status).toBe(OrderStatus.AWAITING_PAYMENT);
    await orders.confirmPayment(tenants.issuer, third.id, { reference: `TT-${randomUUID()}` });
    expect(await module.get(OrderSettlementService).handleMintOrder(third.id)).toBe('settled');
    expect((await orders.get(tenants.distributor, third.id)).status).toBe(OrderStatus.SETTLED);
  });

  it('should refuse a resolution code that does not fit the decision', async () => {
    await setRules({ structuringMinOrders: 2 });
    const { investorId, walletId } = await verifiedInvestor();
    await place({ investorId, walletId, amount: '9999.00' });
    const held = await place({ investorId, walletId, amount: '9999.00' });
    const alert = (await alertOn(held.id))!;

    await expect(module.get(AlertsService).decide(compliance, alert.id, { decision: AlertDecision.CLEAR, reason: 'x', resolutionCode: ResolutionCode.TRUE_MATCH })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await module.get(AlertsService).get(alert.id)).status).toBe(AlertStatus.OPEN);
  });

  it('should hold an investor placing more orders than the velocity limit allows', async () => {
    await setRules({ velocityMaxOrders: 2, velocityWindowMinutes: 60 });
    const { investorId, walletId } = await verifiedInvestor();

    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await place({ investorId, walletId, amount: '1000.00' })).status);

    expect(statuses).toEqual([OrderStatus.AWAITING_PAYMENT, OrderStatus.AWAITING_PAYMENT, OrderStatus.ON_HOLD]);
  });

  it('should hold a large subscription into a freshly bound wallet', async () => {
    await setRules({ freshWalletHours: 24, freshWalletLargeAmount: '5000' });
    const { investorId, walletId } = await verifiedInvestor();

    const small = await place({ investorId, walletId, amount: '4999.99' });
    const large = await place({ investorId, walletId, amount: '5000.00' });

    expect(small.status).toBe(OrderStatus.AWAITING_PAYMENT);
    expect(large.status).toBe(OrderStatus.ON_HOLD);
    expect((await alertOn(large.id))!.reasons.map((reason) => reason.code)).toEqual([KytReasonCode.LARGE_AMOUNT_FRESH_WALLET]);
  });

  it('should list only undecided alerts past their due time with overdue=true', async () => {
    await setRules({ structuringMinOrders: 2 });
    const { investorId, walletId } = await verifiedInvestor();
    await place({ investorId, walletId, amount: '9999.00' });
    const held = await place({ investorId, walletId, amount: '9999.00' });
    const alert = (await alertOn(held.id))!;
    await dataSourceOf(module).query(`UPDATE kyt_alerts SET due_at = now() - interval '1 minute' WHERE id = $1`, [alert.id]);

    const overdue = await module.get(AlertsService).list({ overdue: true }, { limit: 500 });
    const notOverdue = await module.get(AlertsService).list({ overdue: false }, { limit: 500 });

    expect(overdue.items.map((item) => item.id)).toContain(alert.id);
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    expect(notOverdue.items.map((item) => item.id)).not.toContain(alert.id);
  });

  it('should keep fund thresholds per fund, with defaults elsewhere', async () => {
    await setRules({ travelRuleThreshold: '12345.67' });

    expect(await module.get(FundRulesService).get(fundId)).toMatchObject({ fundId, travelRuleThreshold: '12345.67' });
    const withoutRules = await createFund(module, tenants);
    expect(await module.get(FundRulesService).get(withoutRules.id)).toMatchObject(DEFAULT_FUND_RULES);
    // Issue 11: the defaults are for funds that set none, not for funds that do not exist.
    await expect(module.get(FundRulesService).get(randomUUID())).rejects.toMatchObject({ code: KytErrorCode.FUND_NOT_FOUND });
    await expect(module.get(FundRulesService).put(compliance, randomUUID(), { ...DEFAULT_FUND_RULES })).rejects.toMatchObject({ code: KytErrorCode.FUND_NOT_FOUND });
  });
});
