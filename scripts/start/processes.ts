// Child processes started by `npm start`. Each one:
// - runs in its own process group (so that only we signal it, in order), stopped with SIGTERM then SIGKILL;
// - ends when `npm start` ends, however it ends: it gets a pipe as standard input that we never
//   write to, and exit-with-parent.mjs (preloaded into every Node child, and into guard.ts, which
//   runs the other programs) ends it when that pipe closes, which the kernel does when we die;
// - writes to our console (prefixed, see log.ts) or to a log file.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeLines } from './log.ts';

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
  /** Sees every output line first; true when it consumed the line. */
  onLine?: (line: string) => boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
export const EXIT_WITH_PARENT = join(here, 'exit-with-parent.mjs');
const GUARD = join(here, 'guard.ts');

/** Starts a Node script (`args[0]`) on our own Node binary, bound to our lifetime. */
export function spawnNode(name: string, args: string[], options: SpawnOptions = {}): Managed {
  return spawnBound(name, process.execPath, ['--import', EXIT_WITH_PARENT, ...args], options);
}

/** Starts any other program through guard.ts, bound to our lifetime. */
export function spawnProgram(name: string, command: string, args: string[], options: SpawnOptions = {}): Managed {
  return spawnNode(name, [GUARD, command, ...args], options);
}

function spawnBound(name: string, command: string, args: string[], options: SpawnOptions): Managed {
  const child = spawn(command, args, {
    cwd: process.cwd(),
    env: { ...(options.env ?? process.env), RWA_EXIT_WITH_PARENT: '1' },
    // stdin: the lifeline pipe (never written to, never closed by us until we exit).
    stdio: ['pipe', 'pipe', 'pipe'],
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
  child.stdin?.on('error', () => undefined);
  if (options.logFile !== undefined) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const file = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
    if (options.onLine !== undefined) pipeLines(name, child.stdout, (line) => options.onLine!(line) || true);
  } else {
    pipeLines(name, child.stdout, options.onLine);
    pipeLines(name, child.stderr);
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

/** SIGKILL to every child's process group at once (a second Ctrl-C). */
export function killManaged(managed: Managed): void {
  if (!managed.hasExited()) signalGroup(managed, 'SIGKILL');
}

export function describeExit(exit: Exit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`;
}
