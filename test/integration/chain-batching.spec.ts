import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { BaseError, decodeFunctionData, type Hex } from 'viem';
import { ChainClients, ChainTransactionEntity, fundTokenAbi, TokenGateway, TransactionPendingError } from '@rwa/chain';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { WalletRegistrationService } from '@rwa/wallets';
import { createShelvedFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/** Mint intents ready together go out as one batchMint; every order still settles exactly once. */
describe('mint batching', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let tokenAddress: `0x${string}`;
  let clients: ChainClients;

  beforeAll(async () => {
    module = await createPlatformModule([], { MINT_BATCH_WINDOW_MS: '2000' }) // wide, so a loaded test machine still batches all five;
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    ({ fundId, tokenAddress: tokenAddress } = await createShelvedFund(module, tenants));
  }, 60_000);

  afterAll(async () => {
    await module?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function mintingOrder(): Promise<{ orderId: string; walletAddress: `0x${string}`; units: bigint; referenceSeq: bigint }> {
    const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    const orders = module.get(OrdersService);
    const placed = await dataSourceOf(module).transaction((manager) =>
      orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '1200.00' }, manager),
    );
    await orders.confirmPayment(tenants.issuer, placed.id, { reference: `TT-${randomUUID()}` });
    const order = await dataSourceOf(module).getRepository(OrderEntity).findOneByOrFail({ id: placed.id });
    expect(order.status).toBe(OrderStatus.MINTING);
    return { orderId: placed.id, walletAddress: account.address, units: 1_200_000_000n, referenceSeq: BigInt(order.referenceSeq!) };
  }

  async function orderOf(orderId: string): Promise<OrderEntity> {
    return dataSourceOf(module).getRepository(OrderEntity).findOneByOrFail({ id: orderId });
  }

  async function expectMintedOnce({ orderId, walletAddress, units, referenceSeq }: Awaited<ReturnType<typeof mintingOrder>>): Promise<Hex> {
    const order = await orderOf(orderId);
    expect(order.status).toBe(OrderStatus.SETTLED);
    const minted = await clients.publicClient.getContractEvents({ address: tokenAddress, abi: fundTokenAbi, eventName: 'Minted', args: { refSeq: referenceSeq }, fromBlock: 0n });
    expect(minted).toHaveLength(1);
    expect(minted[0]!.transactionHash).toBe(order.txHash);
    expect(await clients.publicClient.readContract({ address: tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [walletAddress] })).toBe(units);
    return order.txHash as Hex;
  }

  async function batchRecords(): Promise<ChainTransactionEntity[]> {
    return dataSourceOf(module).getRepository(ChainTransactionEntity).createQueryBuilder('t').where("t.intentKey LIKE 'mint-batch-%'").getMany();
  }

  it('should send the mints of orders ready together as one batchMint and settle each order once, even with every job run twice at once', async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await mintingOrder());
    const before = (await batchRecords()).length;
    const sut = module.get(OrderSettlementService);

    const outcomes = await Promise.all(orders.flatMap(({ orderId }) => [sut.handleMintOrder(orderId), sut.handleMintOrder(orderId)]));

    expect(outcomes.filter((outcome) => outcome === 'settled').length).toBeGreaterThanOrEqual(orders.length);
    const hashes = new Set<Hex>();
    for (const order of orders) hashes.add(await expectMintedOnce(order));
    expect(hashes.size).toBe(1);
    expect((await batchRecords()).length).toBe(before + 1);
    const transaction = await clients.publicClient.getTransaction({ hash: [...hashes][0]! });
    const call = decodeFunctionData({ abi: fundTokenAbi, data: transaction.input });
    expect(call.functionName).toBe('batchMint');
    expect((call.args as readonly unknown[][])[2]).toHaveLength(orders.length);
  }, 30_000);

  it('should recognise an order already applied on chain (ReferenceSkipped) and settle it once from the original mint', async () => {
    const applied = await mintingOrder();
    const fresh = await mintingOrder();
    // The order's reference was used by a mint the platform no longer remembers (records lost).
    const original = await module.get(TokenGateway).mintUnits(`out-of-band-${applied.orderId}`, {
      token: tokenAddress,
      to: applied.walletAddress,
      amount: applied.units,
      referenceSeq: applied.referenceSeq,
      orderId: applied.orderId,
    });
    const sut = module.get(OrderSettlementService);

    expect(await Promise.all([sut.handleMintOrder(applied.orderId), sut.handleMintOrder(fresh.orderId)])).toEqual(['settled', 'settled']);

    expect(await expectMintedOnce(applied)).toBe(original);
    const batchHash = await expectMintedOnce(fresh);
    const receipt = await clients.publicClient.getTransactionReceipt({ hash: batchHash });
    const skipped = await clients.publicClient.getContractEvents({ address: tokenAddress, abi: fundTokenAbi, eventName: 'ReferenceSkipped', args: { refSeq: applied.referenceSeq }, blockHash: receipt.blockHash });
    expect(skipped).toHaveLength(1);
  }, 30_000);

  it('should mint once when the worker dies after sending the batch and before its receipt', async () => {
    const order = await mintingOrder();
    const sut = module.get(OrderSettlementService);
    jest.spyOn(clients.publicClient, 'waitForTransactionReceipt').mockRejectedValueOnce(new BaseError('worker killed while waiting'));

    await expect(sut.handleMintOrder(order.orderId)).rejects.toThrow(TransactionPendingError);
    expect((await orderOf(order.orderId)).status).toBe(OrderStatus.MINTING);
    const records = (await batchRecords()).length;

    expect(await sut.handleMintOrder(order.orderId)).toBe('settled');
    await expectMintedOnce(order);
    expect((await batchRecords()).length).toBe(records);
  }, 30_000);
});
