// The platform's own processes: the one-shot setup, the API and the workers (compiled entry points
// in dist/, run with the same Node binary as this script and the @rwa alias hook).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { spawnNode } from './processes.ts';
import type { Managed } from './processes.ts';
import { sleep } from './net.ts';

export const ENTRY_POINTS = {
  setup: 'dist/apps/worker/src/setup.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
} as const;

/** Exit code of setup when it refuses a chain that does not match the database (its log names the fix). */
export const SETUP_EXIT_CHAIN_RESET = 3;

/**
 * The flag that tells setup "this chain is the fresh development chain `npm start` itself started":
 * only then may setup rebuild the platform's database for it (apps/worker/src/setup.ts).
 */
export const SETUP_FRESH_DEV_CHAIN_FLAG = '--dev-chain-started-by-npm-start';

export function missingBuildOutputs(root: string): string[] {
  return Object.values(ENTRY_POINTS).filter((file) => !existsSync(join(root, file)));
}

export function provideAdminKey(stateDir: string): { key: string; source: string } {
  const fromEnv = process.env.PLATFORM_ADMIN_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return { key: fromEnv, source: 'PLATFORM_ADMIN_KEY' };
  const file = join(stateDir, 'admin-key');
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

export function spawnSetup(env: NodeJS.ProcessEnv, freshDevChain: boolean): Managed {
  return spawnNode('setup', nodeArgs(ENTRY_POINTS.setup, freshDevChain ? [SETUP_FRESH_DEV_CHAIN_FLAG] : []), { env: { ...env, PROCESS_NAME: 'setup' } });
}

export function spawnApi(env: NodeJS.ProcessEnv): Managed {
  return spawnNode('api', nodeArgs(ENTRY_POINTS.api), { env: { ...env, PROCESS_NAME: 'api' } });
}

export function spawnWorker(env: NodeJS.ProcessEnv, index: number, metricsPort: number): Managed {
  return spawnNode(`worker-${index}`, nodeArgs(ENTRY_POINTS.worker), {
    env: { ...env, PROCESS_NAME: `worker-${index}`, WORKER_METRICS_PORT: String(metricsPort) },
  });
}

/** Waits until GET /health/ready answers 2xx; throws when `api` exits first or on timeout. */
export async function waitForReady(url: string, api: Managed, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (api.hasExited()) throw new Error('the API exited before it became ready');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      const text = await response.text();
      if (response.ok) return text === '' ? {} : JSON.parse(text);
      last = `${response.status} ${text.slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`GET ${url} not ready after ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
    await sleep(250);
  }
}
