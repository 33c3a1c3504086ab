import { runScenario } from './support/netns.js';

// No Postgres or Redis answers and there is no redis-server at all: BullMQ's Postgres backend (its
// schema migrated). Launched through npm (`npm run start:built`), and npm itself is then SIGKILLed.
describe('npm start on a bare machine without any Redis, as root under a private directory', () => {
  let result: Record<string, unknown>;

  beforeAll(async () => {
    result = await runScenario({ root: process.cwd(), launch: 'npm', withRedisServer: false });
  }, 900_000);

  it('should use the BullMQ Postgres backend and settle one order', () => {
    expect({ error: result.error, demoExit: result.demoExit }).toEqual({ error: undefined, demoExit: 0 });
    expect(result.database).toMatch(/^embedded PostgreSQL/);
    expect(result.queue).toMatch(/^BullMQ Postgres backend/);
    expect(result.demoLastLine).toMatch(/^SETTLED: order .*, 10000\.000000 units, .*on-chain balance 10000$/);
  });

  it('should leave no process behind (start.ts, API, workers, chain, Postgres) when npm is killed with SIGKILL', () => {
    expect(result.processesBeforeKill).toBeGreaterThanOrEqual(6);
    expect(result.leftAfterSigkill).toEqual([]);
  });
});
