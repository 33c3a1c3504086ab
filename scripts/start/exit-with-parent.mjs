// Preloaded (`node --import`) into every process `npm start` runs: the process ends when `npm start`
// does, however it ends (Ctrl-C, SIGTERM, SIGKILL, a crash).
//
// `npm start` gives each child a pipe as standard input and never writes to it. The kernel closes
// the pipe's other end when `npm start` dies, for any reason, so the child reads end-of-file: it
// then sends itself SIGTERM (the app's own graceful shutdown runs) and, should that hang, exits
// after a grace period. The pipe is unreferenced, so it never keeps a finished process alive.
// Plain JavaScript without imports of the project: it runs before anything else is loaded.
const GRACE_MS = 10_000;

if (process.env.RWA_EXIT_WITH_PARENT === '1' && process.stdin && !process.stdin.isTTY) {
  const stdin = process.stdin;
  const onParentGone = () => {
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  };
  stdin.on('end', onParentGone);
  stdin.on('error', onParentGone);
  stdin.on('data', () => undefined);
  stdin.resume();
  stdin.unref?.();
}
