// Runs test/start/support/scenario.ts in a network namespace with only a loopback, from the checkout
// bind-mounted under a fresh mode-700 directory (as root, like a checkout under /root), with or
// without redis-server on the PATH (bind-mounting /dev/null over it hides it in that namespace only).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScenarioOptions {
  root: string;
  launch: 'node' | 'npm';
  withRedisServer: boolean;
}

export async function runScenario(options: ScenarioOptions): Promise<Record<string, unknown>> {
  const closed = mkdtempSync(join(tmpdir(), 'rwa-start-700-'));
  chmodSync(closed, 0o700);
  const checkout = join(closed, 'checkout');
  const script = [
    'set -e',
    'ip link set lo up',
    `mkdir -p ${checkout}`,
    `mount --bind ${options.root} ${checkout}`,
    ...(options.withRedisServer ? [] : ['for f in $(which -a redis-server 2>/dev/null || true); do mount --bind /dev/null "$f"; done']),
    `cd ${checkout}`,
    `export PATH=${checkout}/node_modules/.bin:$PATH`,
    `exec node test/start/support/scenario.ts ${options.launch} ${join(closed, 'state')}`,
  ].join('\n');
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'DATABASE_URL', 'REDIS_URL', 'CHAIN_RPC_URL', 'CHAIN_ID', 'PLATFORM_ADMIN_KEY', 'QUEUE_BACKEND', 'PORT', 'LOCAL_CHAIN_PORT', 'WORKERS']) delete env[name];
  const child = spawn('unshare', ['-n', '-m', 'bash', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  rmSync(closed, { recursive: true, force: true });
  const line = out.split('\n').find((l) => l.startsWith('{"result"'));
  if (line === undefined) throw new Error(`the scenario printed no result (exit ${code}):\n${out.slice(-3000)}\n${err.slice(-3000)}`);
  return (JSON.parse(line) as { result: Record<string, unknown> }).result;
}
