import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { createTestClient, http, type TestClient } from 'viem';
import { hardhat } from 'viem/chains';
import { useIntegrationEnvironment } from './environment.js';

/**
 * A Hardhat node and a database of one suite's own, for tests that rewind the chain (snapshot and
 * revert), stop mining or break the signer's nonces: on the shared node they would disturb the
 * suites running beside them.
 */
export interface IsolatedChain {
  rpcUrl: string;
  databaseUrl: string;
  testClient: TestClient<'hardhat'>;
  stop(): Promise<void>;
}

export async function startIsolatedChain(): Promise<IsolatedChain> {
  const shared = useIntegrationEnvironment();
  const database = `${new URL(shared.databaseUrl).pathname.slice(1)}_iso_${process.pid}`;
  const adminUrl = new URL(shared.databaseUrl);
  adminUrl.pathname = '/postgres';
  await withAdmin(adminUrl.href, (admin) => admin.query(`CREATE DATABASE ${database}`));
  const databaseUrl = new URL(shared.databaseUrl);
  databaseUrl.pathname = `/${database}`;

  const port = await freePort();
  const node: ChildProcess = spawn('node_modules/.bin/hardhat', ['node', '--config', 'contracts/hardhat.config.ts', '--port', String(port)], { stdio: 'ignore', detached: true });
  node.unref();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const testClient = createTestClient({ chain: hardhat, mode: 'hardhat', transport: http(rpcUrl), pollingInterval: 100 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await testClient.request({ method: 'eth_chainId' } as never);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    rpcUrl,
    databaseUrl: databaseUrl.href,
    testClient,
    async stop() {
      try {
        process.kill(-node.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await withAdmin(adminUrl.href, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}

async function withAdmin(url: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
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
