// Where the machine's CPU went during a benchmark phase, per group of processes (Linux /proc).
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time per group of processes and the machine's total and idle time, in clock ticks, at one moment. */
export interface CpuSnapshot {
  groups: Map<string, number>;
  total: number;
  idle: number;
}

/**
 * Reads every process's CPU time, summed per `groupOf(pid, command)`. Null where /proc cannot be
 * read (not Linux): the benchmark then prints no CPU line.
 */
export function cpuSnapshot(groupOf: (pid: number, command: string) => string): CpuSnapshot | null {
  try {
    // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
    const machine = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const groups = new Map<string, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // pid (comm) state ppid ...: utime, stime, cutime and cstime are the 12th to 15th fields after
      // the command. cutime and cstime hold the children that exited and were waited for: without
      // them a group's sum drops when a process exits (Postgres backends of closed pool connections).
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const group = groupOf(Number(entry), command);
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      groups.set(group, (groups.get(group) ?? 0) + ticks);
    }
    return { groups, total: machine.reduce((sum, ticks) => sum + ticks, 0), idle: machine[3]! + machine[4]! };
  } catch {
    return null;
  }
}

/**
 * "postgres 68%, api 35%, ... idle 2% of 200%": each group's share of one core between the two
 * snapshots (so a saturated 2-core machine adds up to 200%), busiest first.
 */
export function describeCpu(before: CpuSnapshot | null, after: CpuSnapshot | null, cores: number): string {
  if (!before || !after) return 'cpu: not measured (no /proc)';
  const elapsed = (after.total - before.total) / cores; // ticks of one core
  if (elapsed <= 0) return 'cpu: not measured';
  const percent = (ticks: number) => `${Math.round((100 * ticks) / elapsed)}%`;
  const used = [...after.groups]
    .map(([group, ticks]) => [group, ticks - (before.groups.get(group) ?? 0)] as const)
    .filter(([, ticks]) => ticks > 0)
    .sort((a, b) => b[1] - a[1]);
  return `cpu: ${used.map(([group, ticks]) => `${group} ${percent(ticks)}`).join(', ')}; idle ${percent(after.idle - before.idle)} (of ${cores * 100}%)`;
}
