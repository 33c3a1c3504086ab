import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Codes mapped to 409 or 422 that no API call answers: they are failure codes of orders the worker records. */
const WORKER_ONLY = new Set([
  // A chain call refused: the worker records the contract's own error on the order.
  'CONTRACT_REVERTED',
  // The escrowed FORWARD request refused at its cut-off or by the token at the strike.
  'DEALING_DAY_CLOSED',
  'REQUEST_REJECTED',
]);

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

describe('openapi.json error codes', () => {
  const document = readFileSync(join(root, 'openapi.json'), 'utf8');

  it.each([409, 422])('should name every code the API answers with %i in the document (an operation that can give it)', (status) => {
    const codes = codesAnswered(status);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((code) => !WORKER_ONLY.has(code) && !document.includes(code))).toEqual([]);
  });
});
