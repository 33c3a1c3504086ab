// The authorization matrix, generated from the OpenAPI document (/docs-json, `x-roles`): every
// operation x {no key, each role, another organisation's key}. No key: 401. A role the operation
// does not list: 403. Another organisation's issuer or distributor on this tenant's ids: 404, and
// never a 2xx; its lists never show this tenant's resources. A listed role on its own resources:
// neither 401 nor 403, never a 5xx. The ids in paths and bodies are real (support/world.ts).
import { jest } from '@jest/globals';
import type { ApiClient, ApiResponse, Json } from './support/api-client.js';
import { fillPath, OpenApiDocument, parameterKinds } from './support/openapi.js';
import type { Operation } from './support/openapi.js';
import { buildWorld, keyOf, pathValue, TENANT_KINDS } from './support/world.js';
import type { Tenant, World } from './support/world.js';

jest.setTimeout(300_000);

const ROLES = ['ADMIN', 'COMPLIANCE', 'ISSUER', 'DISTRIBUTOR'];
const TENANT_ROLES = ['ISSUER', 'DISTRIBUTOR'];

let world: World;
let document: OpenApiDocument;
let operations: Operation[];

beforeAll(async () => {
  world = await buildWorld();
  document = await OpenApiDocument.load(world.platform.state.baseUrl);
  operations = document.operations().filter((operation) => operation.roles.length > 0);
}, 240_000);

/** The operation's path with tenant `t`'s ids. */
function pathFor(operation: Operation, t: Tenant): string {
  const kinds = parameterKinds(operation.path);
  return fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, pathValue(world, kinds[name] ?? name, t)])));
}

/** The documented example body with tenant `t`'s ids in its id fields. */
function bodyFor(operation: Operation, t: Tenant): Json {
  if (!operation.bodySchema) return undefined;
  const example = document.example(operation.bodySchema);
  if (example === null || typeof example !== 'object' || Array.isArray(example)) return example;
  const ids: Record<string, string> = { fundId: t.fund.id, investorId: t.investor.id, walletId: t.wallet.id, distributorId: t.distributor.id, orderId: t.order.id };
  const body = { ...example };
  for (const name of Object.keys(body)) if (ids[name]) body[name] = ids[name];
  if (Array.isArray(body.orderIds)) body.orderIds = [t.order.id];
  return body;
}

async function call(client: ApiClient, operation: Operation, t: Tenant): Promise<ApiResponse> {
  const body = bodyFor(operation, t);
  return client.request(operation.method, pathFor(operation, t), {
    ...(body !== undefined ? { body } : {}),
    idempotencyKey: operation.method === 'POST' ? `matrix-${Math.random().toString(36).slice(2)}` : undefined,
  });
}

const label = (operation: Operation) => `${operation.method} ${operation.path}`;
const shown = (response: ApiResponse) => `${response.status} ${(response.body as { code?: string })?.code ?? ''}`.trim();

describe('authorization matrix over the OpenAPI document', () => {
  it('should cover the API: every operation lists its roles', () => {
    expect(operations.length).toBeGreaterThan(25);
    expect(document.operations().filter((operation) => !operation.rolesDocumented).map(label)).toEqual([]);
  });

  it('should answer 401 without a key, on every operation', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const response = await call(world.platform.anonymous, operation, world.a);
      if (response.status !== 401) wrong.push(`${label(operation)}: ${shown(response)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('should answer 401 to an unknown key, on every operation', async () => {
    const stranger = world.platform.anonymous.withKey('rwa_unknown_00000000000000000000000000000000');
    const wrong: string[] = [];
    for (const operation of operations) {
      const response = await call(stranger, operation, world.a);
      if (response.status !== 401) wrong.push(`${label(operation)}: ${shown(response)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('should answer 403 to every role an operation does not list', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      for (const role of ROLES.filter((r) => !operation.roles.includes(r))) {
        const response = await call(keyOf(world, role)!, operation, world.a);
        if (response.status !== 403) wrong.push(`${label(operation)} as ${role}: ${shown(response)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("should answer 404 to another organisation's key on this tenant's ids, and never a 2xx", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      const kinds = parameterKinds(operation.path);
      const tenantPath = operation.pathParams.some((name) => TENANT_KINDS.has(kinds[name] ?? name));
      for (const role of TENANT_ROLES.filter((r) => operation.roles.includes(r))) {
        const other = keyOf(world, role, world.b)!;
        if (tenantPath) {
          checked += 1;
          const response = await call(other, operation, world.a);
          if (response.status !== 404) wrong.push(`${label(operation)} as ${role} of another organisation: ${shown(response)}`);
        } else if (operation.method !== 'GET' && operation.bodySchema) {
          // A body naming this tenant's ids (an order for its investor): refused, whatever the reason.
          const body = bodyFor(operation, world.a);
          if (!JSON.stringify(body ?? {}).match(/[0-9a-f]{8}-[0-9a-f]{4}-4/)) continue;
          checked += 1;
          const response = await call(other, operation, world.a);
          if (response.status < 400 || response.status >= 500) wrong.push(`${label(operation)} as ${role} of another organisation with this tenant's ids: ${shown(response)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  it("should never show this tenant's resources in another organisation's lists", async () => {
    const ours = [world.a.fund.id, world.a.investor.id, world.a.wallet.id, world.a.order.id];
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.method === 'GET' && o.pathParams.length === 0)) {
      for (const role of TENANT_ROLES.filter((r) => operation.roles.includes(r))) {
        const response = await keyOf(world, role, world.b)!.get(operation.path);
        const text = JSON.stringify(response.body);
        const leaked = ours.filter((id) => text.includes(id));
        if (response.status >= 500 || leaked.length > 0) wrong.push(`${label(operation)} as ${role} of another organisation: ${shown(response)}, shows ${leaked.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('should let every listed role through on its own resources (no 401, 403 or 5xx)', async () => {
    const wrong: string[] = [];
    // Reads first: the writes below change the world (a cancelled order, a revoked wallet).
    const ordered = [...operations.filter((o) => o.method === 'GET'), ...operations.filter((o) => o.method !== 'GET' && o.method !== 'DELETE'), ...operations.filter((o) => o.method === 'DELETE')];
    for (const operation of ordered) {
      for (const role of operation.roles) {
        const response = await call(keyOf(world, role)!, operation, world.a);
        if (response.status === 401 || response.status === 403 || response.status >= 500) wrong.push(`${label(operation)} as ${role}: ${shown(response)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
