// `npm run bench:webhooks` (issue 13): webhook delivery under real order traffic. Starts its own
// database (on the machine's Postgres), redis-server and Hardhat node on spare ports, the platform
// (setup, API, two workers) and 10 local endpoints (in this process, each verifying every signature
// with the standardwebhooks library), all subscribed by the distributor to every order event; places
// and pays subscription orders at --rate a second for --seconds; then waits for the deliveries to
// drain and prints: events committed a second, deliveries a second, p50/p99 latency from an event's
// commit (its occurredAt, taken in its transaction) to its first arrival at an endpoint, and the
// count lost (an event of the run neither received by every endpoint nor still PENDING: must be 0).
//
//   node scripts/bench-webhooks.ts [--endpoints 10] [--rate 100] [--seconds 30] [--wallets 50] [--clients 40]
// Needs `npm run build` first. Logs go to .local/bench-webhooks/<run>/; the database is dropped.
import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { createTenants, createWallet, inParallel, PlatformClient } from './chaos/platform-client.ts';
import { freePort, rpcChainId, sleep, waitFor } from './start/net.ts';
import { spawnNode, spawnProgram, stopManaged, type Managed } from './start/processes.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const { values: args } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    wallets: { type: 'string', default: '50' },
    clients: { type: 'string', default: '40' },
  },
});
const ENDPOINTS = Number(args.endpoints);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const WALLETS = Number(args.wallets);
const CLIENTS = Number(args.clients);
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ORDER_TYPES = ['order.received', 'order.awaiting_payment', 'order.payment_confirmed', 'order.pricing', 'order.minting', 'order.settled', 'order.failed'];
const runId = `${Date.now()}_${randomBytes(2).toString('hex')}`;
const logDir = join(root, '.local', 'bench-webhooks', runId);
mkdirSync(logDir, { recursive: true });
const started: Managed[] = [];
let benchDatabase: string | undefined;
const log = (message: string) => process.stderr.write(`[bench:webhooks ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function node(name: string, entry: string, env: NodeJS.ProcessEnv): Managed {
  const managed = spawnNode(name, ['--import', './scripts/register-aliases.mjs', entry], { env, logFile: join(logDir, `${name}.log`) });
  started.push(managed);
  return managed;
}

interface Endpoint {
  url: string;
  secret: string;
  /** First arrival time (ms) of each event id. */
  firstSeen: Map<string, number>;
  deliveries: number;
  badSignatures: number;
  server: Server;
}

async function startEndpoint(): Promise<Endpoint> {
  const endpoint = { url: '', secret: '', firstSeen: new Map<string, number>(), deliveries: 0, badSignatures: 0 } as Endpoint;
  endpoint.server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const at = Date.now();
      try {
        new Webhook(endpoint.secret).verify(body, { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) });
        endpoint.deliveries++;
        const id = String(request.headers['webhook-id']);
        if (!endpoint.firstSeen.has(id)) endpoint.firstSeen.set(id, at);
        response.writeHead(204).end();
      } catch {
        endpoint.badSignatures++;
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((done) => endpoint.server.listen(0, '127.0.0.1', done));
  endpoint.url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/hooks`;
  return endpoint;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<number> {
  const database = `rwa_bench_webhooks_${runId}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  benchDatabase = database;
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${database}`;

  const [redisPort, chainPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  started.push(spawnProgram('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { logFile: join(logDir, 'redis.log') }));
  const hardhatCli = realpathSync(join(root, 'node_modules', '.bin', 'hardhat'));
  started.push(spawnNode('chain', [hardhatCli, 'node', '--config', 'contracts/hardhat.config.ts', '--hostname', '127.0.0.1', '--port', String(chainPort)], { logFile: join(logDir, 'chain.log') }));
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  await waitFor('the bench chain', () => rpcChainId(rpcUrl), 60_000, 250);

  const adminKey = `rwa_admin_bench_${randomBytes(16).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl.href,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    QUEUE_PREFIX: 'benchhooks',
    CHAIN_RPC_URL: rpcUrl,
    CHAIN_ID: '31337',
    PORT: String(apiPort),
    PLATFORM_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_KEY: '0',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WORKER_CONCURRENCY: '200',
    MINT_BATCH_WINDOW_MS: '200',
  };
  const setup = node('setup', 'dist/apps/worker/src/setup.js', env);
  if ((await setup.exited).code !== 0) throw new Error(`setup failed; see ${logDir}/setup.log`);
  node('api', 'dist/apps/api/src/main.js', env);
  for (const i of [1, 2]) node(`worker-${i}`, 'dist/apps/worker/src/main.js', { ...env, WORKER_ID: `worker-${i}` });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor('the API', async () => ((await fetch(`${baseUrl}/health`).catch(() => undefined))?.ok ? true : undefined), 120_000, 250);

  const platform = new PlatformClient(baseUrl, adminKey);
  const tenants = await createTenants(platform);
  const endpoints: Endpoint[] = [];
  for (let i = 0; i < ENDPOINTS; i++) {
    const endpoint = await startEndpoint();
    endpoint.secret = ((await tenants.distributor.expect(201, 'POST', '/v1/webhooks', { url: endpoint.url, events: ORDER_TYPES }, `bench-hook-${runId}-${i}`)) as { secret: string }).secret;
    endpoints.push(endpoint);
  }
  log(`fund ${tenants.fund.id} ACTIVE; ${ENDPOINTS} endpoints subscribed; binding ${WALLETS} wallets`);
  const wallets = await inParallel(Array.from({ length: WALLETS }), 10, () => createWallet(tenants.distributor, 31337));

  const db = new pg.Client({ connectionString: databaseUrl.href });
  await db.connect();
  const [{ start }] = (await db.query("SELECT coalesce(max(seq), 0)::text AS start FROM events")).rows as [{ start: string }];

  const total = RATE * SECONDS;
  log(`placing and paying ${total} orders at ${RATE}/s for ${SECONDS} s (${CLIENTS} clients)`);
  const startedAt = Date.now();
  await inParallel(Array.from({ length: total }), CLIENTS, async (_, i) => {
    const due = startedAt + (i * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    const wallet = wallets[i % wallets.length]!;
    const order = await tenants.distributor.expect(201, 'POST', '/v1/orders', { type: 'SUBSCRIPTION', fundId: tenants.fund.id, investorId: wallet.investorId, walletId: wallet.walletId, amount: '1000.00' }, `bench-order-${runId}-${i}`);
    await tenants.issuer.expect(200, 'POST', `/v1/orders/${order.id}/payment-confirmation`, { reference: `BENCH-${runId}-${i}` }, `bench-pay-${runId}-${i}`);
  });
  const offeredSeconds = (Date.now() - startedAt) / 1000;
  log(`orders placed and paid in ${offeredSeconds.toFixed(1)} s; waiting for settlement and deliveries`);

  // Drain: every order terminal, every event positioned, no delivery pending (or 180 s).
  const drainDeadline = Date.now() + 180_000;
  for (;;) {
    const [row] = (
      await db.query(`SELECT (SELECT count(*) FROM orders WHERE status NOT IN ('SETTLED','FAILED','REJECTED','CANCELLED'))::int AS open,
                             (SELECT count(*) FROM events WHERE position IS NULL)::int AS unpositioned,
                             (SELECT count(*) FROM webhook_deliveries WHERE status = 'PENDING')::int AS pending`)
    ).rows as [{ open: number; unpositioned: number; pending: number }];
    if ((row.open === 0 && row.unpositioned === 0 && row.pending === 0) || Date.now() > drainDeadline) break;
    await sleep(250);
  }
  const drainedAt = Date.now();
  const events = (await db.query(`SELECT id, type, occurred_at, positioned_at FROM events WHERE seq > $1 AND type = ANY($2::varchar[]) ORDER BY seq`, [start, ORDER_TYPES])).rows as { id: string; type: string; occurred_at: Date; positioned_at: Date }[];
  const latencies: number[] = [];
  // Where the time goes: commit -> feed position (deliveries created), then position -> arrival.
  const toPosition: number[] = [];
  const fromPosition: number[] = [];
  let lost = 0;
  let lastArrival = 0;
  for (const event of events) {
    const committed = new Date(event.occurred_at).getTime();
    const positioned = new Date(event.positioned_at).getTime();
    toPosition.push(positioned - committed);
    for (const endpoint of endpoints) {
      const seen = endpoint.firstSeen.get(event.id);
      if (seen === undefined) lost++;
      else {
        latencies.push(seen - committed);
        fromPosition.push(seen - positioned);
        lastArrival = Math.max(lastArrival, seen);
      }
    }
  }
  for (const series of [latencies, toPosition, fromPosition]) series.sort((a, b) => a - b);
  // Not received yet but still PENDING in the database (the drain window ended first): late, not lost.
  const [{ pending }] = (await db.query(`SELECT count(*)::int AS pending FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.seq > $1 AND d.status = 'PENDING'`, [start])).rows as [{ pending: number }];
  const missing = lost;
  lost = Math.max(0, missing - pending);
  const firstCommit = events.length ? new Date(events[0]!.occurred_at).getTime() : startedAt;
  const spanSeconds = Math.max(1, (lastArrival - firstCommit) / 1000);
  const lastCommit = events.length ? new Date(events.at(-1)!.occurred_at).getTime() : startedAt;
  const commitSpan = Math.max(1, (lastCommit - firstCommit) / 1000);
  const deliveries = endpoints.reduce((sum, endpoint) => sum + endpoint.deliveries, 0);
  const bad = endpoints.reduce((sum, endpoint) => sum + endpoint.badSignatures, 0);
  process.stdout.write(`\nbench:webhooks  ${ENDPOINTS} endpoints, ${total} orders offered at ${RATE}/s over ${offeredSeconds.toFixed(1)} s (drained ${((drainedAt - startedAt) / 1000).toFixed(1)} s after the start)\n`);
  process.stdout.write(`  events committed      ${events.length} (${(events.length / commitSpan).toFixed(0)} events/s over ${commitSpan.toFixed(1)} s)\n`);
  process.stdout.write(`  deliveries received   ${deliveries} (${(deliveries / spanSeconds).toFixed(0)} deliveries/s, ${(events.length / spanSeconds).toFixed(0)} events/s to all ${ENDPOINTS} endpoints), ${deliveries - latencies.length} duplicates, ${bad} bad signatures\n`);
  process.stdout.write(`  commit -> delivery    p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1) ?? 'n/a'} ms\n`);
  process.stdout.write(`    of which to position p50 ${percentile(toPosition, 50)} ms, p99 ${percentile(toPosition, 99)} ms; position -> delivery p50 ${percentile(fromPosition, 50)} ms, p99 ${percentile(fromPosition, 99)} ms\n`);
  process.stdout.write(`  not received          ${missing} event x endpoint pairs, of which ${pending} still PENDING (retrying or queued when the drain window ended)\n`);
  process.stdout.write(`  lost                  ${lost} (neither received nor PENDING)\n`);
  await db.end();
  for (const endpoint of endpoints) endpoint.server.close();
  return lost === 0 && bad === 0 ? 0 : 1;
}

async function cleanup(): Promise<void> {
  // The platform first, then the services it uses (so it shuts down cleanly instead of losing them).
  const services = new Set(['redis', 'chain']);
  await Promise.all(started.filter((managed) => !services.has(managed.name)).map((managed) => stopManaged(managed).catch(() => undefined)));
  await Promise.all(started.filter((managed) => services.has(managed.name)).map((managed) => stopManaged(managed).catch(() => undefined)));
  if (benchDatabase) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${benchDatabase} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`bench:webhooks failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await cleanup();
    process.exit(2);
  });
