// The fixtures of the FORWARD suites: a time zone where a 23:59 cut-off is still ahead, and a
// FORWARD fund accepting the local test stablecoin, with permit subscriptions authorised in it.
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { encodeFunctionData, getAddress, type Address } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import { EIP2612_PERMIT_TYPES, testStablecoinAbi, TransactionManager, type PermitDomain } from '@rwa/chain';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { CalendarsService, FundDeploymentService, FundPricing, FundsService, InvestorClass } from '@rwa/funds';
import { DEFAULT_FUND_RULES, FundRulesService } from '@rwa/kyt';
import { OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { LocalStablecoin, StablecoinsService } from '@rwa/stablecoins';
import { WalletRegistrationService } from '@rwa/wallets';
import { adminActor, createInvestorWithWallet, dataSourceOf, type Tenants } from './platform-fixture.js';

export const complianceActor: Actor = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.COMPLIANCE, apiKeyId: randomUUID(), userId: null };

/** A fixed-offset zone whose clock shows between 01:00 and 22:00 now: a 23:59 cut-off is still ahead there. */
export function daytimeZone(): string {
  for (const offset of [0, 8, -5, 4, -9, 12, -11, 2, -2, 6, 10, -7, 13]) {
    const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    if (hour >= 1 && hour < 22) return zone;
  }
  throw new Error('no zone in daytime');
}

export interface ForwardStablecoinFund {
  id: string;
  zone: string;
  token: Address;
  coin: { id: string; address: Address };
}

/** A FORWARD fund (HKD, units of 2 decimals, cut-off 23:59 in a daytime zone, every day a business day) accepting the local test stablecoin. */
export async function forwardStablecoinFund(module: TestingModule, tenants: Tenants, treasury: Address): Promise<ForwardStablecoinFund> {
  const zone = daytimeZone();
  const calendar = `SF-${randomUUID().slice(0, 6).toUpperCase()}`;
  await module.get(CalendarsService).put(adminActor, calendar, { name: 'every day', holidays: [], weekendDays: [] });
  const funds = module.get(FundsService);
  const created = await funds.create(tenants.issuer, {
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
  await funds.shelve(tenants.issuer, created.id, tenants.distributor.organizationId);
  await module.get(FundRulesService).put(complianceActor, created.id, { ...DEFAULT_FUND_RULES, freshWalletHours: 0 });
  const address = (await module.get(LocalStablecoin).ensure())!;
  const stablecoins = module.get(StablecoinsService);
  const listed = await stablecoins.list({ limit: 200 });
  const coin = { id: listed.items.find((item) => item.address === address)!.id, address };
  await stablecoins.configure(tenants.issuer, created.id, coin.id, { treasury, instantRedemptionDailyCap: '0', instantRedemptionPerInvestorDailyCap: '0' });
  if ((await stablecoins.handleConfigureFundStablecoin(created.id, coin.id, 1)) !== 'done') throw new Error('the fund stablecoin was not configured');
  return { id: created.id, zone, token: (await funds.findById(created.id))!.tokenAddress!, coin };
}

/** A registered investor holding 5,000 of the stablecoin, whose subscription of `amount` is placed and authorised by permit (PAYMENT_CONFIRMED). */
export async function authorisedSubscription(module: TestingModule, tenants: Tenants, fund: ForwardStablecoinFund, amount: string): Promise<{ orderId: string; account: PrivateKeyAccount }> {
  const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
  await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
  await module.get(TransactionManager).execute(`faucet-${walletId}`, {
    to: fund.coin.address,
    data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'mint', args: [account.address, 5_000_000_000n] }),
  });
  const orders = module.get(OrdersService);
  const placed = await dataSourceOf(module).transaction((manager) =>
    orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId: fund.id, investorId, walletId, amount, payment: { method: 'STABLECOIN', stablecoinId: fund.coin.id } }, manager),
  );
  if (placed.status !== OrderStatus.AWAITING_PAYMENT) throw new Error(`order ${placed.id} is ${placed.status}`);
  const { domain, message } = placed.paymentAuthorization!.typedData as { domain: PermitDomain; message: Record<'owner' | 'spender' | 'value' | 'nonce' | 'deadline', string> };
  const signature = await account.signTypedData({
    domain,
    types: EIP2612_PERMIT_TYPES,
    primaryType: 'Permit',
    message: { owner: getAddress(message.owner), spender: getAddress(message.spender), value: BigInt(message.value), nonce: BigInt(message.nonce), deadline: BigInt(message.deadline) },
  });
  const authorised = await orders.authorizePayment(tenants.distributor, placed.id, { signature });
  if (authorised.status !== OrderStatus.PAYMENT_CONFIRMED) throw new Error(`order ${placed.id} is ${authorised.status} after its permit`);
  return { orderId: placed.id, account };
}
