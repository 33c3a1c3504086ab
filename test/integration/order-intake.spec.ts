import { jest } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import pgUtils from 'pg/lib/utils.js';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { SqlStatement } from '@rwa/database';
import { CalendarsService, FundsService } from '@rwa/funds';
import { IdempotencyException } from '@rwa/idempotency';
import { InvestorsService } from '@rwa/investors';
import { DEFAULT_FUND_RULES, FundRulesService } from '@rwa/kyt';
import { WalletRegistrationService, WalletsService } from '@rwa/wallets';
import { OrderIntakeService, OrdersException, OrdersService, OrderStatus, OrderType, type CreateOrderRequestDto } from '@rwa/orders';
import { createInvestorWithWallet, createPlatformModule, createShelvedFund, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

const { escapeLiteral, prepareValue } = pgUtils;
const compliance: Actor = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null };
const hashOf = (request: CreateOrderRequestDto) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * The intake's one-statement path must answer exactly as the full path does: the same order, history,
 * screening record and audit rows when it applies, and the full path's answer whenever anything it
 * read (maybe from its cache) no longer holds.
 */
describe(OrderIntakeService.name, () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let intake: OrderIntakeService;

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
    ({ fundId } = await createShelvedFund(module, tenants));
    await module.get(FundRulesService).put(compliance, fundId, { ...DEFAULT_FUND_RULES, freshWalletHours: 0, velocityMaxOrders: 3, velocityWindowMinutes: 60 });
    intake = module.get(OrderIntakeService);
  });

  afterAll(async () => {
    await module?.close();
  });

  /** An investor with a screened, registered wallet. */
  async function onboarded(): Promise<{ investorId: string; walletId: string }> {
    const { investorId, walletId } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    return { investorId, walletId };
  }

  const subscription = (investorId: string, walletId: string, amount = '5000.00'): CreateOrderRequestDto => ({ type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount });
  const rowsOf = async (orderId: string) => {
    const dataSource = dataSourceOf(module);
    const [order] = await dataSource.query('SELECT status, amount::text, dealing_date::text FROM orders WHERE id = $1', [orderId]);
    const audit = await dataSource.query('SELECT action, from_status, to_status, reason FROM audit_events WHERE entity_id = $1 ORDER BY seq', [orderId]);
    const screenings = await dataSource.query('SELECT score, level, amount::text FROM kyt_order_screenings WHERE order_id = $1', [orderId]);
    return { order, audit, screenings };
  };

  it('should place a clean subscription as the full path does: order, history, screening and audit rows', async () => {
    const { investorId, walletId } = await onboarded();
    const request = subscription(investorId, walletId);

    const fullPathPlace = jest.spyOn(module.get(OrdersService), 'place');
    const answer = await intake.place(tenants.distributor, randomUUID(), hashOf(request), request);
    expect(fullPathPlace).not.toHaveBeenCalled();
    fullPathPlace.mockRestore();
    const fullPath = await dataSourceOf(module).transaction((manager) => module.get(OrdersService).place(tenants.distributor, subscription(investorId, walletId), manager));

    expect(answer.statusCode).toBe(201);
    const body = answer.body as { id: string; status: string; amount: string; events: { from: string | null; to: string; reason: string | null }[] };
    expect(body).toMatchObject({ status: OrderStatus.AWAITING_PAYMENT, amount: fullPath.amount, dealingDate: fullPath.dealingDate, currency: fullPath.currency });
    expect(body.events.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual(fullPath.events.map(({ from, to, reason }) => ({ from, to, reason })));
    const fetched = await module.get(OrdersService).get(tenants.distributor, body.id);
    expect({ ...fetched, events: fetched.events.map(({ from, to, reason }) => ({ from, to, reason })) }).toEqual({
      ...body,
      events: body.events.map(({ from, to, reason }) => ({ from, to, reason })),
    });
    const [fast, full] = [await rowsOf(body.id), await rowsOf(fullPath.id)];
    expect(fast).toEqual(full);
    expect(fast.audit).toHaveLength(2);
    expect(fast.screenings).toEqual([{ score: 0, level: 'LOW', amount: '500000' }]);
  });

  it('should replay an answer for the same key and refuse the key with another request, placing nothing more', async () => {
    const { investorId, walletId } = await onboarded();
    const request = subscription(investorId, walletId);
    const key = randomUUID();

    const first = await intake.place(tenants.distributor, key, hashOf(request), request);
    const again = await intake.place(tenants.distributor, key, hashOf(request), request);
    const other = subscription(investorId, walletId, '6000.00');

    expect(again).toEqual(JSON.parse(JSON.stringify(first)));
    await expect(intake.place(tenants.distributor, key, hashOf(other), other)).rejects.toThrow(IdempotencyException);
    const [{ count }] = await dataSourceOf(module).query('SELECT count(*)::int AS count FROM orders WHERE investor_id = $1', [investorId]);
    expect(count).toBe(1);
  });

  it('should refuse an order into a wallet frozen since it was cached, and place nothing', async () => {
    const { investorId, walletId } = await onboarded();
    await intake.place(tenants.distributor, randomUUID(), 'h', subscription(investorId, walletId)); // caches the wallet
    await dataSourceOf(module).query('UPDATE wallets SET frozen = true WHERE id = $1', [walletId]); // as another process would

    await expect(intake.place(tenants.distributor, randomUUID(), 'h', subscription(investorId, walletId))).rejects.toThrow(OrdersException);
    const [{ count }] = await dataSourceOf(module).query('SELECT count(*)::int AS count FROM orders WHERE wallet_id = $1', [walletId]);
    expect(count).toBe(1);
  });

  it('should refuse an investor whose KYC was rejected since it was cached', async () => {
    const { investorId, walletId } = await onboarded();
    await intake.place(tenants.distributor, randomUUID(), 'h', subscription(investorId, walletId));
    await dataSourceOf(module).query(`UPDATE investors SET kyc_status = 'REJECTED' WHERE id = $1`, [investorId]);

    await expect(intake.place(tenants.distributor, randomUUID(), 'h', subscription(investorId, walletId))).rejects.toMatchObject({ code: 'KYC_NOT_APPROVED' });
  });

  it('should hold the order that breaks the velocity rule, as the full path does', async () => {
    const { investorId, walletId } = await onboarded();
    const fullPathPlace = jest.spyOn(module.get(OrdersService), 'place');
    const placed = [];
    for (let index = 0; index < 4; index += 1) placed.push(await intake.place(tenants.distributor, randomUUID(), 'h', subscription(investorId, walletId)));

    expect(fullPathPlace).toHaveBeenCalledTimes(1);
    expect(placed.map((answer) => (answer.body as { status: string }).status)).toEqual([
      OrderStatus.AWAITING_PAYMENT,
      OrderStatus.AWAITING_PAYMENT,
      OrderStatus.AWAITING_PAYMENT,
      OrderStatus.ON_HOLD,
    ]);
    fullPathPlace.mockRestore();
  });

  it('should place concurrent subscriptions in shared statements, each once with its own history, and a repeated key once', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => onboarded()));
    const { fundId: busyFund } = await createShelvedFund(module, tenants);
    await module.get(FundRulesService).put(compliance, busyFund, { ...DEFAULT_FUND_RULES, freshWalletHours: 0, velocityMaxOrders: 1000 });
    const subscription = (investorId: string, walletId: string, amount: string): CreateOrderRequestDto => ({ type: OrderType.SUBSCRIPTION, fundId: busyFund, investorId, walletId, amount });
    const commit = jest.spyOn(intake as unknown as { commit: (items: unknown[]) => Promise<unknown> }, 'commit');
    const requests = Array.from({ length: 40 }, (_, index) => subscription(people[index % 5]!.investorId, people[index % 5]!.walletId, `${1000 + index}.00`));
    const repeated = subscription(people[0]!.investorId, people[0]!.walletId, '7777.00');
    const repeatedKey = randomUUID();

    const answers = await Promise.all([
      ...requests.map((request) => intake.place(tenants.distributor, randomUUID(), hashOf(request), request)),
      intake.place(tenants.distributor, repeatedKey, hashOf(repeated), repeated),
      intake.place(tenants.distributor, repeatedKey, hashOf(repeated), repeated),
    ]);

    expect(Math.max(...commit.mock.calls.map(([items]) => items.length))).toBeGreaterThan(1);
    commit.mockRestore();
    const bodies = answers.map((answer) => answer.body as { id: string; amount: string; status: string });
    expect(bodies.every((body) => body.status === OrderStatus.AWAITING_PAYMENT)).toBe(true);
    expect(bodies[40]!.id).toBe(bodies[41]!.id);
    expect(new Set(bodies.map((body) => body.id)).size).toBe(41);
    expect(bodies.slice(0, 40).map((body) => body.amount)).toEqual(requests.map((request) => request.amount));
    const investorIds = people.map((person) => person.investorId);
    const [{ orders }] = await dataSourceOf(module).query('SELECT count(*)::int AS orders FROM orders WHERE investor_id = ANY($1::uuid[])', [investorIds]);
    expect(orders).toBe(41);
    for (const body of bodies.slice(0, 5)) {
      const fetched = await module.get(OrdersService).get(tenants.distributor, body.id);
      expect(fetched.events.map((event) => [event.from, event.to])).toEqual([
        [null, OrderStatus.RECEIVED],
        [OrderStatus.RECEIVED, OrderStatus.AWAITING_PAYMENT],
      ]);
    }
  });

  it('should guard each order with primary-key probes under a generic plan, whatever the statistics say', async () => {
    const { investorId, walletId } = await onboarded();
    const manager = dataSourceOf(module).manager;
    const distributorId = tenants.distributor.organizationId;
    const [fund, investor, wallet] = await Promise.all([
      module.get(FundsService).findForOrder(manager, distributorId, fundId),
      module.get(InvestorsService).findOwned(manager, distributorId, investorId),
      module.get(WalletsService).findForOrder(manager, distributorId, investorId, walletId),
    ]);
    const calendar = await module.get(CalendarsService).find(fund.calendar);
    const statement = new SqlStatement();
    const text = `SELECT ${module.get(FundsService).orderableSql(statement, fund, distributorId, calendar)} AS fund, ${module.get(InvestorsService).subscribableSql(statement, investor, new Date())} AS investor,
      ${module.get(WalletsService).orderableSql(statement, wallet)} AS wallet`;
    const runner = dataSourceOf(module).createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET plan_cache_mode = force_generic_plan');
      await runner.query(`PREPARE guards AS ${text}`);
      const literals = statement.params.map((value) => escapeLiteral(String(prepareValue(value))));
      const plan = ((await runner.query(`EXPLAIN EXECUTE guards(${literals.join(', ')})`)) as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
      const [answer] = (await runner.query(`EXECUTE guards(${literals.join(', ')})`)) as { fund: boolean; investor: boolean; wallet: boolean }[];

      expect(answer).toEqual({ fund: true, investor: true, wallet: true });
      for (const index of ['funds_pkey', 'fund_distributors_pkey', 'investors_pkey', 'wallets_pkey']) expect(plan).toContain(index);
      // The indexes of an owner's rows would be read through, one row after another.
      for (const index of ['idx_fund_distributors_distributor', 'uq_investors_external_ref', 'idx_wallets_investor']) expect(plan).not.toContain(index);
    } finally {
      await runner.query('DEALLOCATE ALL');
      await runner.release();
    }
  });
});

