import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { privateKeyToAccount, generatePrivateKey, type PrivateKeyAccount } from 'viem/accounts';
import { AuditModule } from '@rwa/audit';
import { ChainModule, PlatformDeploymentService } from '@rwa/chain';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { FundDeploymentService, FundPricing, FundsModule, FundsService, InvestorClass } from '@rwa/funds';
import { IdempotencyModule } from '@rwa/idempotency';
import { InvestorsModule, InvestorsService, InvestorType, KycStatus } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { OrderSettlementService, OrdersModule, OrdersService, OrderType } from '@rwa/orders';
import { OrganizationsModule, OrganizationsService } from '@rwa/organizations';
import { OutboxModule } from '@rwa/queue';
import { WalletRegistrationService, WalletsModule, WalletsService } from '@rwa/wallets';
import { useIntegrationEnvironment } from './environment.js';

/**
 * The platform's domain modules on the integration database and chain, without HTTP or queues.
 * `environment` overrides configuration variables (for instance an isolated chain and database).
 */
export async function createPlatformModule(extraModules: Type[] = [], environment: Record<string, string> = {}): Promise<TestingModule> {
  useIntegrationEnvironment(environment);
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule,
      DatabaseModule,
      AuditModule,
      OutboxModule,
      ChainModule,
      OrganizationsModule,
      IdempotencyModule,
      FundsModule,
      InvestorsModule,
      WalletsModule,
      KytModule,
      OrdersModule,
      ...extraModules,
    ],
  }).compile();
  await migrate(module.get(DataSource));
  await module.init();
  await module.get(PlatformDeploymentService).ensureDeployed();
  return module;
}

/** Applies the migrations once, whichever suite gets there first. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(7240099)');
    await dataSource.runMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock(7240099)');
    await runner.release();
  }
}

export const adminActor: Actor = { organizationId: randomUUID(), organizationType: OrganizationType.PLATFORM, role: Role.ADMIN, apiKeyId: randomUUID(), userId: null };

/** An issuer, a distributor on the shelf of a fresh fund, and the actors to act as them. */
export interface Tenants {
  issuer: Actor;
  distributor: Actor;
}

export async function createTenants(module: TestingModule): Promise<Tenants> {
  const organizations = module.get(OrganizationsService);
  const issuerOrg = await organizations.createOrganization(adminActor, { type: OrganizationType.ISSUER, name: 'Harbour Asset Management', jurisdiction: 'HK' });
  const distributorOrg = await organizations.createOrganization(adminActor, { type: OrganizationType.DISTRIBUTOR, name: 'Victoria Bank', jurisdiction: 'HK' });
  return {
    issuer: { organizationId: issuerOrg.id, organizationType: OrganizationType.ISSUER, role: Role.ISSUER, apiKeyId: randomUUID(), userId: null },
    distributor: { organizationId: distributorOrg.id, organizationType: OrganizationType.DISTRIBUTOR, role: Role.DISTRIBUTOR, apiKeyId: randomUUID(), userId: null },
  };
}

/** A STABLE_NAV HKD fund recorded (not yet deployed), shelved with the distributor once ACTIVE. */
export async function createFund(module: TestingModule, tenants: Tenants, overrides: { minSubscription?: string; initialNav?: string } = {}) {
  return module.get(FundsService).create(tenants.issuer, {
    name: 'HKD Money Market Fund',
    symbol: 'HKDMMF',
    currency: 'HKD',
    unitDecimals: 6,
    initialNav: overrides.initialNav ?? '1.000000',
    minSubscription: overrides.minSubscription ?? '1000.00',
    cutOffTime: '16:00',
    timezone: 'Asia/Hong_Kong',
    settlementDays: 0,
    pricing: FundPricing.STABLE_NAV,
    eligibleJurisdictions: ['HK', 'SG'],
    eligibleInvestorClasses: [InvestorClass.PROFESSIONAL, InvestorClass.INSTITUTIONAL],
  });
}

/** An approved professional investor in Hong Kong with a freshly bound wallet (not yet registered). */
export async function createInvestorWithWallet(module: TestingModule, tenants: Tenants): Promise<{ investorId: string; walletId: string; account: PrivateKeyAccount }> {
  const investor = await module.get(InvestorsService).create(tenants.distributor, {
    externalRef: `client-${randomUUID()}`,
    type: InvestorType.INDIVIDUAL,
    jurisdiction: 'HK',
    investorClass: 'PROFESSIONAL',
    kycStatus: KycStatus.APPROVED,
    kycExpiresAt: '2030-01-01T00:00:00Z',
  });
  const account = privateKeyToAccount(generatePrivateKey());
  const wallets = module.get(WalletsService);
  const challenge = await wallets.createChallenge(tenants.distributor, investor.id, { address: account.address, chainId: 31337 });
  const signature = await account.signMessage({ message: challenge.message });
  const wallet = await wallets.bind(tenants.distributor, investor.id, { challengeId: challenge.challengeId, signature });
  return { investorId: investor.id, walletId: wallet.id, account };
}

export function dataSourceOf(module: TestingModule): DataSource {
  return module.get(DataSource);
}

/** A fund deployed on chain (its deployment job run here) and on the distributor's shelf. */
export async function createShelvedFund(module: TestingModule, tenants: Tenants): Promise<{ fundId: string; tokenAddress: `0x${string}` }> {
  const fund = await createFund(module, tenants);
  await module.get(FundDeploymentService).handleDeployFund(fund.id);
  await module.get(FundsService).shelve(tenants.issuer, fund.id, tenants.distributor.organizationId);
  const deployed = await module.get(FundsService).findById(fund.id);
  return { fundId: fund.id, tokenAddress: deployed!.tokenAddress! };
}

/** An investor with a registered wallet holding `amount` worth of the fund's units (subscribed, paid and minted); '0': no units. */
export async function createHolder(module: TestingModule, tenants: Tenants, fundId: string, amount: string) {
  const wallet = await createInvestorWithWallet(module, tenants);
  await module.get(WalletRegistrationService).handleRegisterWallet(wallet.walletId);
  if (amount === '0') return wallet;
  const orders = module.get(OrdersService);
  const placed = await dataSourceOf(module).transaction((manager) =>
    orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId: wallet.investorId, walletId: wallet.walletId, amount }, manager),
  );
  await orders.confirmPayment(tenants.issuer, placed.id, { reference: `TT-${randomUUID()}` });
  await module.get(OrderSettlementService).handleMintOrder(placed.id);
  return wallet;
}
