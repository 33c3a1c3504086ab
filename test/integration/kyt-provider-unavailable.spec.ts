import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { AlertsService, AlertStatus, AlertSubjectType, KytReasonCode, RescreenService, ResolutionCode } from '@rwa/kyt';
import { OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { WalletRegistrationService, WalletsService, WalletStatus } from '@rwa/wallets';
import { startKytStub, type KytStub } from '../support/kyt-stub-server.js';
import { createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

const KYT_ENV = ['KYT_PROVIDER', 'KYT_HTTP_URL', 'KYT_HTTP_API_KEY', 'KYT_HTTP_TIMEOUT_MS', 'KYT_HTTP_RETRIES', 'KYT_HTTP_BREAKER_FAILURES', 'KYT_HTTP_BREAKER_RESET_MS'];

/** The external screening service through the HTTP adapter: fail closed while it is down, re-screen once it is back. */
describe('KYT with an external provider that goes down', () => {
  let stub: KytStub;
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;

  beforeAll(async () => {
    stub = await startKytStub();
    Object.assign(process.env, {
      KYT_PROVIDER: 'http',
      KYT_HTTP_URL: stub.url,
      KYT_HTTP_API_KEY: 'integration-key',
      KYT_HTTP_TIMEOUT_MS: '300',
      KYT_HTTP_RETRIES: '1',
      KYT_HTTP_BREAKER_FAILURES: '2',
      KYT_HTTP_BREAKER_RESET_MS: '200',
    });
    module = await createPlatformModule();
    tenants = await createTenants(module);
    ({ fundId } = await createShelvedFund(module, tenants));
  });

  afterAll(async () => {
    // Later suites in this worker process must see the default configuration again.
    for (const name of KYT_ENV) delete process.env[name];
    await module?.close();
    await stub?.close();
  });

  async function alertOn(subjectType: AlertSubjectType, subjectId: string) {
    const page = await module.get(AlertsService).list({ subjectType }, { limit: 500 });
    return page.items.find((alert) => alert.subjectId === subjectId);
  }

  /** Lets the circuit breaker's reset time pass, so the next call is a trial. */
  const breakerReset = () => new Promise((resolve) => setTimeout(resolve, 250));

  it('should hold a wallet bound while the provider is down, and verify it once the provider answers again', async () => {
    stub.mode = 'down';
    const { walletId } = await createInvestorWithWallet(module, tenants);

    expect((await module.get(WalletsService).get(tenants.distributor, walletId)).status).toBe(WalletStatus.PENDING_REVIEW);
    const held = (await alertOn(AlertSubjectType.WALLET, walletId))!;
    expect(held).toMatchObject({ status: AlertStatus.OPEN, reasons: [expect.objectContaining({ code: KytReasonCode.SCREENING_UNAVAILABLE })] });
    expect((await module.get(RescreenService).rescreenHeld()).released).toBe(0);

    stub.mode = 'up';
    await breakerReset();
    const report = await module.get(RescreenService).rescreenHeld();

    expect(report.released).toBeGreaterThanOrEqual(1);
    expect(await module.get(AlertsService).get(held.id)).toMatchObject({ status: AlertStatus.CLEARED, resolutionCode: ResolutionCode.RESCREENED_CLEAN });
    expect(await module.get(WalletRegistrationService).handleRegisterWallet(walletId)).toBe('done');
    expect((await module.get(WalletsService).get(tenants.distributor, walletId)).status).toBe(WalletStatus.VERIFIED);
  });

  it('should hold an order placed while the provider is down, and let it proceed after re-screening', async () => {
    stub.mode = 'up';
    await breakerReset();
    const { investorId, walletId } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    stub.mode = 'down';

    const order = await dataSourceOf(module).transaction((manager) =>
      module.get(OrdersService).place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '5000.00' }, manager),
    );

    expect(order.status).toBe(OrderStatus.ON_HOLD);
    stub.mode = 'up';
    await breakerReset();
    await module.get(RescreenService).rescreenHeld();
    expect((await module.get(OrdersService).get(tenants.distributor, order.id)).status).toBe(OrderStatus.AWAITING_PAYMENT);
    await module.get(OrdersService).confirmPayment(tenants.issuer, order.id, { reference: `TT-${randomUUID()}` });
  });

  it('should keep holding, with the real findings, a subject the provider flags once it is back', async () => {
    stub.mode = 'down';
    const { walletId, account } = await createInvestorWithWallet(module, tenants);
    stub.mode = 'up';
    stub.verdicts.set(account.address.toLowerCase(), { score: 95, level: 'SEVERE', reasons: [{ code: 'SANCTIONS_EXPOSURE', message: 'direct exposure' }] });
    await breakerReset();

    await module.get(RescreenService).rescreenHeld();

    const alert = (await alertOn(AlertSubjectType.WALLET, walletId))!;
    expect(alert).toMatchObject({ status: AlertStatus.OPEN, severity: 'SEVERE', reasons: [expect.objectContaining({ code: 'EXTERNAL_SANCTIONS_EXPOSURE' })] });
    expect((await module.get(WalletsService).get(tenants.distributor, walletId)).status).toBe(WalletStatus.PENDING_REVIEW);
  });

  it('should never call the provider while a transaction of the platform is open: binding, and re-screening wallets and orders (issue 11)', async () => {
    const dataSource = dataSourceOf(module);
    const observed: number[] = [];
    // While the provider is answering, a transaction waiting on it would sit idle in transaction.
    stub.onCall = async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const [row] = (await dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%' AND now() - state_change > interval '100 milliseconds'`,
      )) as { waiting: number }[];
      observed.push(row!.waiting);
    };
    try {
      stub.mode = 'up';
      await breakerReset();
      const bound = await createInvestorWithWallet(module, tenants);
      await module.get(WalletRegistrationService).handleRegisterWallet(bound.walletId);
      stub.mode = 'down';
      const heldWallet = await createInvestorWithWallet(module, tenants);
      // As the API places it: what needs the network is read before the transaction.
      const request = { type: OrderType.SUBSCRIPTION, fundId, investorId: bound.investorId, walletId: bound.walletId, amount: '5000.00' };
      const context = await module.get(OrdersService).preparePlacement(tenants.distributor, request);
      const order = await dataSource.transaction((manager) => module.get(OrdersService).place(tenants.distributor, request, manager, context));
      expect(order.status).toBe(OrderStatus.ON_HOLD);
      stub.mode = 'up';
      await breakerReset();
      const callsBefore = observed.length;

      const report = await module.get(RescreenService).rescreenHeld();

      expect(report.released).toBeGreaterThanOrEqual(2);
      expect((await module.get(WalletsService).get(tenants.distributor, heldWallet.walletId)).status).not.toBe(WalletStatus.PENDING_SCREENING);
      expect((await module.get(OrdersService).get(tenants.distributor, order.id)).status).toBe(OrderStatus.AWAITING_PAYMENT);
      expect(observed.length).toBeGreaterThan(callsBefore);
      expect(observed.filter((waiting) => waiting > 0)).toEqual([]);
    } finally {
      stub.onCall = null;
    }
  });
});
