import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { BaseError, encodeFunctionData } from 'viem';
import { ChainClients, ChainTransactionEntity, fundTokenAbi, identityRegistryAbi, PlatformContracts, TransactionManager, TransactionPendingError } from '@rwa/chain';
import { FundDeploymentService, FundsService, FundStatus } from '@rwa/funds';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { OnchainRegistration, WalletRegistrationService, WalletsService, WalletStatus } from '@rwa/wallets';
import { createFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/**
 * The chain jobs against a real Postgres and Hardhat node: each handler run twice, crashed after
 * send and before the receipt, or with its transaction record lost, ends with exactly one effect.
 */
describe('chain pipeline', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let tokenAddress: `0x${string}`;
  let clients: ChainClients;

  beforeAll(async () => {
    module = await createPlatformModule();
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
  });

  afterAll(async () => {
    await module?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe(FundDeploymentService.name, () => {
    it('should deploy the fund token once however often the job runs', async () => {
      const fund = await createFund(module, tenants);
      const sut = module.get(FundDeploymentService);

      const outcomes = [await sut.handleDeployFund(fund.id), await sut.handleDeployFund(fund.id)];

      expect(outcomes).toEqual(['done', 'skipped']);
      const deployed = (await module.get(FundsService).findById(fund.id))!;
      expect(deployed.status).toBe(FundStatus.ACTIVE);
      expect(await clients.publicClient.getCode({ address: deployed.tokenAddress! })).not.toBe('0x');
      expect(await clients.publicClient.readContract({ address: deployed.tokenAddress!, abi: fundTokenAbi, functionName: 'symbol' })).toBe('HKDMMF');
      await module.get(FundsService).shelve(tenants.issuer, fund.id, tenants.distributor.organizationId);
      fundId = fund.id;
      tokenAddress = deployed.tokenAddress!;
    });
  });

  describe(WalletRegistrationService.name, () => {
    it('should register a clean wallet on chain once and mark it VERIFIED', async () => {
      const { walletId, account } = await createInvestorWithWallet(module, tenants);
      const sut = module.get(WalletRegistrationService);

      const outcomes = [await sut.handleRegisterWallet(walletId), await sut.handleRegisterWallet(walletId)];

      expect(outcomes).toEqual(['done', 'skipped']);
      const wallet = await module.get(WalletsService).get(tenants.distributor, walletId);
      expect(wallet).toMatchObject({ status: WalletStatus.VERIFIED, onchain: OnchainRegistration.REGISTERED });
      const { identityRegistry } = await module.get(PlatformContracts).get();
      expect(await clients.publicClient.readContract({ address: identityRegistry, abi: identityRegistryAbi, functionName: 'isVerified', args: [account.address] })).toBe(true);
    });
  });

  describe(OrderSettlementService.name, () => {
    async function mintingOrder(): Promise<{ orderId: string; walletAddress: `0x${string}`; units: bigint }> {
      const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
      await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
      const orders = module.get(OrdersService);
      const placed = await dataSourceOf(module).transaction((manager) =>
        orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '2500.00' }, manager),
      );
      expect(placed.status).toBe(OrderStatus.AWAITING_PAYMENT);
      const priced = await orders.confirmPayment(tenants.issuer, placed.id, { reference: `TT-${randomUUID()}` });
      expect(priced).toMatchObject({ status: OrderStatus.MINTING, units: '2500.000000', nav: '1.000000', cashRemainder: '0.00' });
      return { orderId: placed.id, walletAddress: account.address, units: 2_500_000_000n };
    }

    async function mintedEvents(orderId: string) {
      const order = await dataSourceOf(module).getRepository(OrderEntity).findOneByOrFail({ id: orderId });
      return clients.publicClient.getContractEvents({ address: tokenAddress, abi: fundTokenAbi, eventName: 'Minted', args: { refSeq: BigInt(order.referenceSeq!) }, fromBlock: 0n });
    }

    async function balanceOf(address: `0x${string}`): Promise<bigint> {
      return clients.publicClient.readContract({ address: tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [address] });
    }

    it('should mint once and settle when the job runs twice', async () => {
      const { orderId, walletAddress, units } = await mintingOrder();
      const sut = module.get(OrderSettlementService);

      const outcomes = [await sut.handleMintOrder(orderId), await sut.handleMintOrder(orderId)];

      expect(outcomes).toEqual(['settled', 'skipped']);
      expect(await balanceOf(walletAddress)).toBe(units);
      expect(await mintedEvents(orderId)).toHaveLength(1);
      const order = await module.get(OrdersService).get(tenants.distributor, orderId);
      expect(order.status).toBe(OrderStatus.SETTLED);
      expect(order.txHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(order.events.map((event) => event.to)).toEqual(['RECEIVED', 'AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'PRICING', 'MINTING', 'SETTLED']);
    });

    it('should mint once when the worker dies after sending and before the receipt', async () => {
      const { orderId, walletAddress, units } = await mintingOrder();
      const sut = module.get(OrderSettlementService);
      jest.spyOn(clients.publicClient, 'waitForTransactionReceipt').mockRejectedValueOnce(new BaseError('worker killed while waiting'));

      await expect(sut.handleMintOrder(orderId)).rejects.toThrow(TransactionPendingError);
      const [record] = await dataSourceOf(module).getRepository(ChainTransactionEntity).findBy({ intentKey: `mint-order-${orderId}` });
      expect(record!.status).toBe('SUBMITTED');
      expect((await module.get(OrdersService).get(tenants.distributor, orderId)).status).toBe(OrderStatus.MINTING);

      expect(await sut.handleMintOrder(orderId)).toBe('settled');
      expect(await balanceOf(walletAddress)).toBe(units);
      expect(await mintedEvents(orderId)).toHaveLength(1);
      const records = await dataSourceOf(module).getRepository(ChainTransactionEntity).findBy({ intentKey: `mint-order-${orderId}` });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ status: 'CONFIRMED', hash: record!.hash });
    });

    it('should send the persisted bytes again when the broadcast never reached the node', async () => {
      const { orderId, walletAddress, units } = await mintingOrder();
      const sut = module.get(OrderSettlementService);
      jest.spyOn(clients.publicClient, 'sendRawTransaction').mockRejectedValue(new BaseError('connection refused'));

      await expect(sut.handleMintOrder(orderId)).rejects.toThrow(TransactionPendingError);
      const [signed] = await dataSourceOf(module).getRepository(ChainTransactionEntity).findBy({ intentKey: `mint-order-${orderId}` });
      expect(signed!.status).toBe('SIGNED');
      jest.restoreAllMocks();

      expect(await sut.handleMintOrder(orderId)).toBe('settled');
      const order = await module.get(OrdersService).get(tenants.distributor, orderId);
      expect(order.txHash).toBe(signed!.hash);
      expect(await balanceOf(walletAddress)).toBe(units);
    });

    it('should not mint again when its transaction record is lost: the token applies a reference once', async () => {
      const { orderId, walletAddress, units } = await mintingOrder();
      const sut = module.get(OrderSettlementService);
      expect(await sut.handleMintOrder(orderId)).toBe('settled');
      const settledHash = (await module.get(OrdersService).get(tenants.distributor, orderId)).txHash;
      // Simulate a database restored from before the settlement.
      const dataSource = dataSourceOf(module);
      await dataSource.getRepository(ChainTransactionEntity).delete({ intentKey: `mint-order-${orderId}` });
      await dataSource.getRepository(OrderEntity).update({ id: orderId }, { status: OrderStatus.MINTING, txHash: null });

      expect(await sut.handleMintOrder(orderId)).toBe('settled');

      expect(await balanceOf(walletAddress)).toBe(units);
      expect(await mintedEvents(orderId)).toHaveLength(1);
      expect((await module.get(OrdersService).get(tenants.distributor, orderId)).txHash).toBe(settledHash);
    });

    it("should send the cash back (REFUND_PENDING) with the token's custom error as its code when the token refuses the mint", async () => {
      const { orderId, walletAddress } = await mintingOrder();
      // Freeze the receiver on chain behind the platform's back: the token now refuses the mint.
      await module.get(TransactionManager).execute(`test-freeze-${orderId}`, {
        to: tokenAddress,
        data: encodeFunctionData({ abi: fundTokenAbi, functionName: 'setAddressFrozen', args: [walletAddress, true] }),
      });

      expect(await module.get(OrderSettlementService).handleMintOrder(orderId)).toBe('refund-pending');

      const order = await module.get(OrdersService).get(tenants.distributor, orderId);
      expect(order).toMatchObject({ status: OrderStatus.REFUND_PENDING, failureCode: 'FUND_TOKEN_ACCOUNT_FROZEN', txHash: null });
      expect(order.events.at(-1)).toMatchObject({ from: 'MINTING', to: 'REFUND_PENDING', reason: 'transaction reverted: FundTokenAccountFrozen; cash to be refunded' });
      expect(await balanceOf(walletAddress)).toBe(0n);
    });

    it('should give concurrent mints distinct nonces and settle each once', async () => {
      const orders = await Promise.all([mintingOrder(), mintingOrder(), mintingOrder(), mintingOrder()]);
      const sut = module.get(OrderSettlementService);

      const outcomes = await Promise.all(orders.flatMap(({ orderId }) => [sut.handleMintOrder(orderId), sut.handleMintOrder(orderId)]));

      expect(outcomes.filter((outcome) => outcome === 'settled').length).toBeGreaterThanOrEqual(orders.length);
      for (const { orderId, walletAddress, units } of orders) {
        expect(await balanceOf(walletAddress)).toBe(units);
        expect(await mintedEvents(orderId)).toHaveLength(1);
        expect((await module.get(OrdersService).get(tenants.distributor, orderId)).status).toBe(OrderStatus.SETTLED);
      }
      const nonces = await dataSourceOf(module).query('SELECT nonce, count(*)::int AS n FROM chain_transactions GROUP BY nonce HAVING count(*) > 1');
      expect(nonces).toEqual([]);
    });
  });

  describe('redemptions', () => {
    it('should burn the redeemed units once, wait for the payout, then settle', async () => {
      const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
      await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
      const orders = module.get(OrdersService);
      const subscription = await dataSourceOf(module).transaction((manager) =>
        orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '3000.00' }, manager),
      );
      await orders.confirmPayment(tenants.issuer, subscription.id, { reference: 'TT-in' });
      await module.get(OrderSettlementService).handleMintOrder(subscription.id);

      const tooMuch = dataSourceOf(module).transaction((manager) =>
        orders.place(tenants.distributor, { type: OrderType.REDEMPTION, fundId, investorId, walletId, units: '3000.000001' }, manager),
      );
      await expect(tooMuch).rejects.toThrow('The wallet holds 3000.000000 redeemable units');
      const redemption = await dataSourceOf(module).transaction((manager) =>
        orders.place(tenants.distributor, { type: OrderType.REDEMPTION, fundId, investorId, walletId, units: '1200.5' }, manager),
      );
      expect(redemption).toMatchObject({ status: OrderStatus.BURNING, units: '1200.500000', amount: '1200.50', nav: '1.000000' });
      const second = dataSourceOf(module).transaction((manager) =>
        orders.place(tenants.distributor, { type: OrderType.REDEMPTION, fundId, investorId, walletId, units: '2000' }, manager),
      );
      await expect(second).rejects.toThrow('The wallet holds 1799.500000 redeemable units');

      const sut = module.get(OrderSettlementService);
      expect([await sut.handleBurnOrder(redemption.id), await sut.handleBurnOrder(redemption.id)]).toEqual(['burned', 'skipped']);

      const balance = await clients.publicClient.readContract({ address: tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] });
      expect(balance).toBe(1_799_500_000n);
      expect((await orders.get(tenants.distributor, redemption.id)).status).toBe(OrderStatus.PAYOUT_PENDING);
      const settled = await orders.confirmPayout(tenants.issuer, redemption.id, { reference: 'TT-out' });
      expect(settled.status).toBe(OrderStatus.SETTLED);
      expect(settled.events.map((event) => event.to)).toEqual(['RECEIVED', 'PRICING', 'BURNING', 'PAYOUT_PENDING', 'SETTLED']);
    });
  });
});
