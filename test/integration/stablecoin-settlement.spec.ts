import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { encodeFunctionData, erc20Abi, getAddress, type Address } from 'viem';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { ChainClients, ChainTransactionEntity, EIP2612_PERMIT_TYPES, fundTokenAbi, testStablecoinAbi, TransactionManager, type PermitDomain } from '@rwa/chain';
import { ChainIndexerService, HoldingsModule } from '@rwa/holdings';
import { IncomeModule, ReconciliationService } from '@rwa/income';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { FundStablecoinStatus, LocalStablecoin, StablecoinPaymentEntity, StablecoinsService } from '@rwa/stablecoins';
import { createHolder, createPlatformModule, createShelvedFund, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/**
 * The stablecoin flow against a real Postgres and Hardhat node: the fund's settlement contract
 * configured by its job (once per version), and the settlement job of a permit subscription run
 * twice at once: one transaction, the stablecoin and the units moved once, the order SETTLED; the
 * reconciliation of the fund then counts its stablecoin leg against the platform's payment.
 */
describe('stablecoin settlement', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let tokenAddress: Address;
  let coin: { id: string; address: Address };
  let clients: ChainClients;
  let settled: { orderId: string; wallet: Address } | undefined;

  beforeAll(async () => {
    module = await createPlatformModule([HoldingsModule, IncomeModule]);
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    ({ fundId, tokenAddress } = await createShelvedFund(module, tenants));
    const address = (await module.get(LocalStablecoin).ensure())!;
    const listed = await module.get(StablecoinsService).list({ limit: 200 });
    coin = { id: listed.items.find((item) => item.address === address)!.id, address };
  }, 60_000);

  afterAll(async () => {
    await module?.close();
  });

  it('should configure the settlement contract once per version of the settings, and skip an older version', async () => {
    const sut = module.get(StablecoinsService);
    const treasury = privateKeyToAccount(generatePrivateKey()).address;

    const first = await sut.configure(tenants.issuer, fundId, coin.id, { treasury, instantRedemptionDailyCap: '1000', instantRedemptionPerInvestorDailyCap: '100' });
    await sut.configure(tenants.issuer, fundId, coin.id, { treasury, instantRedemptionDailyCap: '2000', instantRedemptionPerInvestorDailyCap: '200' });
    const outcomes = [await sut.handleConfigureFundStablecoin(fundId, coin.id, 1), await sut.handleConfigureFundStablecoin(fundId, coin.id, 2), await sut.handleConfigureFundStablecoin(fundId, coin.id, 2)];

    expect(first.status).toBe(FundStablecoinStatus.CONFIGURING);
    expect(outcomes).toEqual(['skipped', 'done', 'skipped']);
    const route = await sut.getForFund(tenants.issuer, fundId, coin.id);
    expect(route).toMatchObject({ status: FundStablecoinStatus.ACTIVE, instantRedemptionDailyCap: '2000', instantRedemptionPerInvestorDailyCap: '200', treasury });
    expect(await sut.listForFund({ ...tenants.issuer, organizationId: randomUUID() }, fundId).catch((error: { code: string }) => error.code)).toBe('FUND_NOT_FOUND');
  });

  it('should settle a permit subscription in one transaction however often its job runs', async () => {
    const { investorId, walletId, account } = await createHolder(module, tenants, fundId, '0');
    await module.get(TransactionManager).execute(`faucet-${walletId}`, {
      to: coin.address,
      data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'mint', args: [account.address, 5_000_000_000n] }),
    });
    const orders = module.get(OrdersService);
    const placed = await dataSourceOf(module).transaction((manager) =>
      orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '2500.00', payment: { method: 'STABLECOIN', stablecoinId: coin.id } }, manager),
    );
    const typedData = placed.paymentAuthorization!.typedData as { domain: PermitDomain; message: Record<'owner' | 'spender' | 'value' | 'nonce' | 'deadline', string> };
    const { message } = typedData;
    const signature = await account.signTypedData({
      domain: typedData.domain,
      types: EIP2612_PERMIT_TYPES,
      primaryType: 'Permit',
      message: { owner: getAddress(message.owner), spender: getAddress(message.spender), value: BigInt(message.value), nonce: BigInt(message.nonce), deadline: BigInt(message.deadline) },
    });

    const authorized = await orders.authorizePayment(tenants.distributor, placed.id, { signature });
    const sut = module.get(OrderSettlementService);
    const outcomes = await Promise.all([sut.handleMintOrder(placed.id), sut.handleMintOrder(placed.id)]);
    const again = await sut.handleMintOrder(placed.id);

    expect(authorized.status).toBe(OrderStatus.MINTING);
    expect(outcomes).toContain('settled');
    expect(again).toBe('skipped');
    const order = await dataSourceOf(module).getRepository(OrderEntity).findOneByOrFail({ id: placed.id });
    const payment = await dataSourceOf(module).getRepository(StablecoinPaymentEntity).findOneByOrFail({ orderId: placed.id });
    const transactions = await dataSourceOf(module).getRepository(ChainTransactionEntity).findBy({ intentKey: `stablecoin-${placed.id}` });
    expect(order).toMatchObject({ status: OrderStatus.SETTLED, units: '2500000000' });
    expect(transactions).toHaveLength(1);
    expect(payment).toMatchObject({ method: 'PERMIT', txHash: order.txHash, settledAmount: '2500000000' });
    expect(await clients.publicClient.readContract({ address: coin.address, abi: erc20Abi, functionName: 'balanceOf', args: [getAddress(account.address)] })).toBe(2_500_000_000n);
    expect(await clients.publicClient.readContract({ address: tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] })).toBe(2_500_000_000n);
    settled = { orderId: placed.id, wallet: getAddress(account.address) };
  });

  it("should reconcile the indexed stablecoin legs with the platform's payments: a payment recorded for another amount is a break until it agrees", async () => {
    const { orderId, wallet } = settled!;
    const dataSource = dataSourceOf(module);
    const sut = module.get(ReconciliationService);
    const reconcile = async () => {
      const { id } = await sut.request(tenants.issuer, fundId);
      await sut.handleReconcileFund(id);
      return sut.get(tenants.issuer, fundId, id);
    };
    await module.get(ChainIndexerService).indexOnce();
    const legs = await dataSource.query('SELECT kind, payer, amount::text AS amount FROM stablecoin_legs WHERE fund_id = $1', [fundId]);

    const agreeing = await reconcile();
    // The platform's record of the payment says less than the chain moved (a lost or altered record).
    await dataSource.query('UPDATE stablecoin_payments SET settled_amount = 2400000000 WHERE order_id = $1', [orderId]);
    const broken = await reconcile();
    const again = await reconcile();
    await dataSource.query('UPDATE stablecoin_payments SET settled_amount = 2500000000 WHERE order_id = $1', [orderId]);
    const mended = await reconcile();

    expect(legs).toEqual([{ kind: 'SUBSCRIBED', payer: wallet, amount: '2500000000' }]);
    expect(agreeing).toMatchObject({ status: 'COMPLETED', breaks: [] });
    expect(broken.breaks).toEqual([
      expect.objectContaining({ kind: 'STABLECOIN_LEDGER_VS_CHAIN', address: wallet, stablecoin: coin.address, register: null, chain: '2500.000000', ledger: '2400.000000', status: 'OPEN', alertId: expect.any(String) }),
    ]);
    // Found again by the next run, not opened twice; resolved once the sources agree.
    expect(again.breaks.map((b) => b.id)).toEqual(broken.breaks.map((b) => b.id));
    expect(mended.breaks).toEqual([]);
    expect(await dataSource.query('SELECT status FROM reconciliation_breaks WHERE fund_id = $1', [fundId])).toEqual([{ status: 'RESOLVED' }]);
    const events = await dataSource.query("SELECT data FROM events WHERE type = 'reconciliation.break' AND data->>'fundId' = $1", [fundId]);
    expect(events).toEqual([{ data: expect.objectContaining({ kind: 'STABLECOIN_LEDGER_VS_CHAIN', stablecoin: coin.address, chain: '2500.000000', ledger: '2400.000000' }) }]);
  }, 60_000);
});
