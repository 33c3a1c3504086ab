import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Jest loads global set-up files as CommonJS without the test resolver: no relative imports here.
// Keep in step with support/environment.ts.
// One file per checkout: several worktrees of the project may run their suites at once.
const ENVIRONMENT_FILE = join(tmpdir(), `rwa-integration-environment-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}.json`);
type IntegrationEnvironment = { databaseUrl: string; rpcUrl: string; redisUrl: string; queuePrefix: string; hardhatPid: number };

export default async function globalTeardown(): Promise<void> {
  const environment = JSON.parse(readFileSync(ENVIRONMENT_FILE, 'utf8')) as IntegrationEnvironment;
  try {
    process.kill(-environment.hardhatPid, 'SIGTERM');
  } catch {
    try {
      process.kill(environment.hardhatPid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const database = new URL(environment.databaseUrl).pathname.slice(1);
  const adminUrl = new URL(environment.databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.href });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(ENVIRONMENT_FILE, { force: true });
}
