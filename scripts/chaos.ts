// `npm run chaos`: issue 5's chaos run. Starts its own Postgres database (on the machine's Postgres),
// its own redis-server and Hardhat node on spare ports, the platform (setup, API, two workers) and
// a fault proxy between the workers and the chain; places N subscription orders through the API and
// confirms their payment while a worker is SIGKILLed every few seconds and restarted, Redis is
// restarted once (it keeps nothing: every queue is lost); then checks and prints:
//   every order SETTLED exactly once; each wallet's balance = its settled units; total supply = sum
//   of settled units; no nonce gap; no order stuck; the audit trail's hash chains intact; every
//   order's order.settled webhook delivered (signature verified) at least once. Exit code 0
//   only if every check holds.
//
//   node scripts/chaos.ts [--orders 1000] [--wallets 50] [--kill-every-ms 5000] [--min-kills 2] [--timeout-s 900]
// `npm run chaos` runs the full form; `npm run chaos:short` (part of `npm test`) 40 orders.
// Needs `npm run build` first. Logs go to .local/chaos/<run>/; the database is dropped at the end
// (CHAOS_KEEP_DATABASE=1 keeps it for inspection).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { createPublicClient, http, parseAbi, type Address } from 'viem';
import { startFaultProxy } from './chaos/fault-proxy.ts';
import { createTenants, createWallet, inParallel, PlatformClient } from './chaos/platform-client.ts';
import { freePort, rpcChainId, sleep, waitFor } from './start/net.ts';
import { spawnNode, spawnProgram, stopManaged, type Managed } from './start/processes.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    wallets: { type: 'string', default: '50' },
    'kill-every-ms': { type: 'string', default: '5000' },
    'timeout-s': { type: 'string', default: '900' },
    'client-concurrency': { type: 'string', default: '20' },
    'min-kills': { type: 'string', default: '2' },
  },
});
const ORDERS = Number(args.orders);
const WALLETS = Math.min(Number(args.wallets), ORDERS);
const KILL_EVERY_MS = Number(args['kill-every-ms']);
const TIMEOUT_MS = Number(args['timeout-s']) * 1000;
const CLIENTS = Number(args['client-concurrency']);
/** Chaos goes on until at least this many workers were killed, even if every order settled earlier. */
const MIN_KILLS = Number(args['min-kills']);
const ADMIN_URL = process.env.CHAOS_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SIGNER: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // Hardhat #0, the local default signer
const tokenAbi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'event Minted(address indexed to, uint256 amount, uint256 indexed refSeq, bytes32 indexed orderRef)',
]);

const runId = `${Date.now()}_${randomBytes(2).toString('hex')}`;
const logDir = join(root, '.local', 'chaos', runId);
mkdirSync(logDir, { recursive: true });
const started: Managed[] = [];
const log = (message: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function node(name: string, entry: string, env: NodeJS.ProcessEnv, extra: string[] = []): Managed {
  const managed = spawnNode(name, ['--enable-source-maps', '--import', './scripts/register-aliases.mjs', entry, ...extra], { env, logFile: join(logDir, `${name}.log`) });
  started.push(managed);
  return managed;
}

function startRedis(port: number): Managed {
  const redis = spawnProgram('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { logFile: join(logDir, 'redis.log') });
  started.push(redis);
  return redis;
}

async function main(): Promise<number> {
  const database = `rwa_chaos_${runId}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  chaosDatabase = database;
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${database}`;

  const [redisPort, chainPort, proxyPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  let redis = startRedis(redisPort);
  const hardhatCli = realpathSync(join(root, 'node_modules', '.bin', 'hardhat'));
  started.push(spawnNode('chain', [hardhatCli, 'node', '--config', 'contracts/hardhat.config.ts', '--hostname', '127.0.0.1', '--port', String(chainPort)], { logFile: join(logDir, 'chain.log') }));
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  await waitFor('the chaos chain', () => rpcChainId(rpcUrl), 60_000, 250);
  const proxy = startFaultProxy({ target: rpcUrl, port: proxyPort, dropRate: 0.1, delayRate: 0.3, maxDelayMs: 300 });
  log(`database ${database}, redis :${redisPort}, chain :${chainPort}, fault proxy :${proxyPort} (10% dropped, 30% delayed), logs ${logDir}`);

  const adminKey = `rwa_admin_chaos_${randomBytes(16).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl.href,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    QUEUE_PREFIX: 'chaos',
    CHAIN_RPC_URL: rpcUrl,
    CHAIN_ID: '31337',
    PORT: String(apiPort),
    PLATFORM_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'warn',
    // The run's own webhook receiver listens on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_BASE_MS: '500',
    WEBHOOK_RETRY_MAX_MS: '5000',
  };
  const setup = node('setup', 'dist/apps/worker/src/setup.js', env);
  if ((await setup.exited).code !== 0) throw new Error(`setup failed; see ${logDir}/setup.log`);
  const api = node('api', 'dist/apps/api/src/main.js', env);
  // Workers reach the chain only through the fault proxy, and give up on a slow transaction quickly.
  const workerEnv: NodeJS.ProcessEnv = {
    ...env,
    CHAIN_RPC_URL: `http://127.0.0.1:${proxyPort}`,
    WORKER_CONCURRENCY: '200',
    CHAIN_RECEIPT_TIMEOUT_MS: '15000',
    CHAIN_REPLACE_AFTER_MS: '5000',
    CHAIN_NONCE_GAP_CHECK_MS: '2000',
  };
  const workers: Managed[] = [1, 2].map((i) => node(`worker-${i}-0`, 'dist/apps/worker/src/main.js', { ...workerEnv, WORKER_ID: `worker-${i}` }));
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor('the API', async () => ((await fetch(`${baseUrl}/health`).catch(() => undefined))?.ok ? true : undefined), 120_000, 250);

  const platform = new PlatformClient(baseUrl, adminKey);
  const tenants = await createTenants(platform);
  const receiver = await startReceiver();
  const subscribed = (await tenants.distributor.expect(201, 'POST', '/v1/webhooks', { url: receiver.url, events: ['order.settled'] }, `chaos-webhook-${runId}`)) as { secret: string };
  receiver.secret = subscribed.secret;
  log(`webhook receiver at ${receiver.url} subscribed to order.settled`);
  log(`fund ${tenants.fund.id} ACTIVE at ${tenants.fund.tokenAddress}; binding ${WALLETS} wallets`);
  const wallets = await inParallel(Array.from({ length: WALLETS }), 10, () => createWallet(tenants.distributor, 31337));

  // Chaos: from now until every order is settled (or the timeout).
  let chaos = true;
  let kills = 0;
  let redisRestarts = 0;
  const chaosLoop = (async () => {
    let generation = 0;
    while (chaos) {
      // The first kill comes early, so that even a short run kills a worker with work in flight.
      await sleep(KILL_EVERY_MS * (kills === 0 ? 0.2 : 0.5 + Math.random()));
      if (!chaos) break;
      const index = kills % workers.length;
      workers[index]!.child.kill('SIGKILL');
      await workers[index]!.exited;
      kills++;
      await sleep(500);
      workers[index] = node(`worker-${index + 1}-${++generation}`, 'dist/apps/worker/src/main.js', { ...workerEnv, WORKER_ID: `worker-${index + 1}` });
    }
  })();
  const restartRedis = async () => {
    redis.child.kill('SIGKILL');
    await redis.exited;
    redis = startRedis(redisPort);
    redisRestarts++;
    log('Redis restarted (every queue lost)');
  };

  const startedAt = Date.now();
  log(`placing ${ORDERS} orders with ${CLIENTS} clients while workers are killed every ~${KILL_EVERY_MS} ms`);
  const orders = await inParallel(Array.from({ length: ORDERS }), CLIENTS, async (_, i) => {
    if (i === Math.floor(ORDERS * 0.4)) void restartRedis();
    const wallet = wallets[i % wallets.length]!;
    const amount = `${1000 + Math.floor(Math.random() * 9000)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
    const order = await tenants.distributor.expect(201, 'POST', '/v1/orders', { type: 'SUBSCRIPTION', fundId: tenants.fund.id, investorId: wallet.investorId, walletId: wallet.walletId, amount }, `chaos-order-${runId}-${i}`);
    await tenants.issuer.expect(200, 'POST', `/v1/orders/${order.id}/payment-confirmation`, { reference: `CHAOS-${i}` }, `chaos-pay-${runId}-${i}`);
    return order.id as string;
  });
  log(`${orders.length} orders placed and paid in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; waiting for settlement`);

  const db = new pg.Client({ connectionString: databaseUrl.href });
  await db.connect();
  const deadline = startedAt + TIMEOUT_MS;
  let byStatus: Record<string, number> = {};
  for (;;) {
    const rows = (await db.query('SELECT status, count(*)::int AS n FROM orders GROUP BY status')).rows as { status: string; n: number }[];
    byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
    if (((byStatus.SETTLED ?? 0) + (byStatus.FAILED ?? 0) >= ORDERS && kills >= MIN_KILLS) || Date.now() > deadline) break;
    await sleep(1000);
  }
  chaos = false;
  await chaosLoop;
  const settleSeconds = (Date.now() - startedAt) / 1000;
  log(`chaos stopped after ${settleSeconds.toFixed(1)} s: ${kills} worker SIGKILLs, ${redisRestarts} Redis restart; orders ${JSON.stringify(byStatus)}`);
  // Let the surviving workers finish anything in flight (records, nonce gaps) before checking.
  await sleep(3000);

  const result = await check(db, rpcUrl, tenants.fund.tokenAddress);
  log(`fault proxy: ${JSON.stringify(proxy.stats)}`);
  await db.end();
  await proxy.close();
  void api;
  return result ? 0 : 1;

  /** A local endpoint that verifies every delivery with the standardwebhooks library and notes the orders settled. */
  async function startReceiver() {
    const state = { url: '', secret: '', settled: new Set<string>(), deliveries: 0, badSignatures: 0 };
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        try {
          const event = new Webhook(state.secret).verify(body, { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) }) as { type: string; data: { id: string } };
          state.deliveries++;
          if (event.type === 'order.settled') state.settled.add(event.data.id);
          response.writeHead(204).end();
        } catch {
          state.badSignatures++;
          response.writeHead(401).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    return state;
  }

  async function check(client: pg.Client, url: string, token: Address): Promise<boolean> {
    const chain = createPublicClient({ transport: http(url) });
    const checks: [string, boolean, string][] = [];
    const orderRows = (await client.query(`SELECT o.id, o.status, o.units, o.reference_seq, w.address FROM orders o JOIN wallets w ON w.id = o.wallet_id WHERE o.type = 'SUBSCRIPTION'`)).rows as {
      id: string; status: string; units: string; reference_seq: string; address: Address;
    }[];
    const settled = orderRows.filter((row) => row.status === 'SETTLED');
    checks.push(['every order SETTLED', settled.length === ORDERS && orderRows.length === ORDERS, `${settled.length} of ${ORDERS} SETTLED (${orderRows.length} placed)`]);

    const transitions = (await client.query(`SELECT entity_id, count(*)::int AS n FROM audit_events WHERE entity_type = 'order' AND to_status = 'SETTLED' GROUP BY entity_id`)).rows as { entity_id: string; n: number }[];
    const minted = await chain.getContractEvents({ address: token, abi: tokenAbi, eventName: 'Minted', fromBlock: 0n });
    const mintsPerRef = new Map<string, number>();
    for (const event of minted) mintsPerRef.set(String(event.args.refSeq), (mintsPerRef.get(String(event.args.refSeq)) ?? 0) + 1);
    const onceOnChain = settled.filter((row) => mintsPerRef.get(row.reference_seq) === 1).length;
    const onceInDb = transitions.filter((row) => row.n === 1).length;
    checks.push([
      'settled exactly once',
      onceOnChain === settled.length && onceInDb === settled.length && transitions.length === settled.length && minted.length === settled.length,
      `${minted.length} Minted events for ${settled.length} settled orders; ${onceOnChain} orders minted exactly once; ${onceInDb} with exactly one SETTLED transition`,
    ]);

    const expected = new Map<string, bigint>();
    for (const row of settled) expected.set(row.address.toLowerCase(), (expected.get(row.address.toLowerCase()) ?? 0n) + BigInt(row.units));
    let walletsOk = 0;
    for (const [address, units] of expected) {
      if ((await chain.readContract({ address: token, abi: tokenAbi, functionName: 'balanceOf', args: [address as Address] })) === units) walletsOk++;
    }
    checks.push(['wallet balances = settled units', walletsOk === expected.size, `${walletsOk} of ${expected.size} wallets match`]);

    const total = settled.reduce((sum, row) => sum + BigInt(row.units), 0n);
    const supply = await chain.readContract({ address: token, abi: tokenAbi, functionName: 'totalSupply' });
    checks.push(['total supply = settled units', supply === total, `totalSupply ${supply}, settled units ${total}`]);

    const [latest, pending] = [await chain.getTransactionCount({ address: SIGNER, blockTag: 'latest' }), await chain.getTransactionCount({ address: SIGNER, blockTag: 'pending' })];
    const nextNonce = Number(((await client.query('SELECT next_nonce FROM signer_nonces')).rows[0] as { next_nonce: string }).next_nonce);
    const gaps = (await client.query(`SELECT count(*)::int AS n FROM chain_transactions WHERE status IN ('SIGNED', 'SUBMITTED') AND nonce < $1`, [latest])).rows[0] as { n: number };
    checks.push(['no nonce gap', latest === pending && latest === nextNonce, `chain nonce ${latest} (pending ${pending}), next allocated ${nextNonce}; ${gaps.n} records below it not marked mined`]);

    const open = ((await client.query('SELECT count(*)::int AS n FROM outbox_messages WHERE completed_at IS NULL')).rows[0] as { n: number }).n;
    const stuck = orderRows.filter((row) => row.status !== 'SETTLED' && row.status !== 'FAILED').length;
    checks.push(['no order stuck', stuck === 0 && open === 0, `${stuck} orders not terminal, ${open} outbox intents open`]);

    // Audit rows are sealed into their hash chains by the workers, which were killed mid-way: the
    // verification seals what is committed and walks every chain.
    const audit = (await platform.expect(200, 'GET', '/v1/audit-events/verification')) as { valid: boolean; checkedRows: number; unsealedRows: number };
    checks.push(['audit trail intact', audit.valid, `${audit.checkedRows} rows verified in their hash chains (${audit.unsealedRows} written since, not sealed yet)`]);

    // Webhooks: deliveries may still be retrying after the chaos; the database is their truth.
    const hookDeadline = Date.now() + 120_000;
    while (settled.some((row) => !receiver.settled.has(row.id)) && Date.now() < hookDeadline) await sleep(500);
    const delivered = settled.filter((row) => receiver.settled.has(row.id)).length;
    checks.push(['order.settled webhook delivered', delivered === settled.length && receiver.badSignatures === 0, `${delivered} of ${settled.length} settled orders' order.settled delivered (${receiver.deliveries} deliveries, ${receiver.deliveries - receiver.settled.size} duplicates, ${receiver.badSignatures} bad signatures)`]);

    const fills = ((await client.query(`SELECT count(*)::int AS n FROM chain_transactions WHERE intent_key LIKE 'nonce-fill-%'`)).rows[0] as { n: number }).n;
    const replaced = ((await client.query('SELECT coalesce(sum(replacements), 0)::int AS n FROM chain_transactions')).rows[0] as { n: number }).n;
    const batches = ((await client.query(`SELECT count(*)::int AS n FROM chain_transactions WHERE intent_key LIKE 'mint-batch-%'`)).rows[0] as { n: number }).n;
    process.stdout.write('\n');
    for (const [name, ok, detail] of checks) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(32)} ${detail}\n`);
    process.stdout.write(`\n${ORDERS} orders, ${WALLETS} wallets, ${kills} worker SIGKILLs, ${redisRestarts} Redis restart, ${batches} batchMint transactions, ${replaced} replacements, ${fills} nonce gaps filled, settled in ${settleSeconds.toFixed(1)} s\n`);
    return checks.every(([, ok]) => ok);
  }
}

let chaosDatabase: string | undefined;

async function cleanup(): Promise<void> {
  await Promise.all([...started].reverse().map((managed) => stopManaged(managed).catch(() => undefined)));
  if (chaosDatabase && process.env.CHAOS_KEEP_DATABASE !== '1') {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${chaosDatabase} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

// Ctrl-C or SIGTERM: stop everything this run started (its children run in their own process groups).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`chaos: ${signal}, stopping what it started\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanup();
    process.stdout.write(code === 0 ? 'chaos: all checks passed\n' : 'chaos: CHECKS FAILED\n');
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`chaos failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await cleanup();
    process.exit(2);
  });
