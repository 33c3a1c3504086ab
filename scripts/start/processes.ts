// Child processes started by `npm start`: spawned in their own process group (so that only we
// signal them, in order), output prefixed or sent to a log file, stopped with SIGTERM then SIGKILL.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipePrefixed } from './log.ts';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<Exit>;
  hasExited: () => boolean;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Write output to this file instead of our console. */
  logFile?: string;
}

export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions = {}): Managed {
  const child = spawn(command, args, {
    cwd: process.cwd(),
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (err) => {
      done = true;
      process.stderr.write(`[${name}] failed to start: ${err.message}\n`);
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  if (options.logFile !== undefined) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const file = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
  } else {
    pipePrefixed(name, child.stdout);
    pipePrefixed(name, child.stderr);
  }
  return { name, child, exited, hasExited: () => done };
}

function signalGroup(managed: Managed, signal: NodeJS.Signals): void {
  const pid = managed.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      managed.child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the child's process group; SIGKILL if it is still there after `graceMs`. */
export async function stopManaged(managed: Managed, graceMs = 10_000): Promise<Exit> {
  if (!managed.hasExited()) {
    signalGroup(managed, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(managed, 'SIGKILL'), graceMs);
    await managed.exited;
    clearTimeout(timer);
  }
  return managed.exited;
}

export function describeExit(exit: Exit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`;
}
