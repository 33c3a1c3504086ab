import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { erc20Abi, getAddress, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { ChainClients, ChainTransactionEntity, fundTokenAbi } from '@rwa/chain';
import { FundsService, todayIn } from '@rwa/funds';
import { AlertDecision, AlertsService, AlertStatus, AlertSubjectType, KytService } from '@rwa/kyt';
import { OrderEntity, OrderSettlementService, OrdersErrorCode, OrdersService, OrderStatus } from '@rwa/orders';
import { SettlementContracts, StablecoinPaymentEntity } from '@rwa/stablecoins';
import { authorisedSubscription as authorise, complianceActor, forwardStablecoinFund, type ForwardStablecoinFund } from './support/forward-stablecoin.js';
import { createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

jest.setTimeout(120_000);

/**
 * The FORWARD stablecoin flow against a real Postgres and Hardhat node: a permit subscription's
 * stablecoin into escrow before the cut-off, priced at its dealing day's NAV once published (the
 * day struck and the request settled on chain: units minted, cost to the treasury, remainder
 * refunded), and a request cancelled before the cut-off refunded from escrow in full; a request
 * whose wallet is listed after its escrow is held at the mint, and a confirmed hit leaves it
 * REFUND_PENDING with the stablecoin still in escrow (not REJECTED as if nothing had moved).
 */
describe('stablecoin settlement of a FORWARD fund', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let clients: ChainClients;
  let fund: ForwardStablecoinFund;
  let coin: ForwardStablecoinFund['coin'];
  const treasury = privateKeyToAccount(generatePrivateKey()).address;

  const balanceOf = (address: Address, owner: Address) => clients.publicClient.readContract({ address, abi: erc20Abi, functionName: 'balanceOf', args: [getAddress(owner)] });
  const authorisedSubscription = (amount: string) => authorise(module, tenants, fund, amount);

  beforeAll(async () => {
    module = await createPlatformModule();
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    fund = await forwardStablecoinFund(module, tenants, treasury);
    coin = fund.coin;
  }, 120_000);

  afterAll(async () => {
    await module?.close();
  });

  // First: the next test moves the shared chain's clock past the cut-off.
  it("should hold at the mint a request whose wallet was listed after its escrow, and on a confirmed hit keep it REFUND_PENDING with the stablecoin in escrow, refusing a refund by hand", async () => {
    const settlement = (await module.get(SettlementContracts).get())!;
    const held = await forwardStablecoinFund(module, tenants, treasury);
    const sut = module.get(OrderSettlementService);
    const orders = module.get(OrdersService);
    const repository = dataSourceOf(module).getRepository(OrderEntity);
    const { orderId, account } = await authorise(module, tenants, held, '2000.00');
    expect(await sut.handleRequestStablecoinDeposit(orderId)).toBe('settled');
    const escrowed = await balanceOf(coin.address, settlement);
    await module.get(KytService).addToBlocklist(complianceActor, { address: account.address, reason: 'designated after the request', source: 'TEST' });
    await module.get(FundsService).publishNav(tenants.issuer, held.id, { nav: '1', asOf: todayIn(held.zone) });
    expect(await repository.findOneByOrFail({ id: orderId })).toMatchObject({ status: OrderStatus.MINTING });

    await sut.handleMintOrder(orderId);
    const onHold = await repository.findOneByOrFail({ id: orderId });
    const alerts = await module.get(AlertsService).list({ subjectType: AlertSubjectType.ORDER, status: AlertStatus.OPEN }, { limit: 200 });
    const alert = alerts.items.find((item) => item.subjectId === orderId);
    // A high-score confirmation takes two officers.
    await module.get(AlertsService).decide(complianceActor, alert!.id, { decision: AlertDecision.CONFIRM, reason: 'true match' });
    await module.get(AlertsService).approve({ ...complianceActor, apiKeyId: randomUUID() }, alert!.id, {});
    const decided = await orders.get(tenants.distributor, orderId);
    const byHand = await orders.confirmRefund(tenants.issuer, orderId, { reference: 'REF-BY-HAND' }).catch((error: { code: string }) => error.code);

    expect(onHold).toMatchObject({ status: OrderStatus.ON_HOLD, txHash: null });
    expect(decided.status).toBe(OrderStatus.REFUND_PENDING);
    expect(decided.events.at(-1)).toMatchObject({ from: OrderStatus.ON_HOLD, to: OrderStatus.REFUND_PENDING, reason: expect.stringContaining('escrow') });
    expect(byHand).toBe(OrdersErrorCode.REFUND_FROM_ESCROW);
    expect((await orders.get(tenants.distributor, orderId)).status).toBe(OrderStatus.REFUND_PENDING);
    expect(await balanceOf(coin.address, settlement)).toBe(escrowed);
    expect(await clients.publicClient.readContract({ address: held.token, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] })).toBe(0n);
  });

  it('should hold a request in escrow until its dealing day NAV, then mint at it, pay the cost to the treasury and refund the rest; a cancelled one is refunded in full', async () => {
    const settlement = (await module.get(SettlementContracts).get())!;
    const sut = module.get(OrderSettlementService);
    const orders = module.get(OrdersService);
    const repository = dataSourceOf(module).getRepository(OrderEntity);

    const priced = await authorisedSubscription('2500.00');
    const escrowBefore = await balanceOf(coin.address, settlement);
    const outcomes = await Promise.all([sut.handleRequestStablecoinDeposit(priced.orderId), sut.handleRequestStablecoinDeposit(priced.orderId)]);
    expect(outcomes).toContain('settled');
    expect(await sut.handleRequestStablecoinDeposit(priced.orderId)).toBe('skipped');
    expect(await repository.findOneByOrFail({ id: priced.orderId })).toMatchObject({ status: OrderStatus.PRICING });
    expect(await balanceOf(coin.address, priced.account.address)).toBe(2_500_000_000n);
    expect(await balanceOf(coin.address, settlement)).toBe(escrowBefore + 2_500_000_000n);
    expect(await dataSourceOf(module).getRepository(ChainTransactionEntity).findBy({ intentKey: `stablecoin-${priced.orderId}` })).toHaveLength(1);

    const cancelled = await authorisedSubscription('1500.00');
    expect(await sut.handleRequestStablecoinDeposit(cancelled.orderId)).toBe('settled');
    expect(await balanceOf(coin.address, cancelled.account.address)).toBe(3_500_000_000n);
    expect((await orders.cancel(tenants.distributor, cancelled.orderId)).status).toBe(OrderStatus.REFUND_PENDING);
    expect(await sut.handleCancelStablecoinDeposit(cancelled.orderId)).toBe('settled');
    expect(await repository.findOneByOrFail({ id: cancelled.orderId })).toMatchObject({ status: OrderStatus.REFUNDED });
    expect(await balanceOf(coin.address, cancelled.account.address)).toBe(5_000_000_000n);
    expect(await balanceOf(coin.address, settlement)).toBe(escrowBefore + 2_500_000_000n);

    // The chain's clock past the dealing day's cut-off (the contract strikes no NAV before it).
    const order = await repository.findOneByOrFail({ id: priced.orderId });
    await clients.publicClient.request({ method: 'evm_setNextBlockTimestamp', params: [Math.floor(order.cutOffAt.getTime() / 1000) + 1] } as never);
    await clients.publicClient.request({ method: 'evm_mine', params: [] } as never);
    await module.get(FundsService).publishNav(tenants.issuer, fund.id, { nav: '1.003', asOf: todayIn(fund.zone) });
    expect(await repository.findOneByOrFail({ id: priced.orderId })).toMatchObject({ status: OrderStatus.MINTING, nav: '1.00300000' });
    expect(await sut.handleMintOrder(priced.orderId)).toBe('settled');

    // As the contract prices it: units = floor(amount x 10^(8+2) / (nav x 10^6)), cost = ceil(units x nav x 10^6 / 10^(8+2)).
    const amount = 2_500_000_000n;
    const nav = 100_300_000n;
    const units = (amount * 10n ** 10n) / (nav * 10n ** 6n);
    const cost = (units * nav * 10n ** 6n + 10n ** 10n - 1n) / 10n ** 10n;
    expect(units).toBe(249_252n);
    expect(cost).toBe(2_499_997_560n);
    expect(amount - cost).toBeGreaterThan(0n);
    const settled = await repository.findOneByOrFail({ id: priced.orderId });
    const payment = await dataSourceOf(module).getRepository(StablecoinPaymentEntity).findOneByOrFail({ orderId: priced.orderId });
    expect(settled).toMatchObject({ status: OrderStatus.SETTLED, units: units.toString() });
    expect(payment).toMatchObject({ txHash: settled.txHash, settledAmount: cost.toString() });
    expect(await clients.publicClient.readContract({ address: fund.token, abi: fundTokenAbi, functionName: 'balanceOf', args: [priced.account.address] })).toBe(units);
    expect(await balanceOf(coin.address, priced.account.address)).toBe(2_500_000_000n + (amount - cost));
    expect(await balanceOf(coin.address, treasury)).toBe(cost);
    expect(await balanceOf(coin.address, settlement)).toBe(escrowBefore);
  });
});
