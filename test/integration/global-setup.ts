import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Jest loads global set-up files as CommonJS without the test resolver: no relative imports here.
// Keep in step with support/environment.ts.
// One file per checkout: several worktrees of the project may run their suites at once.
const ENVIRONMENT_FILE = join(tmpdir(), `rwa-integration-environment-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}.json`);
type IntegrationEnvironment = { databaseUrl: string; rpcUrl: string; redisUrl: string; queuePrefix: string; hardhatPid: number };

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database and a Hardhat node of its own, per run; suites apply the migrations (see platform-fixture). */
export default async function globalSetup(): Promise<void> {
  const database = `rwa_it_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${database}`;

  const port = await freePort();
  const hardhat = spawn('node_modules/.bin/hardhat', ['node', '--config', 'contracts/hardhat.config.ts', '--port', String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  hardhat.unref();
  const rpcUrl = `http://127.0.0.1:${port}`;
  await waitForChain(rpcUrl);

  const environment: IntegrationEnvironment = {
    databaseUrl: databaseUrl.href,
    rpcUrl,
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `rwa-it-${process.pid}`,
    hardhatPid: hardhat.pid!,
  };
  writeFileSync(ENVIRONMENT_FILE, JSON.stringify(environment));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForChain(rpcUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Hardhat node at ${rpcUrl} did not start`);
}
