// Runs INSIDE a network namespace with only a loopback (test/start/start-paths.spec.ts): no Postgres,
// no Redis answers. Starts the platform as a user would, settles one order with `npm run demo`, checks
// the JSON logs, readiness with Postgres stopped, and that a SIGKILL leaves no process behind. The
// default worker metrics port is taken beforehand (on 127.0.0.2): the worker is given another.
// Prints one JSON line {"result": {...}} for the test to assert on.
//   node test/start/support/scenario.ts <launch: node|npm> <state dir>
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

const [launch, stateDir] = process.argv.slice(2) as ['node' | 'npm', string];
const result: Record<string, unknown> = { launch };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const task of safeList(`/proc/${pid}/task`)) {
    for (const child of safeRead(`/proc/${pid}/task/${task}/children`).split(' ').filter(Boolean).map(Number)) out.push(child, ...descendants(child));
  }
  return out;
}
function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
const alive = (pid: number) => safeRead(`/proc/${pid}/stat`) !== '' && !/^\d+ \(.*\) Z/.test(safeRead(`/proc/${pid}/stat`));
const cmdline = (pid: number) => safeRead(`/proc/${pid}/cmdline`).split('\0').join(' ');

async function main(): Promise<void> {
  // The default worker metrics port is taken on another loopback address: a connection to 127.0.0.1
  // finds nothing there, but the worker, listening on every interface, could not open it.
  const squatter = createServer();
  await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(9464, '127.0.0.2', resolve));
  squatter.unref();
  const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_STATE_DIR: stateDir, LOG_FORMAT: 'json', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  const [command, args] = launch === 'npm' ? ['npm', ['run', '--silent', 'start:built']] : [process.execPath, ['scripts/start.ts']];
  const platform = spawn(command, args as string[], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  platform.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  platform.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const started = Date.now();
  while (!log.includes('[start] ready:')) {
    if (platform.exitCode !== null || Date.now() - started > 300_000) {
      result.startLog = log.slice(-4000);
      throw new Error('the platform did not become ready');
    }
    await sleep(500);
  }
  result.startSeconds = Math.round((Date.now() - started) / 1000);
  result.database = /Database\s+(.*)/.exec(log)?.[1];
  result.queue = /Queue\s+(.*)/.exec(log)?.[1];
  result.metrics = /Metrics\s+(http:\S+\/metrics.*)/.exec(log)?.[1];

  const demo = spawnSync(process.execPath, ['scripts/demo.ts'], { env: { ...env, DEMO_TIMEOUT_MS: '180000' }, encoding: 'utf8' });
  result.demoExit = demo.status;
  result.demoLastLine = demo.stdout.trim().split('\n').pop();
  if (demo.status !== 0) result.demoOutput = `${demo.stdout.slice(-3000)}\n${demo.stderr.slice(-2000)}`;
  await sleep(1500);

  // Logs: JSON lines; the payment confirmation's request id in the API's line and the worker's job lines.
  const lines = log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const confirmation = lines.find((line) => line.app === 'api' && line.route === '/v1/orders/:id/payment-confirmation' && line.status === 200);
  result.requestLine = confirmation;
  result.workerLinesWithRequestId = confirmation ? lines.filter((line) => line.app === 'worker' && line.requestId === confirmation.requestId).map((line) => line.msg) : [];
  result.unparsedChildLines = log.split('\n').filter((line) => /^\[(api|worker-\d+)\] /.test(line)).slice(0, 5);

  // Readiness with Postgres stopped (the embedded one's postmaster paused), liveness still up.
  const tree = descendants(platform.pid!);
  const postmaster = tree.find((pid) => /\/bin\/postgres /.test(cmdline(pid)));
  result.postmasterFound = postmaster !== undefined;
  if (postmaster !== undefined) {
    // SIGSTOP: Postgres stops answering without exiting (an exit would, by design, make npm start stop everything).
    const server = [postmaster, ...descendants(postmaster)];
    for (const pid of server) process.kill(pid, 'SIGSTOP');
    const ready = await fetch('http://127.0.0.1:3000/health/ready', { signal: AbortSignal.timeout(10_000) });
    const live = await fetch('http://127.0.0.1:3000/health/live', { signal: AbortSignal.timeout(10_000) });
    result.readyWithPostgresStopped = { status: ready.status, body: await ready.json() };
    result.liveWithPostgresStopped = live.status;
    for (const pid of server) process.kill(pid, 'SIGCONT');
  }

  // SIGKILL: of npm itself (launch npm), or of scripts/start.ts (launch node). Nothing may be left.
  const everything = descendants(platform.pid!);
  result.processesBeforeKill = everything.length + 1;
  process.kill(platform.pid!, 'SIGKILL');
  const deadline = Date.now() + 30_000;
  let left = everything.filter(alive);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(500);
    left = everything.filter(alive);
  }
  result.leftAfterSigkill = left.map((pid) => cmdline(pid).slice(0, 160));
}

main()
  .catch((error: unknown) => {
    result.error = error instanceof Error ? error.message : String(error);
  })
  .finally(() => {
    process.stdout.write(`${JSON.stringify({ result })}\n`);
    spawnSync('true');
    process.exit(0);
  });
