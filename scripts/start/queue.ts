// Queue for `npm start`: REDIS_URL if set; else Redis on 127.0.0.1:6379 if it answers PING; else a
// `redis-server` from PATH on a free port (nothing kept on disk); else BullMQ's Postgres backend.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { info } from './log.ts';
import { redactUrl } from './postgres.ts';
import { freePort, redisAnswers, waitFor } from './net.ts';
import { spawnProgram } from './processes.ts';
import type { Managed } from './processes.ts';

export interface Queue {
  backend: 'redis' | 'postgres';
  redisUrl?: string;
  description: string;
  process?: Managed;
}

function redisServerOnPath(): boolean {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return found.error === undefined && found.status === 0;
}

async function startRedisServer(stateDir: string): Promise<Queue> {
  const port = await freePort();
  const logFile = join(stateDir, 'logs', 'redis.log');
  const managed = spawnProgram(
    'redis',
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { logFile },
  );
  await waitFor(
    `redis-server on port ${port} (log: ${logFile})`,
    async () => {
      if (managed.hasExited()) throw new Error(`redis-server exited at start-up; see ${logFile}`);
      return redisAnswers('127.0.0.1', port);
    },
    15_000,
  );
  return {
    backend: 'redis',
    redisUrl: `redis://127.0.0.1:${port}`,
    description: `redis-server started on 127.0.0.1:${port} (nothing kept on disk)`,
    process: managed,
  };
}

export async function provideQueue(stateDir: string): Promise<Queue> {
  if (process.env.QUEUE_BACKEND === 'postgres') {
    return { backend: 'postgres', description: 'BullMQ Postgres backend (QUEUE_BACKEND=postgres)' };
  }
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { backend: 'redis', redisUrl: fromEnv, description: `REDIS_URL (${redactUrl(fromEnv)})` };
  }
  if (await redisAnswers('127.0.0.1', 6379)) {
    return { backend: 'redis', redisUrl: 'redis://127.0.0.1:6379', description: 'local Redis on 127.0.0.1:6379' };
  }
  if (redisServerOnPath()) {
    info('no Redis answers on 127.0.0.1:6379; starting redis-server from PATH');
    return startRedisServer(stateDir);
  }
  info('no Redis answers on 127.0.0.1:6379 and there is no redis-server on PATH: using the Postgres queue backend');
  return { backend: 'postgres', description: 'BullMQ Postgres backend, schema "bullmq" in the platform database (no Redis found)' };
}
