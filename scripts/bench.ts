// `npm run bench` (issue 5): one run on a local chain with 1 confirmation and 50 concurrent clients.
// Starts its own database (on the machine's Postgres), redis-server and Hardhat node on spare ports,
// then prints:
//   1. baseline: a bare NestJS endpoint (apps/bench-baseline) inserting one row and enqueueing one job,
//      in two forms: a raw INSERT through DataSource.query, and a TypeORM entity through Repository.save
//   2. intake: POST /v1/orders per second, p50/p99, ratio to the baseline
//   3. settlement: payment confirmation -> SETTLED, orders/s over 60 s, p50/p99: confirmations paced
//      at --settle-rate a second (open loop), then as fast as the clients go (closed loop)
//   4. raw chain reference: pipelined batchMint (200 per transaction) straight through viem, ratio
// Each figure is followed by where the CPU went meanwhile (per process group; a saturated 2-core
// machine adds up to 200%). Needs `npm run build` first. Options: --clients 50 --intake-s 15 --settle-s 60 --wallets 100 --settle-rate 320
// --batch-window-ms 600 --batch-max 400 --settle-backlog-per-s 400
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPublicClient, createWalletClient, encodeFunctionData, http, keccak256, parseAbi, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { cpuSnapshot, describeCpu } from './bench/cpu-usage.ts';
import { createTenants, createWallet, inParallel, PlatformClient } from './chaos/platform-client.ts';
import { freePort, rpcChainId, sleep, waitFor } from './start/net.ts';
import { spawnNode, spawnProgram, stopManaged, type Managed } from './start/processes.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    'intake-s': { type: 'string', default: '15' },
    'settle-s': { type: 'string', default: '60' },
    wallets: { type: 'string', default: '100' },
    'settle-backlog-per-s': { type: 'string', default: '400' },
    'settle-rate': { type: 'string', default: '320' },
    'batch-window-ms': { type: 'string', default: '600' },
    'batch-max': { type: 'string', default: '400' },
  },
});
const CLIENTS = Number(args.clients);
const INTAKE_MS = Number(args['intake-s']) * 1000;
const SETTLE_MS = Number(args['settle-s']) * 1000;
const WALLETS = Number(args.wallets);
/** Orders awaiting payment placed before section 3, per second of its window (see there). */
const SETTLE_BACKLOG_PER_S = Number(args['settle-backlog-per-s']);
/** Confirmations per second offered, open loop, in the paced settlement run. */
const SETTLE_RATE = Number(args['settle-rate']);
const BATCH_WINDOW_MS = Number(args['batch-window-ms']);
const BATCH_MAX = Number(args['batch-max']);
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AGENT_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const runId = `${Date.now()}_${randomBytes(2).toString('hex')}`;
const logDir = join(root, '.local', 'bench', runId);
mkdirSync(logDir, { recursive: true });
const started: Managed[] = [];
const databases: string[] = [];
const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): Managed {
  const managed = spawnNode(name, ['--import', './scripts/register-aliases.mjs', entry], { env, logFile: join(logDir, `${name}.log`) });
  started.push(managed);
  return managed;
}

/** The CPU group of each process the bench started (pid), for the cpu line of each phase. */
const cpuGroups = new Map<number, string>();
const cpuGroupOf = (pid: number, command: string) => (pid === process.pid ? 'load generator' : (cpuGroups.get(pid) ?? (command === 'postgres' ? 'postgres' : 'other')));
function cpuGroup(managed: Managed, group: string): Managed {
  if (managed.child.pid !== undefined) cpuGroups.set(managed.child.pid, group);
  return managed;
}

/** Runs a measured phase and says where the machine's CPU went meanwhile. */
async function withCpu<T>(phase: () => Promise<T>): Promise<T & { cpu: string }> {
  const before = cpuSnapshot(cpuGroupOf);
  const result = await phase();
  return { ...result, cpu: describeCpu(before, cpuSnapshot(cpuGroupOf), availableParallelism()) };
}

async function createDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.href;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `clients` loops calling `once` until `durationMs` passed; returns calls per second and latencies. */
async function load(durationMs: number, clients: number, once: (client: number) => Promise<void>): Promise<{ perSecond: number; p50: number; p99: number; count: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (Date.now() - start < durationMs) {
        const t = performance.now();
        try {
          await once(client);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (Date.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, errors };
}

/**
 * Open loop: starts `once` `ratePerSecond` times a second for `durationMs`, whether earlier calls
 * have answered or not (a latency figure then cannot hide a stall); returns as load() does.
 */
async function paced(durationMs: number, ratePerSecond: number, once: () => Promise<void>): Promise<{ perSecond: number; p50: number; p99: number; count: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const calls: Promise<void>[] = [];
  const start = performance.now();
  for (let index = 0; performance.now() - start < durationMs; index++) {
    const due = start + (index * 1000) / ratePerSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    calls.push(
      (async () => {
        const t = performance.now();
        try {
          await once();
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      })(),
    );
  }
  await Promise.all(calls);
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / (durationMs / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, errors };
}

async function post(url: string, key: string | undefined, body: unknown, idempotencyKey?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${url} ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function main(): Promise<void> {
  const [redisPort, chainPort, apiPort, basePort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  started.push(cpuGroup(spawnProgram('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { logFile: join(logDir, 'redis.log') }), 'redis'));
  const hardhatCli = realpathSync(join(root, 'node_modules', '.bin', 'hardhat'));
  started.push(cpuGroup(spawnNode('chain', [hardhatCli, 'node', '--config', 'contracts/hardhat.config.ts', '--hostname', '127.0.0.1', '--port', String(chainPort)], { logFile: join(logDir, 'chain.log') }), 'chain'));
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  await waitFor('the bench chain', () => rpcChainId(rpcUrl), 60_000, 250);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;

  // 1. Baseline.
  const baselineDb = await createDatabase(`rwa_bench_base_${runId}`);
  const baseline = cpuGroup(spawnApp('baseline', 'dist/apps/bench-baseline/src/main.js', { ...process.env, DATABASE_URL: baselineDb, REDIS_URL: redisUrl, PORT: String(basePort) }), 'baseline app');
  const baseUrl = `http://127.0.0.1:${basePort}/baseline`;
  await waitFor('the baseline app', async () => (await post(baseUrl, undefined, { amount: '1' }).catch(() => undefined)) !== undefined || undefined, 60_000, 250);
  await load(3000, CLIENTS, () => post(baseUrl, undefined, { amount: '1000.00' })); // warm-up
  const base = await withCpu(() => load(INTAKE_MS, CLIENTS, () => post(baseUrl, undefined, { amount: '1000.00' })));
  await load(3000, CLIENTS, () => post(`${baseUrl}/entity`, undefined, { amount: '1000.00' })); // warm-up
  const baseEntity = await withCpu(() => load(INTAKE_MS, CLIENTS, () => post(`${baseUrl}/entity`, undefined, { amount: '1000.00' })));
  await stopManaged(baseline);
  log(`baseline: ${base.perSecond.toFixed(0)} req/s raw insert, ${baseEntity.perSecond.toFixed(0)} req/s entity save`);

  // The platform: 1 confirmation, two workers, batching on.
  const databaseUrl = await createDatabase(`rwa_bench_${runId}`);
  const adminKey = `rwa_admin_bench_${randomBytes(16).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: 'bench', CHAIN_RPC_URL: rpcUrl, CHAIN_ID: '31337', CONFIRMATIONS: '1',
    PORT: String(apiPort), PLATFORM_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '1000', MINT_BATCH_WINDOW_MS: String(BATCH_WINDOW_MS), MINT_BATCH_MAX: String(BATCH_MAX),
  };
  const setup = spawnApp('setup', 'dist/apps/worker/src/setup.js', env);
  if ((await setup.exited).code !== 0) throw new Error(`setup failed; see ${logDir}`);
  // BENCH_PROFILE_DIR=<dir>: the API and workers write V8 CPU profiles there when they stop (open them in Chrome DevTools).
  const profiled = process.env.BENCH_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` } : {};
  cpuGroup(spawnApp('api', 'dist/apps/api/src/main.js', { ...env, ...profiled }), 'api');
  const workers = [1, 2].map((i) => cpuGroup(spawnApp(`worker-${i}`, 'dist/apps/worker/src/main.js', { ...env, ...profiled, WORKER_ID: `worker-${i}` }), 'workers'));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor('the API', async () => ((await fetch(`${apiUrl}/health`).catch(() => undefined))?.ok ? true : undefined), 120_000, 250);
  const tenants = await createTenants(new PlatformClient(apiUrl, adminKey));
  log(`fund ACTIVE; binding ${WALLETS} wallets`);
  const wallets = await inParallel(Array.from({ length: WALLETS }), 20, () => createWallet(tenants.distributor, 31337));
  const placeOrder = async (i: number): Promise<string> => {
    const wallet = wallets[i % wallets.length]!;
    const order = await post(`${apiUrl}/v1/orders`, tenants.distributor.key, { type: 'SUBSCRIPTION', fundId: tenants.fund.id, investorId: wallet.investorId, walletId: wallet.walletId, amount: '1000.00' }, randomUUID());
    return order.id;
  };

  // 2. Intake.
  let counter = 0;
  await load(3000, CLIENTS, () => placeOrder(counter++).then(() => undefined)); // warm-up (caches, JIT)
  const intake = await withCpu(() => load(INTAKE_MS, CLIENTS, () => placeOrder(counter++).then(() => undefined)));
  log(`intake: ${intake.perSecond.toFixed(0)} orders/s`);

  // 3. Settlement: the issuer confirms payments for SETTLE_MS; each confirmation is answered once
  // the order is MINTING (priced, mint intent recorded); latency runs to SETTLED. Twice: paced, at
  // SETTLE_RATE confirmations a second offered open loop (what the platform sustains at that rate),
  // then closed loop, CLIENTS confirming as fast as answers come (more than the workers settle, so a
  // backlog grows and latency with it). The orders to confirm are placed beforehand (untimed), enough
  // for the window at --settle-backlog-per-s: a client that ran out had to place an order before each
  // confirmation, which capped the confirmations, and so the settlement figure, at the intake's pace.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const countWaiting = async () => (await db.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'AWAITING_PAYMENT'`)).rows[0].n as number;
  const confirm = (orderId: string) => post(`${apiUrl}/v1/orders/${orderId}/payment-confirmation`, tenants.issuer.key, { reference: `B-${orderId}` }, randomUUID());
  const measureSettlement = async (label: string, ratePerSecond: number | null) => {
    const backlogStart = Date.now();
    const toPlace = Math.max(0, Math.ceil(((ratePerSecond ?? SETTLE_BACKLOG_PER_S) * 1.1 * SETTLE_MS) / 1000) - (await countWaiting()));
    await inParallel(Array.from({ length: toPlace }), CLIENTS, () => placeOrder(counter++));
    log(`${label}: ${toPlace} more orders to confirm placed in ${((Date.now() - backlogStart) / 1000).toFixed(0)} s`);
    const waiting = (await db.query(`SELECT id FROM orders WHERE status = 'AWAITING_PAYMENT'`)).rows.map((row: { id: string }) => row.id);
    let next = 0;
    let placedInWindow = 0;
    const nextOrder = async (client: number) => {
      const orderId = waiting[next++];
      if (orderId !== undefined) return orderId;
      placedInWindow++;
      return placeOrder(counter++ + client);
    };
    const settleStart = new Date();
    const confirmations = await withCpu(() =>
      ratePerSecond === null ? load(SETTLE_MS, CLIENTS, async (client) => void (await confirm(await nextOrder(client)))) : paced(SETTLE_MS, ratePerSecond, async () => void (await confirm(await nextOrder(0)))),
    );
    if (placedInWindow > 0) log(`${label}: the orders placed beforehand ran out; ${placedInWindow} were placed inside the window`);
    const settleEnd = new Date();
    await waitFor('every confirmed order SETTLED', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM orders WHERE status IN ('MINTING', 'PRICING', 'PAYMENT_CONFIRMED')`);
      return rows[0].n === 0 ? true : undefined;
    }, 300_000, 500);
    await db.query('ANALYZE audit_events'); // fresh statistics: the join below then uses the entity index
    const { rows } = await db.query(
      `SELECT extract(epoch FROM s.at - p.at) * 1000 AS ms, s.at AS settled_at FROM audit_events p JOIN audit_events s ON s.entity_type = 'order' AND s.entity_id = p.entity_id AND s.to_status = 'SETTLED'
       WHERE p.entity_type = 'order' AND p.to_status = 'PAYMENT_CONFIRMED' AND p.at >= $1 AND p.at <= $2`,
      [settleStart, settleEnd],
    );
    const settledInWindow = rows.filter((row: { settled_at: Date }) => row.settled_at <= settleEnd).length;
    const latencies = rows.map((row: { ms: string }) => Number(row.ms)).sort((a: number, b: number) => a - b);
    const settlement = { perSecond: settledInWindow / (SETTLE_MS / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: rows.length };
    log(`${label}: ${settlement.perSecond.toFixed(0)} orders/s settled`);
    return { settlement, confirmations };
  };
  const pacedRun = await measureSettlement(`settlement paced at ${SETTLE_RATE}/s`, SETTLE_RATE);
  const floodRun = await measureSettlement('settlement closed loop', null);
  await db.end();
  for (const worker of workers) await stopManaged(worker);

  // 4. Raw chain reference: the same token, straight through viem, pipelined batchMint of 200 to the
  // verified wallets (fresh references far above the platform's), no platform at all.
  const agent = privateKeyToAccount(AGENT_KEY);
  const publicClient = createPublicClient({ transport: http(rpcUrl) });
  const walletClient = createWalletClient({ account: agent, transport: http(rpcUrl) });
  const batchMintAbi = parseAbi(['function batchMint(address[] to, uint256[] amounts, uint256[] refSeqs, bytes32[] orderRefs)']);
  const BATCH = 200;
  const TRANSACTIONS = 50;
  let nonce = await publicClient.getTransactionCount({ address: agent.address, blockTag: 'pending' });
  const fees = await publicClient.estimateFeesPerGas();
  const signed: Hex[] = [];
  for (let t = 0; t < TRANSACTIONS; t++) {
    const to = Array.from({ length: BATCH }, (_, i) => wallets[(t * BATCH + i) % wallets.length]!.address as Address);
    const refs = Array.from({ length: BATCH }, (_, i) => 10n ** 12n + BigInt(t * BATCH + i));
    const data = encodeFunctionData({ abi: batchMintAbi, functionName: 'batchMint', args: [to, to.map(() => 1_000_000n), refs, refs.map((ref) => keccak256(`0x${ref.toString(16).padStart(64, '0')}`))] });
    signed.push(await walletClient.signTransaction({ chain: null, to: tenants.fund.tokenAddress, data, nonce: nonce++, gas: 12_000_000n, maxFeePerGas: fees.maxFeePerGas * 2n, maxPriorityFeePerGas: fees.maxPriorityFeePerGas, type: 'eip1559', chainId: 31337 } as never));
  }
  const rawStart = performance.now();
  let last: Hex = '0x';
  for (const raw of signed) last = await publicClient.sendRawTransaction({ serializedTransaction: raw }); // in nonce order (automine)
  const receipt = await publicClient.waitForTransactionReceipt({ hash: last });
  const rawSeconds = (performance.now() - rawStart) / 1000;
  if (receipt.status !== 'success') throw new Error('raw batchMint reverted');
  const raw = (TRANSACTIONS * BATCH) / rawSeconds;

  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
  process.stdout.write(
    [
      '',
      `benchmark (local Hardhat chain, 1 confirmation, ${CLIENTS} concurrent clients, 2 workers, mint batch window ${BATCH_WINDOW_MS} ms, at most ${BATCH_MAX})`,
      `1. baseline (bare NestJS insert + enqueue):   ${f(base.perSecond)} req/s, p50 ${f(base.p50)} ms, p99 ${f(base.p99)} ms (raw INSERT via DataSource.query; ${base.count} requests, ${base.errors} errors)`,
      `      ${base.cpu}`,
      `   baseline, TypeORM entity save + enqueue:   ${f(baseEntity.perSecond)} req/s, p50 ${f(baseEntity.p50)} ms, p99 ${f(baseEntity.p99)} ms (Repository.save; ${baseEntity.count} requests, ${baseEntity.errors} errors)`,
      `      ${baseEntity.cpu}`,
      `2. intake (POST /v1/orders):                  ${f(intake.perSecond)} orders/s, p50 ${f(intake.p50)} ms, p99 ${f(intake.p99)} ms, ratio to the raw baseline ${(intake.perSecond / base.perSecond).toFixed(2)}, to the entity baseline ${(intake.perSecond / baseEntity.perSecond).toFixed(2)} (${intake.count} orders, ${intake.errors} errors)`,
      `      ${intake.cpu}`,
      `3. settlement (payment confirmed -> SETTLED), confirmations paced at ${SETTLE_RATE}/s: ${f(pacedRun.settlement.perSecond)} orders/s over ${SETTLE_MS / 1000} s, p50 ${f(pacedRun.settlement.p50)} ms, p99 ${f(pacedRun.settlement.p99)} ms (${pacedRun.confirmations.count} confirmations at ${f(pacedRun.confirmations.perSecond)}/s, p99 ${f(pacedRun.confirmations.p99)} ms, ${pacedRun.settlement.count} settled)`,
      `      ${pacedRun.confirmations.cpu} (the confirmation window)`,
      `   settlement, ${CLIENTS} clients confirming closed loop: ${f(floodRun.settlement.perSecond)} orders/s over ${SETTLE_MS / 1000} s, p50 ${f(floodRun.settlement.p50)} ms, p99 ${f(floodRun.settlement.p99)} ms (${floodRun.confirmations.count} confirmations at ${f(floodRun.confirmations.perSecond)}/s, p99 ${f(floodRun.confirmations.p99)} ms, ${floodRun.settlement.count} settled)`,
      `      ${floodRun.confirmations.cpu} (the confirmation window)`,
      `4. raw chain reference (pipelined batchMint of ${BATCH} via viem): ${f(raw)} mints/s; best settlement / raw = ${(Math.max(pacedRun.settlement.perSecond, floodRun.settlement.perSecond) / raw).toFixed(3)}`,
      '',
    ].join('\n'),
  );
}

async function cleanup(): Promise<void> {
  await Promise.all([...started].reverse().map((managed) => stopManaged(managed).catch(() => undefined)));
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  // BENCH_KEEP_DATABASES=1 keeps them for a look afterwards (drop them by hand).
  if (process.env.BENCH_KEEP_DATABASES === '1') log(`databases kept: ${databases.join(', ')}`);
  else for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
main()
  .then(cleanup, async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await cleanup();
    process.exit(1);
  });
