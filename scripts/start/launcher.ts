// `npm start` runs this script as npm -> sh -c "npm run build && node scripts/start.ts" -> node.
// When npm itself is killed (SIGKILL included), the shell and this script would live on as orphans:
// the ancestors npm started us through are therefore watched, and their end ends us too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAlive } from './net.ts';

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim()) || undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The processes between the user and us that npm started: our parent and, when we run under npm
 * (`npm_lifecycle_event` is set), the npm process above the script's shell.
 */
export function launcherChain(): number[] {
  const chain = [process.ppid];
  if (process.env.npm_lifecycle_event !== undefined) {
    const grandparent = parentOf(process.ppid);
    if (grandparent !== undefined && grandparent > 1) chain.push(grandparent);
  }
  return chain;
}

/** Calls `onGone` once, when a process of `chain` ends or we are handed to another parent. */
export function watchLauncher(chain: number[], onGone: (pid: number) => void, intervalMs = 500): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = process.ppid !== parent ? parent : chain.find((pid) => !isAlive(pid));
    if (gone !== undefined) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
}
