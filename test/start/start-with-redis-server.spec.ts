import { runScenario } from './support/netns.js';

// No Postgres or Redis answers (a network namespace); redis-server is on the PATH; the checkout sits
// under a mode-700 directory and we are root. `node scripts/start.ts` is then SIGKILLed.
describe('npm start on a bare machine with redis-server on the PATH, as root under a private directory', () => {
  let result: Record<string, unknown>;

  beforeAll(async () => {
    result = await runScenario({ root: process.cwd(), launch: 'node', withRedisServer: true });
  }, 900_000);

  it('should start an embedded PostgreSQL and redis-server and settle one order', () => {
    expect({ error: result.error, demoExit: result.demoExit }).toEqual({ error: undefined, demoExit: 0 });
    expect(result.database).toMatch(/^embedded PostgreSQL/);
    expect(result.queue).toMatch(/^redis-server started/);
    expect(result.demoLastLine).toMatch(/^SETTLED: order .*, 10000\.000000 units, .*on-chain balance 10000$/);
  });

  it('should give the worker another metrics port when the default one is taken on another address of the machine', () => {
    const port = /worker-1 http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(String(result.metrics))?.[1];
    expect(port).toMatch(/^\d+$/);
    expect(port).not.toBe('9464');
    expect(result.demoExit).toBe(0);
  });

  it('should log JSON lines in which the request id of a payment confirmation appears in the API line and the worker job lines', () => {
    expect(result.requestLine).toMatchObject({ app: 'api', level: 'info', role: 'ISSUER', status: 200, requestId: expect.any(String), organizationId: expect.any(String), durationMs: expect.any(Number) });
    expect(result.workerLinesWithRequestId).toEqual(expect.arrayContaining([expect.stringMatching(/^mint-order mint-order-.* done: /)]));
    expect(result.unparsedChildLines).toEqual([]);
  });

  it('should fail readiness while Postgres is stopped and keep liveness up, naming no internal error to an anonymous caller', () => {
    expect(result.postmasterFound).toBe(true);
    expect(result.liveWithPostgresStopped).toBe(200);
    expect(result.readyWithPostgresStopped).toMatchObject({ status: 503, body: { status: 'error', error: { database: { status: 'down' } } } });
    expect(JSON.stringify(result.readyWithPostgresStopped)).not.toMatch(/message|ECONNREFUSED|connect|5433/);
  });

  it('should leave no process behind when scripts/start.ts is killed with SIGKILL', () => {
    expect(result.processesBeforeKill).toBeGreaterThanOrEqual(6);
    expect(result.leftAfterSigkill).toEqual([]);
  });
});
