// Fuzzing every operation of the OpenAPI document (/docs-json) with generated and mutated input:
// bodies of wrong types, huge strings and numbers, deep nesting, NUL and lone surrogates, extra
// fields, impossible dates, numbers beyond their columns; hostile path and query parameters. No
// answer may be a 5xx, and a 4xx must change no row of any business table (support/db-fingerprint).
// Deterministic (fixed seed, bounded count); endpoints added later are fuzzed as soon as they are
// in the document.
import { jest } from '@jest/globals';
import fc from 'fast-check';
import type { ApiClient, Json } from './support/api-client.js';
import { DatabaseFingerprint, differences } from './support/db-fingerprint.js';
import type { Fingerprint } from './support/db-fingerprint.js';
import { fillPath, OpenApiDocument, parameterKinds, WRITE_METHODS } from './support/openapi.js';
import type { Operation } from './support/openapi.js';
import { buildWorld, keyOf, pathValue } from './support/world.js';
import type { World } from './support/world.js';

jest.setTimeout(900_000);

const SEED = 20_261_126;
/** Cases per write operation and per read operation; a few minutes in all on the CI machine. */
const WRITE_RUNS = 16;
const READ_RUNS = 10;

/** Tried on every top-level field of every body, besides the random cases: what broke before. */
const TARGETED_VALUES: Json[] = ['abc\u0000def', 'x\uD800y', `${'9'.repeat(36)}.5`, 3_000_000_000, '2026-02-30', { nested: [1] }];

const deep = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** Values that have broken input handling somewhere: each replaces a field, a whole body or a parameter. */
const HOSTILE_VALUES: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  3_000_000_000,
  2 ** 53 + 2,
  1e308,
  -1e308,
  '',
  ' ',
  'a'.repeat(70_000),
  '\u0000',
  'abc\u0000def',
  '\uD800',
  'x\uDFFFy',
  '💰'.repeat(500),
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '2026-02-30T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '1'.repeat(36),
  `${'9'.repeat(36)}.5`,
  '0',
  '0.000000000000000000001',
  '-1',
  '1e5',
  'NaN',
  '0x',
  `0x${'f'.repeat(64)}`,
  "'; DROP TABLE funds; --",
  '00000000-0000-0000-0000-000000000000',
  [],
  [[[[[]]]]],
  {},
  { $gt: '' },
  Array.from({ length: 2000 }, () => 'HK'),
];

/** Raw request bodies: malformed JSON, deep nesting the parser accepts, escapes of forbidden characters. */
const RAW_BODIES: string[] = [
  '{',
  '{"a":',
  'null',
  '"text"',
  '123',
  '{"__proto__": {"polluted": true}}',
  deep(20_000, '[', ']'),
  deep(5_000, '{"a":', '}'),
  '{"name": "\\u0000"}',
  '{"name": "\\ud800"}',
  `{"name": "${'x'.repeat(2_000_000)}"}`,
];

/** Hostile path parameter values, sent as they are (so %00 and an unpaired surrogate's bytes reach the server). */
const RAW_PATH_VALUES = ['%00', 'abc%00', '%ED%A0%80', '%F0%9F', 'not-a-uuid', '..', '%2e%2e%2f', 'a'.repeat(3000), '00000000-0000-0000-0000-000000000000', '0x0000000000000000000000000000000000000000', '2026-02-30'];

/** Hostile query values (the list parameters `limit` and `cursor` above all). */
const RAW_QUERY_VALUES = [
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'abc',
  '%00',
  '%ED%A0%80',
  'a'.repeat(3000),
  Buffer.from('["2026-02-30T00:00:00Z","x"]').toString('base64url'),
  Buffer.from('["2026-01-01T00:00:00.123456Z","not-a-uuid"]').toString('base64url'),
  Buffer.from('{"a":1}').toString('base64url'),
  Buffer.from('[1,2]').toString('base64url'),
  '!!!',
];

type Mutation =
  | { kind: 'replace'; property: string; value: Json }
  | { kind: 'delete'; property: string }
  | { kind: 'extra'; property: string; value: Json }
  | { kind: 'item'; property: string; value: Json }
  | { kind: 'body'; value: Json }
  | { kind: 'raw'; raw: string }
  | { kind: 'path'; parameter: string; raw: string }
  | { kind: 'query'; parameter: string; raw: string }
  | { kind: 'none' };

interface Failure {
  operation: string;
  status: number;
  code: unknown;
  mutation: string;
  changed?: string[];
}

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => Number(n))) },
);

function mutations(operation: Operation, properties: string[]): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [];
  const hasBody = operation.bodySchema !== undefined || operation.method !== 'GET';
  if (properties.length > 0) {
    const property = fc.constantFrom(...properties);
    options.push(
      fc.record({ kind: fc.constant('replace' as const), property, value: hostile }),
      fc.record({ kind: fc.constant('replace' as const), property, value: hostile }),
      fc.record({ kind: fc.constant('delete' as const), property }),
      fc.record({ kind: fc.constant('item' as const), property, value: hostile }),
    );
  }
  if (hasBody) {
    options.push(
      fc.record({ kind: fc.constant('extra' as const), property: fc.constantFrom('__proto__', 'constructor', 'id', 'status', 'issuerId', 'extra\u0000'), value: hostile }),
      fc.record({ kind: fc.constant('body' as const), value: hostile }),
      fc.record({ kind: fc.constant('raw' as const), raw: fc.constantFrom(...RAW_BODIES) }),
    );
  }
  if (operation.pathParams.length > 0) {
    options.push(fc.record({ kind: fc.constant('path' as const), parameter: fc.constantFrom(...operation.pathParams), raw: fc.constantFrom(...RAW_PATH_VALUES) }));
  }
  if (operation.queryParams.length > 0) {
    options.push(fc.record({ kind: fc.constant('query' as const), parameter: fc.constantFrom(...operation.queryParams.map((q) => q.name)), raw: fc.constantFrom(...RAW_QUERY_VALUES) }));
  }
  if (options.length === 0) options.push(fc.constant({ kind: 'none' as const }));
  return fc.oneof(...options);
}

function describeMutation(mutation: Mutation): string {
  const shown = (value: unknown) => {
    const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 60)}...(${text.length} chars)` : text;
  };
  switch (mutation.kind) {
    case 'replace':
    case 'extra':
    case 'item':
      return `${mutation.kind} ${mutation.property} = ${shown(mutation.value)}`;
    case 'delete':
      return `delete ${mutation.property}`;
    case 'body':
      return `body = ${shown(mutation.value)}`;
    case 'raw':
      return `raw body ${shown(mutation.raw)}`;
    case 'path':
    case 'query':
      return `${mutation.kind} ${mutation.parameter} = ${shown(mutation.raw)}`;
    case 'none':
      return 'as documented';
  }
}

let world: World;
let document: OpenApiDocument;
let db: DatabaseFingerprint;
const failures: Failure[] = [];
const counts = { requests: 0, refused: 0, accepted: 0 };

beforeAll(async () => {
  world = await buildWorld();
  document = await OpenApiDocument.load(world.platform.state.baseUrl);
  db = new DatabaseFingerprint(world.platform.state);
  await db.connect();
}, 300_000);

afterAll(async () => {
  await db?.close();
});

const ROLES = ['ADMIN', 'COMPLIANCE', 'ISSUER', 'DISTRIBUTOR'];

/**
 * The key the operation accepts (its first role), so that input handling, not authorization,
 * answers. For a document without `x-roles`, the first role whose key is not refused with 401/403
 * (a text body, which no handler reads, keeps the probe from doing anything on a body operation).
 */
async function callerOf(operation: Operation): Promise<ApiClient> {
  if (operation.rolesDocumented) {
    const role = operation.roles[0];
    return (role ? keyOf(world, role) : undefined) ?? world.platform.anonymous;
  }
  for (const role of ROLES) {
    const client = keyOf(world, role)!;
    const kinds = parameterKinds(operation.path);
    const path = fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, pathValue(world, kinds[name] ?? name)])));
    const probe = await client.request(operation.method, path, operation.method === 'GET' ? {} : { rawBody: 'probe', headers: { 'content-type': 'text/plain' } });
    if (probe.status !== 401 && probe.status !== 403) return client;
  }
  return world.platform.anonymous;
}

async function send(operation: Operation, client: ApiClient, mutation: Mutation): Promise<{ status: number; code: unknown }> {
  const kinds = parameterKinds(operation.path);
  const values: Record<string, string> = {};
  for (const name of operation.pathParams) values[name] = encodeURIComponent(pathValue(world, kinds[name] ?? name));
  if (mutation.kind === 'path') values[mutation.parameter] = mutation.raw;
  let path = fillPath(operation.path, values, true);
  if (mutation.kind === 'query') path += `?${mutation.parameter}=${mutation.raw}`;

  const valid = operation.bodySchema ? withWorldIds(document.example(operation.bodySchema)) : undefined;
  if (operation.method === 'GET' && ['replace', 'delete', 'extra', 'item', 'body', 'raw'].includes(mutation.kind)) return { status: 0, code: 'not sent' };
  let body: Json = valid === undefined ? undefined : structuredClone(valid);
  let raw: string | undefined;
  switch (mutation.kind) {
    case 'replace':
      body = { ...(body ?? {}), [mutation.property]: mutation.value };
      break;
    case 'delete':
      if (body) delete body[mutation.property];
      break;
    case 'extra':
      body = body ?? {};
      Object.defineProperty(body, mutation.property, { value: mutation.value, enumerable: true, configurable: true, writable: true });
      break;
    case 'item':
      body = { ...(body ?? {}), [mutation.property]: [mutation.value, mutation.value] };
      break;
    case 'body':
      body = mutation.value;
      break;
    case 'raw':
      raw = mutation.raw;
      break;
    default:
      break;
  }
  const response = await client.request(operation.method, path, {
    ...(raw !== undefined ? { rawBody: raw } : body !== undefined ? { body } : {}),
    // A fresh key: the same key again would replay, not exercise the input handling.
    idempotencyKey: operation.method === 'POST' ? `fuzz-${counts.requests}-${SEED}` : undefined,
  });
  return { status: response.status, code: (response.body as { code?: unknown })?.code };
}

/** The documented example with the world's real ids in the id fields, so a mutation of one field reaches the service. */
function withWorldIds(example: Json): Json {
  if (example === null || typeof example !== 'object' || Array.isArray(example)) return example;
  const ids: Record<string, string> = {
    fundId: world.a.fund.id,
    investorId: world.a.investor.id,
    walletId: world.a.wallet.id,
    distributorId: world.a.distributor.id,
    orderId: world.a.order.id,
  };
  const body = { ...example };
  for (const name of Object.keys(body)) if (ids[name]) body[name] = ids[name];
  if (Array.isArray(body.orderIds)) body.orderIds = [world.a.order.id];
  return body;
}

async function fuzz(operation: Operation, runs: number, seed: number): Promise<void> {
  const properties = document.propertyNames(operation.bodySchema);
  const targeted: Mutation[] = properties.flatMap((property) => TARGETED_VALUES.map((value) => ({ kind: 'replace' as const, property, value })));
  const cases = [...targeted, ...fc.sample(mutations(operation, properties), { seed, numRuns: runs })];
  const client = await callerOf(operation);
  let before: Fingerprint = await db.settle();
  for (const mutation of cases) {
    counts.requests += 1;
    const label = `${operation.method} ${operation.path}`;
    let answer: { status: number; code: unknown };
    try {
      answer = await send(operation, client, mutation);
    } catch (error) {
      failures.push({ operation: label, status: 0, code: (error as Error).message, mutation: describeMutation(mutation) });
      before = await db.settle();
      continue;
    }
    if (answer.status === 0) continue;
    if (answer.status >= 500) {
      failures.push({ operation: label, status: answer.status, code: answer.code, mutation: describeMutation(mutation) });
      before = await db.settle();
    } else if (answer.status >= 400) {
      counts.refused += 1;
      const after = await db.take();
      const changed = differences(before, after);
      if (changed.length > 0) failures.push({ operation: label, status: answer.status, code: answer.code, mutation: describeMutation(mutation), changed });
      before = after;
    } else {
      // Accepted: what it started (a deployment, a registration) settles before the next comparison.
      counts.accepted += 1;
      before = await db.settle();
    }
  }
}

describe('fuzzing the OpenAPI document', () => {
  it('should answer every mutated write request without a 5xx, and change nothing when it refuses', async () => {
    const operations = document.operations().filter((operation) => WRITE_METHODS.includes(operation.method));
    expect(operations.length).toBeGreaterThan(10);
    let index = 0;
    for (const operation of operations) await fuzz(operation, WRITE_RUNS, SEED + index++);
    const summary = failures.map((f) => `${f.status} ${f.code} ${f.operation}: ${f.mutation}${f.changed ? ` (changed ${f.changed.join(', ')})` : ''}`);
    process.stdout.write(`[fuzz] write operations: ${operations.length}, requests ${counts.requests}, refused ${counts.refused}, accepted ${counts.accepted}, failures ${failures.length}\n${summary.join('\n')}\n`);
    expect(summary).toEqual([]);
  });

  it('should answer every read request with hostile path and query parameters without a 5xx', async () => {
    failures.length = 0;
    const operations = document.operations().filter((operation) => operation.method === 'GET' && (operation.pathParams.length > 0 || operation.queryParams.length > 0));
    expect(operations.length).toBeGreaterThan(5);
    let index = 1000;
    for (const operation of operations) await fuzz(operation, READ_RUNS, SEED + index++);
    const summary = failures.map((f) => `${f.status} ${f.code} ${f.operation}: ${f.mutation}${f.changed ? ` (changed ${f.changed.join(', ')})` : ''}`);
    process.stdout.write(`[fuzz] read operations: ${operations.length}, failures ${failures.length}\n${summary.join('\n')}\n`);
    expect(summary).toEqual([]);
  });
});
