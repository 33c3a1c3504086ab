import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const controllers = join(root, 'apps/api/src/controllers');

/** Codes mapped to 409 or 422 that no API call answers: they are failure codes of orders the worker records. */
const WORKER_ONLY = new Set([
  // A chain call refused: the worker records the contract's own error on the order.
  'CONTRACT_REVERTED',
  // The escrowed FORWARD request refused at its cut-off or by the token at the strike.
  'DEALING_DAY_CLOSED',
  'REQUEST_REJECTED',
]);

/**
 * Writes that can answer no error particular to them: only the shared ones (400 for their input,
 * 404 for the ids of their path, 401/403/429/5xx) and, for a POST, the Idempotency-Key's 409s
 * described on its header. A new write must declare its own errors in ApiEndpoint or be named here.
 */
const WRITES_WITHOUT_OWN_ERRORS: Record<string, string> = {
  createOrganization: 'an ADMIN creates any organisation; only its fields can be refused (400)',
  revokeApiKey: 'the organisation and the key of its path (404)',
  unshelveFund: 'the fund and the distributor of its path (404)',
  putKytFundRules: 'the fund of its path (404); the rules are checked as input (400)',
  addToBlocklist: 'an entry is added or updated; only its fields can be refused (400)',
  putCalendar: 'a calendar is created or replaced; only its fields can be refused (400)',
  deleteWebhook: 'the webhook of its path (404)',
  rotateWebhookSecret: 'the webhook of its path (404)',
  testWebhook: 'the webhook of its path (404)',
  createReconciliation: 'the fund of its path (404); the worker runs the reconciliation itself',
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as Json;
const operations = Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
  ['get', 'put', 'post', 'delete', 'patch'].filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] as Json })),
);

/** The codes problemStatus maps to `status`, read from its switch (one place, as the API answers them). */
function codesAnswered(status: number): string[] {
  const source = readFileSync(join(root, 'apps/api/src/http/problem-status.ts'), 'utf8');
  const body = source.slice(source.indexOf('export function problemStatus'));
  const codes: string[] = [];
  let pending: string[] = [];
  for (const line of body.split('\n')) {
    const code = /case (?:[A-Za-z]+\.)?'?([A-Z][A-Z0-9_]*)'?:/.exec(line)?.[1];
    if (code) pending.push(code);
    const returned = /return (\d+);/.exec(line)?.[1];
    if (returned) {
      if (Number(returned) === status) codes.push(...pending);
      pending = [];
    }
  }
  return codes;
}

/** The codes an operation's own (not shared) answer of `status` names in its description. */
function codesDeclared(operation: Json, status: number): string[] {
  const response = operation.responses?.[String(status)] as Json | undefined;
  if (!response || response.$ref !== undefined) return [];
  return String(response.description).match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? [];
}

/** Each route of a controller: its file, its handler's name and the decorators above it. */
function routes(): { file: string; handler: string; decorators: string }[] {
  const found: { file: string; handler: string; decorators: string }[] = [];
  for (const file of readdirSync(controllers).filter((name) => name.endsWith('.controller.ts'))) {
    const source = readFileSync(join(controllers, file), 'utf8');
    for (const match of source.matchAll(/^ {2}@(?:Get|Post|Put|Patch|Delete)\(/gm)) {
      const rest = source.slice(match.index);
      const handler = /^ {2}(?:async )?([a-zA-Z]+)\(/m.exec(rest)!;
      found.push({ file, handler: handler[1]!, decorators: rest.slice(0, handler.index) });
    }
  }
  return found;
}

describe('openapi.json error codes', () => {
  it.each([409, 422])('should name every code the API answers with %i in the document (an operation that can give it)', (status) => {
    const codes = codesAnswered(status);
    const text = JSON.stringify(document);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((code) => !WORKER_ONLY.has(code) && !text.includes(code))).toEqual([]);
  });

  it.each([404, 409, 422])("should name under an operation's own %i only codes the API answers with that status", (status) => {
    const answered = new Set(codesAnswered(status));
    const declared = operations.flatMap(({ operation }) => codesDeclared(operation, status).map((code) => `${operation.operationId}: ${code}`));
    expect(declared.length).toBeGreaterThan(status === 404 ? 5 : 20);
    expect(declared.filter((entry) => !answered.has(entry.split(': ')[1]!))).toEqual([]);
  });

  it('should describe every route of a controller with ApiEndpoint (its own errors included), none by hand', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(80);
    expect(all.filter((route) => !/@Api(?:Endpoint|ExcludeEndpoint)\(/.test(route.decorators)).map((route) => `${route.file} ${route.handler}`)).toEqual([]);
    expect(all.filter((route) => /@Api(?:Operation|Response|[A-Z][a-zA-Z]*Response)\(/.test(route.decorators)).map((route) => `${route.file} ${route.handler}`)).toEqual([]);
  });

  it('should declare for every write at least one error of its own, or name it among the writes without any', () => {
    const writes = operations.filter(({ method }) => method !== 'get');
    const own = (operation: Json) => Object.entries(operation.responses as Record<string, Json>).some(([status, response]) => Number(status) >= 400 && Number(status) < 500 && response.$ref === undefined);
    expect(writes.length).toBeGreaterThan(40);
    expect(writes.filter(({ operation }) => !own(operation) && !(operation.operationId in WRITES_WITHOUT_OWN_ERRORS)).map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    // A write that came to declare its own errors leaves the list.
    expect(Object.keys(WRITES_WITHOUT_OWN_ERRORS).filter((id) => writes.some(({ operation }) => operation.operationId === id && own(operation)))).toEqual([]);
    expect(Object.keys(WRITES_WITHOUT_OWN_ERRORS).filter((id) => !writes.some(({ operation }) => operation.operationId === id))).toEqual([]);
  });
});
