// Stops the platform the global setup started (SIGTERM: scripts/start.ts stops its API, workers and
// Hardhat node) and the stub KYT screening service, and drops the suite's database and Redis keys.
// Self-contained, like global-setup.ts.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';

const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface State {
  databaseName: string;
  maintenanceDatabaseUrl: string;
  queuePrefix: string;
  startPid: number;
  logFile: string;
  kytStubPid?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopProcess(pid: number, graceMs = 30_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.stderr.write(`[e2e] scripts/start.ts (pid ${pid}) still running after ${graceMs / 1000} s: SIGKILL\n`);
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function dropDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(E2E_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export default async function globalTeardown(): Promise<void> {
  // Only the file this run's global setup wrote (same process): never a stale one of another run.
  const file = process.env.RWA_E2E_STATE_FILE;
  if (file === undefined || !existsSync(file)) return;
  const state = JSON.parse(readFileSync(file, 'utf8')) as State;
  await stopProcess(state.startPid);
  if (state.kytStubPid !== undefined) await stopProcess(state.kytStubPid, 5_000);
  await dropDatabase(state.maintenanceDatabaseUrl, state.databaseName);
  await deleteRedisKeys(state.queuePrefix);
  rmSync(file, { force: true });
  process.stdout.write(`[e2e] platform stopped; its log: ${state.logFile}\n`);
}
