// Screening latency with a 1,000,000-entry blocklist (issue 4). A script, not a test:
//
//   npm run bench:kyt      (builds the TypeScript first; uses the Postgres server of DATABASE_URL)
//
// Creates a scratch database on that server, migrates it, loads 1,000,000
// blocklist rows, then times the KYT service in-process: screenAddresses (the wallet-binding
// screening) and screenOrder (the order screening: blocklist, velocity, structuring, fresh wallet,
// plus the write of KYT's screening record). Address screening answers from the in-memory
// blocklist index (BlocklistIndex); a hit is confirmed from the table; the indirect-exposure rule
// reads the counterparties from the in-memory copy of the indexed transfers (none here).
// Prints p50/p95/p99/max in ms, the index's heap, the process memory and the size of the
// blocklist in Postgres. The scratch database is dropped at the end.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditEventEntity, AuditService } from '@rwa/audit';
import { loadConfig } from '@rwa/config';
import { dataSourceOptions } from '@rwa/database';
import { EventsService } from '@rwa/events';
import type { FundsService } from '@rwa/funds';
import { TransferScreeningService } from '@rwa/holdings';
import {
  BlocklistEntryEntity,
  BlocklistIndex,
  FundRulesService,
  KytAlertEntity,
  KytFundRulesEntity,
  KytOrderScreeningEntity,
  KytService,
  KytSubjectHandlers,
  RulesKytProvider,
} from '@rwa/kyt';

const BLOCKLIST_SIZE = 1_000_000;
const WARMUP = 500;
const ADDRESS_SCREENS = 10_000;
const ORDER_SCREENS = 5_000;
const INVESTORS = 500;

const config = loadConfig();
const serverUrl = new URL(config.database.url);
const name = `rwa_bench_kyt_${process.pid}`;
const admin = async (sql: string) => {
  const url = new URL(serverUrl.href);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted.at(-1)!) };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
// Addresses as the blocklist stores them (char(42)); i-th listed address, and unlisted ones.
const listedAddress = (i: number) => `0x${i.toString(16).padStart(40, '0')}` as `0x${string}`;
const unlistedAddress = (i: number) => `0xf${i.toString(16).padStart(39, '0')}` as `0x${string}`;

await admin(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl.href);
url.pathname = `/${name}`;
const dataSource = await new DataSource({
  ...dataSourceOptions(url.href),
  entities: [AuditEventEntity, BlocklistEntryEntity, KytAlertEntity, KytFundRulesEntity, KytOrderScreeningEntity],
}).initialize();
try {
  await dataSource.runMigrations();
  const loadStart = performance.now();
  await dataSource.query(
    `INSERT INTO kyt_blocklist (address, reason, source, added_by)
     SELECT '0x' || lpad(to_hex(i), 40, '0'), 'bench entry ' || i, 'BENCH', 'bench' FROM generate_series(1, $1) AS i`,
    [BLOCKLIST_SIZE],
  );
  await dataSource.query('ANALYZE kyt_blocklist');
  const loadMs = performance.now() - loadStart;

  const audit = new AuditService(dataSource);
  // The bench's funds exist only as ids: screening reads their rules, never the funds' rows.
  const funds = { findByIds: async (ids: readonly string[]) => new Map(ids.map((id) => [id, { id }])) } as unknown as FundsService;
  const fundRules = new FundRulesService(dataSource, audit, config, funds);
  const index = new BlocklistIndex(dataSource, config);
  const subjects = new KytSubjectHandlers();
  const provider = new RulesKytProvider(fundRules, index, subjects);
  const kyt = new KytService(dataSource, audit, provider, fundRules, subjects, index, provider, new EventsService(dataSource));
  // As in the platform: the indirect-exposure rule reads counterparties from the indexed transfers.
  const transfers = new TransferScreeningService(dataSource, kyt, subjects, config.kyt.blocklistRefreshMs);
  transfers.onModuleInit();
  const manager = dataSource.manager;
  global.gc?.();
  const heapBeforeIndex = process.memoryUsage().heapUsed;
  const indexStart = performance.now();
  await index.has(listedAddress(1));
  const indexLoadMs = performance.now() - indexStart;
  global.gc?.();
  const indexHeapMb = mb(process.memoryUsage().heapUsed - heapBeforeIndex);

  // 1 in 100 screened addresses is listed, as a realistic mix of hits and misses.
  const addressAt = (i: number) => (i % 100 === 0 ? listedAddress(1 + ((i * 7919) % BLOCKLIST_SIZE)) : unlistedAddress(i));
  for (let i = 0; i < WARMUP; i += 1) await kyt.screenAddresses(manager, [addressAt(i)], undefined);
  const addressSamples: number[] = [];
  const hitSamples: number[] = [];
  for (let i = 0; i < ADDRESS_SCREENS; i += 1) {
    const start = performance.now();
    const result = await kyt.screenAddresses(manager, [addressAt(i)], undefined);
    (result.clean ? addressSamples : hitSamples).push(performance.now() - start);
  }

  const fundId = randomUUID();
  const investors = Array.from({ length: INVESTORS }, () => randomUUID());
  const orderAt = (i: number) => ({
    orderId: randomUUID(),
    fundId,
    investorId: investors[i % INVESTORS]!,
    type: 'SUBSCRIPTION' as const,
    walletAddress: addressAt(i),
    walletBoundAt: new Date(Date.now() - 30 * 24 * 3_600_000),
    amount: BigInt(100_000 + (i % 50) * 1_000) * 100n,
    cashDecimals: 2,
    at: new Date(),
  });
  for (let i = 0; i < WARMUP; i += 1) await kyt.screenOrder(manager, orderAt(i), null);
  // The verdict alone (rules read the fund's thresholds and the investor's recent orders), and
  // the full screening as OrdersService runs it (verdict + KYT's record of the order, one write).
  const verdictSamples: number[] = [];
  const orderSamples: number[] = [];
  for (let i = 0; i < ORDER_SCREENS; i += 1) {
    const order = orderAt(i);
    let start = performance.now();
    await provider.screenOrder(manager, order);
    verdictSamples.push(performance.now() - start);
    start = performance.now();
    await kyt.screenOrder(manager, order, null);
    orderSamples.push(performance.now() - start);
  }

  const [{ size }] = (await dataSource.query(`SELECT pg_total_relation_size('kyt_blocklist') AS size`)) as [{ size: string }];
  index.onModuleDestroy();
  transfers.onModuleDestroy();
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        blocklistEntries: BLOCKLIST_SIZE,
        blocklistLoadSeconds: Math.round(loadMs / 100) / 10,
        blocklistIndexLoadSeconds: Math.round(indexLoadMs / 100) / 10,
        perAddressMs: { clean: percentiles(addressSamples), blocklistHits: percentiles(hitSamples) },
        perOrderMs: { verdict: percentiles(verdictSamples), verdictAndRecord: percentiles(orderSamples) },
        targetP99Ms: 2,
        memory: {
          blocklistIndexHeapMb: indexHeapMb,
          processRssMb: mb(memory.rss),
          processHeapUsedMb: mb(memory.heapUsed),
          postgresBlocklistTableAndIndexMb: mb(Number(size)),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await dataSource.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
