import { jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { erc20Abi, getAddress, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { ChainClients, fundTokenAbi } from '@rwa/chain';
import { FundDeploymentService, FundsService, todayIn } from '@rwa/funds';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus } from '@rwa/orders';
import { SettlementContracts, StablecoinPaymentsService } from '@rwa/stablecoins';
import { authorisedSubscription, forwardStablecoinFund, type ForwardStablecoinFund } from './support/forward-stablecoin.js';
import { startIsolatedChain, type IsolatedChain } from './support/isolated-chain.js';
import { createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

jest.setTimeout(120_000);

/**
 * A FORWARD stablecoin cancellation whose job runs only after the cut-off passed on chain: the
 * contract refuses it, and the request, still in escrow, is settled with its dealing day instead of
 * being retried for ever (or left in escrow); and a request over a holder cap lowered after it went
 * into escrow is refused by the token at the mint and refunded in full (the platform's own count
 * does not refuse it at pricing: that would leave the escrow with no exit). On a chain of this
 * suite's own: its clock is moved.
 */
describe('a FORWARD stablecoin cancellation refused on chain', () => {
  let chain: IsolatedChain;
  let module: TestingModule;
  let tenants: Tenants;
  let clients: ChainClients;
  let fund: ForwardStablecoinFund;
  const treasury = privateKeyToAccount(generatePrivateKey()).address;

  const balanceOf = (owner: Address) => clients.publicClient.readContract({ address: fund.coin.address, abi: erc20Abi, functionName: 'balanceOf', args: [getAddress(owner)] });

  beforeAll(async () => {
    chain = await startIsolatedChain();
    module = await createPlatformModule([], { DATABASE_URL: chain.databaseUrl, CHAIN_RPC_URL: chain.rpcUrl, CHAIN_RECEIPT_TIMEOUT_MS: '8000' });
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    fund = await forwardStablecoinFund(module, tenants, treasury);
  }, 120_000);

  afterAll(async () => {
    await module?.close();
    await chain?.stop();
  }, 60_000);

  it('should undo a cancellation refused on chain (REFUND_PENDING -> PRICING) and settle it with its day, and refund in full a request over a cap lowered after its escrow', async () => {
    const sut = module.get(OrderSettlementService);
    const orders = module.get(OrdersService);
    const repository = dataSourceOf(module).getRepository(OrderEntity);
    const settlement = (await module.get(SettlementContracts).get())!;
    const { orderId, account } = await authorisedSubscription(module, tenants, fund, '2000.00');
    expect(await sut.handleRequestStablecoinDeposit(orderId)).toBe('settled');
    const escrowed = await balanceOf(settlement);
    expect(escrowed).toBe(2_000_000_000n);
    const capped = await authorisedSubscription(module, tenants, fund, '3000.00');
    expect(await sut.handleRequestStablecoinDeposit(capped.orderId)).toBe('settled');
    expect(await balanceOf(settlement)).toBe(5_000_000_000n);
    // The issuer lowers the cap per holder below the second request's units, on chain too.
    const funds = module.get(FundsService);
    await funds.update(tenants.issuer, fund.id, { maxUnitsPerHolder: '2500' });
    const { rulesVersion } = (await funds.findById(fund.id))!;
    await module.get(FundDeploymentService).handleSyncFundRules(fund.id, rulesVersion);

    // Cancelled in time by the platform's clock; the job runs after the cut-off passed on chain.
    expect((await orders.cancel(tenants.distributor, orderId)).status).toBe(OrderStatus.REFUND_PENDING);
    const order = await repository.findOneByOrFail({ id: orderId });
    await chain.testClient.setNextBlockTimestamp({ timestamp: BigInt(Math.floor(order.cutOffAt.getTime() / 1000) + 1) });
    await chain.testClient.mine({ blocks: 1 });

    expect(await sut.handleCancelStablecoinDeposit(orderId)).toBe('reopened');
    const reopened = await orders.get(tenants.distributor, orderId);
    expect(reopened.status).toBe(OrderStatus.PRICING);
    expect(reopened.events.at(-1)).toMatchObject({ from: OrderStatus.REFUND_PENDING, to: OrderStatus.PRICING, reason: expect.stringContaining('FundSettlementCutoffPassed') });
    expect(await balanceOf(settlement)).toBe(5_000_000_000n);
    // Its job is done: run again, it changes nothing.
    expect(await sut.handleCancelStablecoinDeposit(orderId)).toBe('skipped');
    expect(await dataSourceOf(module).query('SELECT completed_at IS NOT NULL AS done FROM outbox_messages WHERE job_id = $1', [`cancel-stablecoin-deposit-${orderId}`])).toEqual([{ done: true }]);

    // The day's NAV prices it with the day: units minted, the cost to the treasury, the rest refunded.
    await module.get(FundsService).publishNav(tenants.issuer, fund.id, { nav: '1', asOf: todayIn(fund.zone) });
    expect(await repository.findOneByOrFail({ id: orderId })).toMatchObject({ status: OrderStatus.MINTING });
    expect(await repository.findOneByOrFail({ id: capped.orderId })).toMatchObject({ status: OrderStatus.MINTING });
    expect(await sut.handleMintOrder(orderId)).toBe('settled');
    expect(await sut.handleMintOrder(capped.orderId)).toBe('failed');
    expect(await repository.findOneByOrFail({ id: capped.orderId })).toMatchObject({ status: OrderStatus.FAILED, failureCode: 'REQUEST_REJECTED' });
    expect(await balanceOf(capped.account.address)).toBe(5_000_000_000n);
    expect(await repository.findOneByOrFail({ id: orderId })).toMatchObject({ status: OrderStatus.SETTLED, units: '200000' });
    expect(await clients.publicClient.readContract({ address: fund.token, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] })).toBe(200_000n);
    expect(await balanceOf(treasury)).toBe(2_000_000_000n);
    expect(await balanceOf(settlement)).toBe(0n);
    expect((await module.get(StablecoinPaymentsService).paymentOf(orderId))?.settledAmount).toBe('2000000000');
  });
});
