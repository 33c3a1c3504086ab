import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { encodeFunctionData, erc20Abi, getAddress, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { ChainClients, ChainTransactionEntity, EIP2612_PERMIT_TYPES, fundTokenAbi, testStablecoinAbi, TransactionManager, type PermitDomain } from '@rwa/chain';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { CalendarsService, FundDeploymentService, FundPricing, FundsService, InvestorClass, todayIn } from '@rwa/funds';
import { DEFAULT_FUND_RULES, FundRulesService } from '@rwa/kyt';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { LocalStablecoin, SettlementContracts, StablecoinPaymentEntity, StablecoinsService } from '@rwa/stablecoins';
import { WalletRegistrationService } from '@rwa/wallets';
import { adminActor, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

jest.setTimeout(120_000);

const compliance: Actor = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null };

/** A fixed-offset zone whose clock shows between 01:00 and 22:00 now: a 23:59 cut-off is still ahead there. */
function daytimeZone(): string {
  for (const offset of [0, 8, -5, 4, -9, 12, -11, 2, -2, 6, 10, -7, 13]) {
    const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    if (hour >= 1 && hour < 22) return zone;
  }
  throw new Error('no zone in daytime');
}

/**
 * The FORWARD stablecoin flow against a real Postgres and Hardhat node: a permit subscription's
 * stablecoin into escrow before the cut-off, priced at its dealing day's NAV once published (the
 * day struck and the request settled on chain: units minted, cost to the treasury, remainder
 * refunded), and a request cancelled before the cut-off refunded from escrow in full.
 */
describe('stablecoin settlement of a FORWARD fund', () => {
  let module: TestingModule;
  let tenants: Tenants;
  let clients: ChainClients;
  let fund: { id: string; zone: string; token: Address };
  let coin: { id: string; address: Address };
  const treasury = privateKeyToAccount(generatePrivateKey()).address;

  const balanceOf = (address: Address, owner: Address) => clients.publicClient.readContract({ address, abi: erc20Abi, functionName: 'balanceOf', args: [getAddress(owner)] });

  beforeAll(async () => {
    module = await createPlatformModule();
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    const zone = daytimeZone();
    const calendar = `SF-${randomUUID().slice(0, 6).toUpperCase()}`;
    await module.get(CalendarsService).put(adminActor, calendar, { name: 'every day', holidays: [], weekendDays: [] });
    const created = await module.get(FundsService).create(tenants.issuer, {
      name: 'Forward stablecoin fund',
      symbol: 'FWDSC',
      currency: 'HKD',
      // Units of 2 decimals: the cost of whole hundredths of a unit leaves a remainder to refund.
      unitDecimals: 2,
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
    await module.get(FundRulesService).put(compliance, created.id, { ...DEFAULT_FUND_RULES, freshWalletHours: 0 });
    fund = { id: created.id, zone, token: (await module.get(FundsService).findById(created.id))!.tokenAddress! };
    const address = (await module.get(LocalStablecoin).ensure())!;
    const listed = await module.get(StablecoinsService).list({ limit: 200 });
    coin = { id: listed.items.find((item) => item.address === address)!.id, address };
    const stablecoins = module.get(StablecoinsService);
    await stablecoins.configure(tenants.issuer, fund.id, coin.id, { treasury, instantRedemptionDailyCap: '0', instantRedemptionPerInvestorDailyCap: '0' });
    expect(await stablecoins.handleConfigureFundStablecoin(fund.id, coin.id, 1)).toBe('done');
  }, 120_000);

  afterAll(async () => {
    await module?.close();
  });

  /** A registered investor holding 5,000 of the stablecoin, whose subscription of `amount` is placed and authorised by permit. */
  async function authorisedSubscription(amount: string): Promise<{ orderId: string; account: PrivateKeyAccount }> {
    const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    await module.get(TransactionManager).execute(`faucet-${walletId}`, {
      to: coin.address,
      data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'mint', args: [account.address, 5_000_000_000n] }),
    });
    const orders = module.get(OrdersService);
    const placed = await dataSourceOf(module).transaction((manager) =>
      orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId: fund.id, investorId, walletId, amount, payment: { method: 'STABLECOIN', stablecoinId: coin.id } }, manager),
    );
    expect(placed.status).toBe(OrderStatus.AWAITING_PAYMENT);
    const { domain, message } = placed.paymentAuthorization!.typedData as { domain: PermitDomain; message: Record<'owner' | 'spender' | 'value' | 'nonce' | 'deadline', string> };
    const signature = await account.signTypedData({
      domain,
      types: EIP2612_PERMIT_TYPES,
      primaryType: 'Permit',
      message: { owner: getAddress(message.owner), spender: getAddress(message.spender), value: BigInt(message.value), nonce: BigInt(message.nonce), deadline: BigInt(message.deadline) },
    });
    const authorised = await orders.authorizePayment(tenants.distributor, placed.id, { signature });
    expect(authorised.status).toBe(OrderStatus.PAYMENT_CONFIRMED);
    return { orderId: placed.id, account };
  }

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
