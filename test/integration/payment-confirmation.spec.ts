import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { InvalidTransitionError, OrganizationType, Role, type Actor } from '@rwa/common';
import { IdempotencyException } from '@rwa/idempotency';
import { DEFAULT_FUND_RULES, FundRulesService } from '@rwa/kyt';
import { OrderIntakeService, OrdersService, OrderStatus, OrderType, PaymentConfirmationService, type OrderResponseDto } from '@rwa/orders';
import { WalletRegistrationService } from '@rwa/wallets';
import { createInvestorWithWallet, createPlatformModule, createShelvedFund, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

const compliance: Actor = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null };

/**
 * The payment confirmation's one-statement path must leave exactly what the full path leaves (the
 * order MINTING with its reference, the mint intent, the audit rows) and answer the same, and give
 * way to the full path whenever its guards fail.
 */
describe(PaymentConfirmationService.name, () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let confirmations: PaymentConfirmationService;
  let investorId: string;
  let walletId: string;

  beforeAll(async () => {
    module = await createPlatformModule();
    tenants = await createTenants(module);
    ({ fundId } = await createShelvedFund(module, tenants));
    await module.get(FundRulesService).put(compliance, fundId, { ...DEFAULT_FUND_RULES, freshWalletHours: 0, velocityMaxOrders: 1000 });
    ({ investorId, walletId } = await createInvestorWithWallet(module, tenants));
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    confirmations = module.get(PaymentConfirmationService);
  });

  afterAll(async () => {
    await module?.close();
  });

  async function placed(amount = '2500.00'): Promise<string> {
    const request = { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount };
    const answer = await module.get(OrderIntakeService).place(tenants.distributor, randomUUID(), 'h', request);
    return (answer.body as OrderResponseDto).id;
  }
  const stateOf = async (orderId: string) => {
    const dataSource = dataSourceOf(module);
    const [order] = await dataSource.query('SELECT status, reference_seq IS NOT NULL AS referenced, units::text, nav::text, cash_remainder::text, payment_reference FROM orders WHERE id = $1', [orderId]);
    const intents = await dataSource.query('SELECT job_name, payload FROM outbox_messages WHERE job_id = $1', [`mint-order-${orderId}`]);
    const audit = await dataSource.query(`SELECT from_status, to_status, reason FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [orderId]);
    return { order, intents, audit };
  };

  it('should confirm as the full path does: the same answer, order, reference, mint intent and audit rows', async () => {
    const [fast, full] = [await placed(), await placed()];
    const fullPath = jest.spyOn(module.get(OrdersService), 'confirmPayment');

    // A reference pays once per issuer: each path gets its own, and the comparison names them alike.
    const answer = await confirmations.confirm(tenants.issuer, fast, { reference: 'TT-1-fast' }, { key: randomUUID(), requestHash: 'a'.repeat(64) });
    expect(fullPath).not.toHaveBeenCalled();
    fullPath.mockRestore();
    const expected = await module.get(OrdersService).confirmPayment(tenants.issuer, full, { reference: 'TT-1-full' });

    const same = (text: string | null) => text?.replace(/TT-1-(fast|full)/, 'TT-1') ?? null;
    const strip = (body: OrderResponseDto) => ({
      ...body,
      id: undefined,
      createdAt: undefined,
      paymentReference: same(body.paymentReference),
      events: body.events.map(({ from, to, reason }) => ({ from, to, reason: same(reason) })),
    });
    expect(answer.statusCode).toBe(200);
    expect(strip(answer.body as OrderResponseDto)).toEqual(strip(expected));
    expect((answer.body as OrderResponseDto).status).toBe(OrderStatus.MINTING);
    const fetched = await module.get(OrdersService).get(tenants.issuer, fast);
    expect(strip(fetched)).toEqual(strip(answer.body as OrderResponseDto));
    const normalised = (state: Awaited<ReturnType<typeof stateOf>>) => ({
      ...state,
      order: { ...state.order, payment_reference: same(state.order.payment_reference) },
      audit: state.audit.map((row: { reason: string | null }) => ({ ...row, reason: same(row.reason) })),
    });
    const [fastState, fullState] = [normalised(await stateOf(fast)), normalised(await stateOf(full))];
    expect(fastState).toEqual({ ...fullState, intents: [{ job_name: 'mint-order', payload: { orderId: fast } }] });
    expect(fastState.order.referenced).toBe(true);
    expect(fastState.audit).toHaveLength(5);
  });

  it('should replay a key, refuse it for another request, and refuse a second confirmation', async () => {
    const orderId = await placed();
    const key = randomUUID();

    const first = await confirmations.confirm(tenants.issuer, orderId, { reference: 'TT-2' }, { key, requestHash: 'b'.repeat(64) });
    const again = await confirmations.confirm(tenants.issuer, orderId, { reference: 'TT-2' }, { key, requestHash: 'b'.repeat(64) });

    expect(again).toEqual(JSON.parse(JSON.stringify(first)));
    await expect(confirmations.confirm(tenants.issuer, orderId, { reference: 'TT-3' }, { key, requestHash: 'c'.repeat(64) })).rejects.toThrow(IdempotencyException);
    await expect(confirmations.confirm(tenants.issuer, orderId, { reference: 'TT-4' }, { key: randomUUID(), requestHash: 'd'.repeat(64) })).rejects.toThrow(InvalidTransitionError);
    expect((await stateOf(orderId)).audit).toHaveLength(5);
  });

  it("should not confirm another issuer's order", async () => {
    const orderId = await placed();
    const stranger: Actor = { ...tenants.issuer, organizationId: randomUUID() };

    await expect(confirmations.confirm(stranger, orderId, { reference: 'TT-5' })).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect((await stateOf(orderId)).order.status).toBe(OrderStatus.AWAITING_PAYMENT);
  });

  it('should confirm concurrent payments in shared statements, each once with its own reference', async () => {
    const orderIds = await Promise.all(Array.from({ length: 24 }, () => placed()));

    const answers = await Promise.all(orderIds.map((orderId, index) => confirmations.confirm(tenants.issuer, orderId, { reference: `TT-C${index}` }, { key: randomUUID(), requestHash: 'e'.repeat(64) })));

    expect(answers.every((answer) => (answer.body as OrderResponseDto).status === OrderStatus.MINTING)).toBe(true);
    const rows = await dataSourceOf(module).query('SELECT reference_seq FROM orders WHERE id = ANY($1::uuid[])', [orderIds]);
    expect(new Set(rows.map((row: { reference_seq: string }) => row.reference_seq)).size).toBe(24);
    const [{ intents }] = await dataSourceOf(module).query(`SELECT count(*)::int AS intents FROM outbox_messages WHERE job_id = ANY($1::varchar[])`, [orderIds.map((id) => `mint-order-${id}`)]);
    expect(intents).toBe(24);
  });
});
