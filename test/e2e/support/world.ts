// Two complete tenants (an issuer with an ACTIVE fund, a distributor shelved on it with a VERIFIED
// investor, wallet and order) plus the platform's ADMIN and COMPLIANCE keys: real ids for every path
// parameter the OpenAPI document names, for the generated suites.
import { randomUUID } from 'node:crypto';
import type { ApiClient, Json } from './api-client.js';
import { expectStatus } from './api-client.js';
import { newAccount } from './chain.js';
import { activeFund, Platform, subscribe, verifiedInvestor } from './platform.js';
import type { Org } from './platform.js';

export interface Tenant {
  issuer: Org;
  distributor: Org;
  fund: Json;
  investor: Json;
  wallet: Json;
  order: Json;
}

export interface World {
  platform: Platform;
  admin: ApiClient;
  compliance: ApiClient;
  platformOrganizationId: string;
  a: Tenant;
  b: Tenant;
  /** An alert id that exists (or a random one when the platform raised none). */
  alertId: string;
  /**
   * A calendar of the generated suites' own: they may rewrite it (PUT), which must not change the
   * shipped HK calendar that other suites of the same platform read.
   */
  calendarCode: string;
}

async function tenant(platform: Platform): Promise<Tenant> {
  const [issuer, distributor] = await Promise.all([platform.issuer(), platform.distributor()]);
  const fund = await activeFund(issuer.client, [distributor.id]);
  const { investor, wallet } = await verifiedInvestor(distributor.client, newAccount(), platform.state.chainId);
  const order = await subscribe(distributor.client, { fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '2500.00' });
  return { issuer, distributor, fund, investor, wallet, order };
}

export async function buildWorld(platform = new Platform()): Promise<World> {
  const [a, b, compliance, me] = await Promise.all([tenant(platform), tenant(platform), platform.complianceOfficer(), platform.admin.get('/v1/me')]);
  expectStatus(me, 200);
  const alerts = await compliance.get('/v1/kyt/alerts?limit=1');
  const alertId = (alerts.body?.items?.[0]?.id as string | undefined) ?? randomUUID();
  const calendarCode = `WORLD-${randomUUID().slice(0, 8).toUpperCase()}`;
  expectStatus(await platform.admin.put(`/v1/calendars/${calendarCode}`, { name: 'generated suites', holidays: [] }), 200);
  return { platform, admin: platform.admin, compliance, platformOrganizationId: me.body.organizationId, a, b, alertId, calendarCode };
}

/** The key of `role` in tenant `t` (ADMIN and COMPLIANCE are the platform's own). */
export function keyOf(world: World, role: string, t: Tenant = world.a): ApiClient | undefined {
  switch (role) {
    case 'ADMIN':
      return world.admin;
    case 'COMPLIANCE':
      return world.compliance;
    case 'ISSUER':
      return t.issuer.client;
    case 'DISTRIBUTOR':
      return t.distributor.client;
    default:
      return undefined;
  }
}

/**
 * The value of a path parameter of `kind` (parameterKinds) in tenant `t`: a real id where the world
 * has one, otherwise a well-formed unknown one. `orgId` is the tenant's distributor.
 */
export function pathValue(world: World, kind: string, t: Tenant = world.a): string {
  switch (kind) {
    case 'funds':
    case 'fundId':
      return t.fund.id;
    case 'investors':
    case 'investorId':
      return t.investor.id;
    case 'wallets':
    case 'walletId':
      return t.wallet.id;
    case 'orders':
    case 'orderId':
      return t.order.id;
    case 'distributorId':
      return t.distributor.id;
    case 'orgId':
    case 'organizations':
      return t.distributor.id;
    case 'alerts':
      return world.alertId;
    case 'address':
      return t.wallet.address;
    case 'code':
      return world.calendarCode;
    case 'asOf':
    case 'date':
      return new Date().toISOString().slice(0, 10);
    default:
      return randomUUID();
  }
}

/** Resource kinds that belong to a tenant: another organisation's id answers 404. */
export const TENANT_KINDS = new Set(['funds', 'fundId', 'investors', 'investorId', 'wallets', 'walletId', 'orders', 'orderId', 'webhooks']);
