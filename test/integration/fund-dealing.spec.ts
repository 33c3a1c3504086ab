import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { CalendarsService, FundDeploymentService, FundPricing, FundsService, InvestorClass, todayIn } from '@rwa/funds';
import { DEFAULT_FUND_RULES, FundRulesService } from '@rwa/kyt';
import { OrderIntakeService, OrdersService, OrderStatus, OrderType, PaymentConfirmationService, type OrderResponseDto } from '@rwa/orders';
import { WalletRegistrationService } from '@rwa/wallets';
import { adminActor, createInvestorWithWallet, createPlatformModule, createShelvedFund, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';
import { complianceActor as compliance, daytimeZone } from './support/forward-stablecoin.js';

jest.setTimeout(120_000);

/**
 * The rules that bind at pricing, under concurrency: holder caps counted under the fund's lock, and
 * a NAV that can never be replaced once an order was priced at it, however the two interleave.
 */
describe('fund dealing under concurrency', () => {
  let module: TestingModule;
  let tenants: Tenants;

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
  });

  afterAll(async () => {
    await module?.close();
  });

  async function investors(fundId: string, count: number): Promise<{ investorId: string; walletId: string }[]> {
    const created = [];
    for (let i = 0; i < count; i++) {
      const investor = await createInvestorWithWallet(module, tenants);
      await module.get(WalletRegistrationService).handleRegisterWallet(investor.walletId);
      created.push(investor);
    }
    await module.get(FundRulesService).put(compliance, fundId, { ...DEFAULT_FUND_RULES, freshWalletHours: 0, velocityMaxOrders: 1000 });
    return created;
  }

  async function placed(fundId: string, investor: { investorId: string; walletId: string }, amount = '2000.00'): Promise<string> {
    const answer = await module.get(OrderIntakeService).place(tenants.distributor, randomUUID(), 'h', { type: OrderType.SUBSCRIPTION, fundId, ...investor, amount });
    expect(answer.statusCode).toBe(201);
    return (answer.body as OrderResponseDto).id;
  }

  /** A deployed FORWARD fund on the distributor's shelf, in a daytime zone, dealing every day until 23:59. */
  async function forwardFund(symbol: string): Promise<{ id: string; zone: string }> {
    const zone = daytimeZone();
    const calendar = `IT-${randomUUID().slice(0, 6).toUpperCase()}`;
    await module.get(CalendarsService).put(adminActor, calendar, { name: 'every day', holidays: [], weekendDays: [] });
    const created = await module.get(FundsService).create(tenants.issuer, {
      name: 'Forward fund',
      symbol,
      currency: 'HKD',
      initialNav: '1',
      minSubscription: '1000.00',
      cutOffTime: '23:59',
      timezone: zone,
      settlementDays: 0,
      pricing: FundPricing.FORWARD,
      eligibleJurisdictions: ['HK'],
      eligibleInvestorClasses: [InvestorClass.PROFESSIONAL],
      calendar,
    });
    await module.get(FundDeploymentService).handleDeployFund(created.id);
    await module.get(FundsService).shelve(tenants.issuer, created.id, tenants.distributor.organizationId);
    return { id: created.id, zone };
  }

  it('should let only maxHolders new holders through concurrent payment confirmations, refunding the others', async () => {
    const { fundId } = await createShelvedFund(module, tenants);
    await module.get(FundsService).update(tenants.issuer, fundId, { maxHolders: 2 });
    const orders = await Promise.all((await investors(fundId, 5)).map((investor) => placed(fundId, investor)));

    const answers = await Promise.all(orders.map((orderId, i) => module.get(PaymentConfirmationService).confirm(tenants.issuer, orderId, { reference: `CAP-${i}-${randomUUID()}` })));

    const statuses = answers.map((answer) => (answer.body as OrderResponseDto).status);
    expect(statuses.filter((status) => status === OrderStatus.MINTING)).toHaveLength(2);
    const refunded = answers.map((answer) => answer.body as OrderResponseDto).filter((order) => order.status === OrderStatus.REFUND_PENDING);
    expect(refunded).toHaveLength(3);
    expect(refunded.every((order) => order.failureCode === 'FUND_MAX_HOLDERS_REACHED')).toBe(true);
  });

  it('should never leave an order priced at a NAV that a concurrent publication replaced', async () => {
    for (let round = 0; round < 4; round++) {
      const created = await forwardFund(`FWD${round}`);
      const today = todayIn(created.zone);
      const [investor] = await investors(created.id, 1);
      const orderId = await placed(created.id, investor!);
      await module.get(FundsService).publishNav(tenants.issuer, created.id, { nav: '1.01', asOf: today });

      const [confirmation, correction] = await Promise.allSettled([
        module.get(PaymentConfirmationService).confirm(tenants.issuer, orderId, { reference: `RACE-${randomUUID()}` }),
        module.get(FundsService).publishNav(tenants.issuer, created.id, { nav: '1.015', asOf: today }),
      ]);

      expect(confirmation.status).toBe('fulfilled');
      const [row] = (await dataSourceOf(module).query('SELECT nav::text AS nav, nav_as_of::text AS nav_as_of FROM orders WHERE id = $1', [orderId])) as { nav: string; nav_as_of: string }[];
      const [published] = (await dataSourceOf(module).query('SELECT nav::text AS nav FROM fund_navs WHERE fund_id = $1 AND as_of = $2', [created.id, today])) as { nav: string }[];
      // Whichever came first, the order's NAV is the one published for its day.
      expect({ round, order: row!.nav, published: published!.nav, asOf: row!.nav_as_of }).toEqual({ round, order: published!.nav, published: published!.nav, asOf: today });
      if (correction.status === 'rejected') expect((correction.reason as { code?: string }).code).toBe('NAV_ALREADY_DEALT');
      else expect(published!.nav).toBe('1.01500000');
    }
  });

  it('should keep concurrent cancellations and the strike from both taking an order', async () => {
    const created = await forwardFund('FWDC');
    const [investor] = await investors(created.id, 1);
    const orders = await Promise.all([1, 2, 3, 4].map(() => placed(created.id, investor!)));
    for (const orderId of orders) expect((await module.get(OrdersService).confirmPayment(tenants.issuer, orderId, { reference: `P-${randomUUID()}` })).status).toBe(OrderStatus.PRICING);

    const outcomes = await Promise.allSettled([
      module.get(FundsService).publishNav(tenants.issuer, created.id, { nav: '1', asOf: todayIn(created.zone) }),
      ...orders.map((orderId) => module.get(OrdersService).cancel(tenants.distributor, orderId)),
    ]);

    expect(outcomes[0]!.status).toBe('fulfilled');
    const statuses = await Promise.all(orders.map(async (orderId) => (await module.get(OrdersService).get(tenants.issuer, orderId)).status));
    // Each order was either priced by the strike (and no longer cancellable) or cancelled before it: never both.
    for (const [i, status] of statuses.entries()) {
      const cancelled = outcomes[i + 1]!.status === 'fulfilled';
      expect({ i, status }).toEqual({ i, status: cancelled ? OrderStatus.REFUND_PENDING : OrderStatus.MINTING });
    }
  });
});
