// Runs a program that is not Node (redis-server) for `npm start`, so that it too ends with
// `npm start`: this small Node process is preloaded with exit-with-parent.mjs, forwards SIGTERM,
// SIGINT and SIGHUP to the program, and ends as the program ends (same exit code or signal).
//   node --import ./scripts/start/exit-with-parent.mjs scripts/start/guard.ts <command> [args...]
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write('usage: guard.ts <command> [args...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.once('error', (error) => {
  process.stderr.write(`could not start ${command}: ${error.message}\n`);
  process.exit(127);
});
child.once('exit', (code, signal) => {
  if (signal !== null) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
