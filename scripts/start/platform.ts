// The platform's own processes: the one-shot setup, the API and the workers (compiled entry points
// in dist/, run with the same Node binary as this script and the @rwa alias hook).
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { spawnManaged } from './processes.ts';
import type { Managed } from './processes.ts';
import { sleep } from './net.ts';

export const ENTRY_POINTS = {
  setup: 'dist/apps/worker/src/setup.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
} as const;

/** Exit code of setup when it refuses a chain that does not match the database (its log names the fix). */
export const SETUP_EXIT_CHAIN_RESET = 3;

export function missingBuildOutputs(root: string): string[] {
  return Object.values(ENTRY_POINTS).filter((file) => !existsSync(join(root, file)));
}

export function provideAdminKey(root: string): { key: string; source: string } {
  const fromEnv = process.env.PLATFORM_ADMIN_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return { key: fromEnv, source: 'PLATFORM_ADMIN_KEY' };
  const file = join(root, '.local', 'admin-key');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored !== '') return { key: stored, source: file };
  }
  const key = `rwa_admin_${randomBytes(32).toString('hex')}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: `${file} (generated now)` };
}

function nodeArgs(entry: string, extra: string[] = []): string[] {
  return ['--enable-source-maps', '--import', './scripts/register-aliases.mjs', entry, ...extra];
}

/** `devChainStartedByUs`: npm start started the chain itself, so setup may reset a database that remembers an earlier one. */
export function spawnSetup(env: NodeJS.ProcessEnv, devChainStartedByUs: boolean): Managed {
  return spawnManaged('setup', process.execPath, nodeArgs(ENTRY_POINTS.setup, devChainStartedByUs ? ['--dev-chain-started-by-npm-start'] : []), { env });
}

export function spawnApi(env: NodeJS.ProcessEnv): Managed {
  return spawnManaged('api', process.execPath, nodeArgs(ENTRY_POINTS.api), { env });
}

export function spawnWorker(env: NodeJS.ProcessEnv, index: number): Managed {
  return spawnManaged(`worker-${index}`, process.execPath, nodeArgs(ENTRY_POINTS.worker), {
    env: { ...env, WORKER_ID: `worker-${index}` },
  });
}

/** Waits until GET /health answers 2xx; throws when `api` exits first or on timeout. */
export async function waitForHealth(url: string, api: Managed, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (api.hasExited()) throw new Error('the API exited before it became healthy');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const text = await response.text();
      if (response.ok) return text === '' ? {} : JSON.parse(text);
      last = `${response.status} ${text.slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`GET ${url} not healthy after ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
    await sleep(250);
  }
}
