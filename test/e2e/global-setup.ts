// Starts the platform once for the whole e2e suite, as a user would (`node scripts/start.ts`; the
// build ran before, in scripts/test-all.sh), on a fresh database, its own local Hardhat chain,
// the machine's Redis under a unique BullMQ prefix, and TWO worker processes.
// Jest loads this file (and global-teardown.ts) as CommonJS without the test module mapper, so it
// is self-contained: no relative imports.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';

const MAINTENANCE_DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';
const READY_MARKER = '[start] ready:';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function withMaintenanceClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: MAINTENANCE_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  await withMaintenanceClient((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(MAINTENANCE_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  await withMaintenanceClient((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}

/** Removes the BullMQ keys of this run from the shared Redis. */
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function logTail(logFile: string, lines = 120): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
async function stopProcess(pid: number, graceMs = 30_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await sleep(100);
  }
}

interface StartedPlatform {
  pid: number;
  baseUrl: string;
  rpcUrl: string;
  logFile: string;
}

interface StartOptions {
  root: string;
  /** The external KYT screening service the platform uses (KYT_PROVIDER=http). */
  kytStub: { url: string; key: string };
  databaseUrl: string;
  adminKey: string;
  queuePrefix: string;
  workers: number;
  timeoutMs: number;
}

async function startPlatform(options: StartOptions): Promise<StartedPlatform> {
  const [port, chainPort] = [await freePort(), await freePort()];
  const logFile = join(tmpdir(), `${options.queuePrefix}.log`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: E2E_REDIS_URL,
    QUEUE_BACKEND: 'redis',
    QUEUE_PREFIX: options.queuePrefix,
    PORT: String(port),
    LOCAL_CHAIN_PORT: String(chainPort),
    PLATFORM_ADMIN_KEY: options.adminKey,
    WORKERS: String(options.workers),
    NO_COLOR: '1',
    // Screening goes through the HTTP adapter to the stub service, so a suite can take it down;
    // short intervals let a held subject be re-screened within the suite's patience.
    KYT_PROVIDER: 'http',
    KYT_HTTP_URL: options.kytStub.url,
    KYT_HTTP_API_KEY: options.kytStub.key,
    KYT_HTTP_TIMEOUT_MS: '1000',
    KYT_HTTP_RETRIES: '1',
    KYT_HTTP_BREAKER_RESET_MS: '500',
    KYT_RESCREEN_INTERVAL_MS: '500',
    // Audit heads are anchored on chain every second, so a suite sees its rows anchored soon.
    AUDIT_ANCHOR_INTERVAL_MS: '1000',
    // Webhooks to the suites' local receivers, retried within seconds, an unanswered attempt given up after 2 s.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_BASE_MS: '200',
    WEBHOOK_RETRY_MAX_MS: '1000',
    // Reconciliations on demand only: a scheduled run over every suite's funds would raise alerts
    // for breaks the suites inject on purpose (income-register-reconciliation).
    RECONCILIATION_INTERVAL_MS: '0',
  };
  // jest's own flags are not the platform's; the platform starts its own local chain.
  delete env.NODE_OPTIONS;
  delete env.CHAIN_RPC_URL;
  delete env.CHAIN_ID;

  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['scripts/start.ts'], { cwd: options.root, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn scripts/start.ts');
  let exitCode: number | null | undefined;
  child.once('exit', (code, signal) => {
    exitCode = code ?? (signal !== null ? -1 : null);
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`scripts/start.ts exited (${exitCode}) before the platform was ready; log ${logFile}:\n${logTail(logFile)}`);
    if (readFileSync(logFile, 'utf8').includes(READY_MARKER)) break;
    if (Date.now() > deadline) {
      await stopProcess(pid);
      throw new Error(`the platform was not ready after ${options.timeoutMs / 1000} s; log ${logFile}:\n${logTail(logFile)}`);
    }
    await sleep(250);
  }
  const health = await fetch(`${baseUrl}/health`);
  if (!health.ok) {
    await stopProcess(pid);
    throw new Error(`GET /health answered ${health.status} after start-up; log ${logFile}:\n${logTail(logFile)}`);
  }
  return { pid, baseUrl, rpcUrl: `http://127.0.0.1:${chainPort}`, logFile };
}

/** Starts support/kyt-stub-service.mjs on a free port and waits until it answers. */
async function startKytStub(root: string): Promise<{ url: string; key: string; pid: number }> {
  const port = await freePort();
  const key = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [join(root, 'test/e2e/support/kyt-stub-service.mjs'), String(port)], {
    env: { ...process.env, NODE_OPTIONS: '', KYT_STUB_KEY: key },
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/__control`, { method: 'POST', body: '{"mode":"up"}' })).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the KYT stub service did not start');
    await sleep(100);
  }
  return { url, key, pid: child.pid! };
}

const START_TIMEOUT_MS = 180_000;
/** Where the tests read the state when RWA_E2E_STATE_FILE did not reach them (support/state.ts). */
// One file per checkout: several worktrees of the project may run their suites at once.
const DEFAULT_STATE_FILE = join(tmpdir(), `rwa-e2e-state-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}.json`);

export default async function globalSetup(_globalConfig: unknown, projectConfig: { rootDir: string }): Promise<void> {
  const runId = `${Date.now()}_${randomBytes(3).toString('hex')}`;
  const databaseName = `rwa_e2e_${runId}`;
  const queuePrefix = `rwa-e2e-${runId}`;
  const adminKey = `rwa_admin_e2e_${randomBytes(24).toString('hex')}`;

  rmSync(DEFAULT_STATE_FILE, { force: true });
  const kytStub = await startKytStub(projectConfig.rootDir);
  const databaseUrl = await createDatabase(databaseName);
  let platform: StartedPlatform;
  try {
    platform = await startPlatform({ root: projectConfig.rootDir, databaseUrl, adminKey, queuePrefix, workers: 2, timeoutMs: START_TIMEOUT_MS, kytStub });
  } catch (err) {
    process.kill(kytStub.pid, 'SIGTERM');
    await dropDatabase(databaseName).catch(() => undefined);
    await deleteRedisKeys(queuePrefix).catch(() => undefined);
    throw err;
  }

  // The shape of E2eState in support/state.ts.
  const state = {
    baseUrl: platform.baseUrl,
    adminKey,
    rpcUrl: platform.rpcUrl,
    chainId: 31337,
    databaseName,
    maintenanceDatabaseUrl: MAINTENANCE_DATABASE_URL,
    queuePrefix,
    startPid: platform.pid,
    logFile: platform.logFile,
    kytStubUrl: kytStub.url,
    kytStubPid: kytStub.pid,
  };
  const file = join(tmpdir(), `${queuePrefix}.json`);
  writeFileSync(file, JSON.stringify(state, null, 2));
  writeFileSync(DEFAULT_STATE_FILE, JSON.stringify(state, null, 2));
  process.env.RWA_E2E_STATE_FILE = file;
  process.stdout.write(`\n[e2e] platform ready at ${platform.baseUrl} (chain ${platform.rpcUrl}, 2 workers, log ${platform.logFile})\n`);
}
