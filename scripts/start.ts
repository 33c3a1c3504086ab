// `npm start`: starts the whole platform with local defaults (see README "Quick start").
//
//   database  DATABASE_URL | local Postgres 127.0.0.1:5432 | embedded PostgreSQL in .local/postgres
//   queue     REDIS_URL | local Redis 127.0.0.1:6379 | redis-server from PATH | BullMQ Postgres backend
//   chain     CHAIN_RPC_URL | local dev chain on LOCAL_CHAIN_PORT (default 8545): started (or reused
//             when it is a healthy node this checkout started)
//   admin key PLATFORM_ADMIN_KEY | <state dir>/admin-key (generated once)
//   state dir LOCAL_STATE_DIR | .local
//
// Then runs setup (migrations, admin bootstrap, contract deployment), starts the API on PORT
// (default 3000) and WORKERS (default 1) worker processes (each serving its metrics on a port of its
// own, from WORKER_METRICS_PORT, default 9464), waits for /health/ready and prints where everything
// is. Ctrl-C or SIGTERM stops everything it started; if a process dies unexpectedly, it stops
// everything and exits non-zero. Every child ends with this script however it ends (SIGKILL
// included, see start/processes.ts), and this script ends when npm, which ran it, is killed.
// The build (`npm run build`) must have run before.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provideChain } from './start/chain.ts';
import { launcherChain, watchLauncher } from './start/launcher.ts';
import type { Chain } from './start/chain.ts';
import { bold, error, info, warn } from './start/log.ts';
import { canListenEverywhere, freePort, isPortFree } from './start/net.ts';
import { provideDatabase, redactUrl } from './start/postgres.ts';
import type { Database } from './start/postgres.ts';
import { describeExit, killManaged, stopManaged } from './start/processes.ts';
import type { Managed } from './start/processes.ts';
import {
  SETUP_EXIT_CHAIN_RESET,
  SETUP_FRESH_DEV_CHAIN_FLAG,
  missingBuildOutputs,
  provideAdminKey,
  spawnApi,
  spawnSetup,
  spawnWorker,
  waitForReady,
} from './start/platform.ts';
import { provideQueue } from './start/queue.ts';
import type { Queue } from './start/queue.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
/** Where `npm start` keeps what it generates (admin key, embedded database, logs, chain record). */
const stateDir = resolve(process.env.LOCAL_STATE_DIR || join(root, '.local'));

/** What we started, so that shutdown can stop it: platform processes first, then infrastructure. */
const platformProcesses: Managed[] = [];
const infrastructure: { name: string; stop: () => Promise<unknown> }[] = [];
let shuttingDown = false;
let ready = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    if (platformProcesses.some((p) => !p.hasExited())) info('stopping the platform processes...');
    await Promise.all(platformProcesses.map((p) => stopManaged(p)));
    for (const item of [...infrastructure].reverse()) {
      info(`stopping ${item.name}...`);
      await item.stop().catch((err: unknown) => warn(`could not stop ${item.name}: ${String(err)}`));
    }
    info('stopped.');
    process.exit(exitCode);
  }
  return new Promise<never>(() => undefined);
}

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    warn(`${signal} again: killing the platform processes now`);
    for (const p of platformProcesses) killManaged(p);
    return;
  }
  info(`${signal} received`);
  void shutdown(ready ? 0 : 130);
}

/** Any process we started that exits while we are not shutting down takes the whole platform down. */
function superviseUnexpectedExit(managed: Managed): void {
  void managed.exited.then((exit) => {
    if (shuttingDown) return;
    error(`${managed.name} exited unexpectedly (${describeExit(exit)}); stopping everything`);
    void shutdown(1);
  });
}

function platformEnv(database: Database, queue: Queue, chain: Chain, adminKey: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    QUEUE_BACKEND: queue.backend,
    CHAIN_RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(chain.chainId),
    PORT: String(port),
    PLATFORM_ADMIN_KEY: adminKey,
    // Local receivers (http://localhost) may take webhooks on this machine's platform.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? 'true',
  };
  if (queue.redisUrl !== undefined) env.REDIS_URL = queue.redisUrl;
  else delete env.REDIS_URL;
  return env;
}

async function runSetup(env: NodeJS.ProcessEnv, chain: Chain): Promise<void> {
  info(
    `running setup (migrations, admin bootstrap, contract deployment)${chain.freshDevChain ? ` with ${SETUP_FRESH_DEV_CHAIN_FLAG}: the chain is the local dev chain npm start started, so a reset chain resets the platform database` : ''}`,
  );
  const setup = spawnSetup(env, chain.freshDevChain);
  platformProcesses.push(setup);
  const exit = await setup.exited;
  if (shuttingDown) return;
  if (exit.code === SETUP_EXIT_CHAIN_RESET) {
    error(
      `setup stopped: the database remembers platform contracts on chain ${chain.chainId} that ${chain.rpcUrl} does not have; nothing was changed. ` +
        'See the setup message above for the fix (point CHAIN_RPC_URL at the chain of this database, wait for a lagging node, or use a fresh DATABASE_URL).',
    );
    await shutdown(SETUP_EXIT_CHAIN_RESET);
  }
  if (exit.code !== 0) {
    error(`setup failed (${describeExit(exit)})`);
    await shutdown(1);
  }
}

function parseCount(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function printBanner(lines: [string, string][]): void {
  const width = Math.max(...lines.map(([label]) => label.length));
  const rule = '='.repeat(72);
  const body = lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
  process.stdout.write(`\n${rule}\n${bold('  RWA platform is running')}\n${body}\n  Press Ctrl-C to stop everything.\n${rule}\n\n`);
}

async function main(): Promise<void> {
  const missing = missingBuildOutputs(root);
  if (missing.length > 0) throw new Error(`build output missing (${missing.join(', ')}): run \`npm run build\` first (\`npm start\` does)`);

  const port = parseCount('PORT', 3000);
  const workers = parseCount('WORKERS', 1);
  if (!(await isPortFree(port))) throw new Error(`port ${port} is already in use: set PORT to another port`);

  const adminKey = provideAdminKey(stateDir);
  const database = await provideDatabase(root, stateDir);
  if (database.process !== undefined) {
    const postgres = database.process;
    infrastructure.push({ name: 'the embedded PostgreSQL', stop: () => stopManaged(postgres, 30_000) });
    superviseUnexpectedExit(postgres);
  }
  const queue = await provideQueue(stateDir);
  if (queue.process !== undefined) {
    const redis = queue.process;
    infrastructure.push({ name: 'redis-server', stop: () => stopManaged(redis) });
    superviseUnexpectedExit(redis);
  }
  const chain = await provideChain(root, stateDir);
  if (chain.process !== undefined) {
    const node = chain.process;
    infrastructure.push({ name: 'the Hardhat node', stop: () => stopManaged(node) });
    superviseUnexpectedExit(node);
  }

  const env = platformEnv(database, queue, chain, adminKey.key, port);
  await runSetup(env, chain);

  const api = spawnApi(env);
  platformProcesses.push(api);
  superviseUnexpectedExit(api);
  const metricsPorts = await workerMetricsPorts(workers);
  for (let i = 1; i <= workers; i += 1) {
    const worker = spawnWorker(env, i, metricsPorts[i - 1]!);
    platformProcesses.push(worker);
    superviseUnexpectedExit(worker);
  }

  const baseUrl = `http://localhost:${port}`;
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, api, 120_000);
  ready = true;
  printBanner([
    ['API', baseUrl],
    ['API docs', `${baseUrl}/docs`],
    ['Admin key', `${adminKey.key}   (${adminKey.source}; send it as "Authorization: Bearer <key>")`],
    ['Queues', `${baseUrl}/admin/queues   (the admin key is the password; any user name)`],
    ['Metrics', [`${baseUrl}/metrics`, ...metricsPorts.map((p, i) => `worker-${i + 1} http://127.0.0.1:${p}/metrics`)].join(', ')],
    ['Database', database.description],
    ['Queue', queue.backend === 'redis' ? `${queue.description}, BullMQ prefix "${env.QUEUE_PREFIX ?? 'rwa'}"` : queue.description],
    ['Chain', chain.description],
    ['Workers', String(workers)],
    ['Logs', `${stateDir}/logs (chain, postgres, redis); API and worker lines below${process.env.LOG_FORMAT === 'json' ? ' as JSON' : ''}`],
  ]);
  info(`ready: ${baseUrl} (database ${redactUrl(database.url)})`);
}

/** One metrics port per worker: WORKER_METRICS_PORT (default 9464) and up, or any free port where one is taken. */
async function workerMetricsPorts(count: number): Promise<number[]> {
  const base = parseCount('WORKER_METRICS_PORT', 9464);
  const ports: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const wanted = base + i;
    ports.push(wanted > 0 && wanted <= 65535 && (await canListenEverywhere(wanted)) ? wanted : await freePort());
  }
  return ports;
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);
watchLauncher(launcherChain(), (pid) => {
  if (shuttingDown) return;
  warn(`the process that started us (pid ${pid}) is gone: stopping everything`);
  void shutdown(1);
});

main().catch(async (err: unknown) => {
  if (shuttingDown) return;
  error(err instanceof Error ? err.message : String(err));
  await shutdown(1);
});
