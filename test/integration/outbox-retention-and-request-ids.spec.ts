import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { runInRequestContext } from '@rwa/logging';
import { JobName, OutboxRelay, OutboxRetentionService, OutboxService, QueueName, QueueWorkerModule, type JobItem } from '@rwa/queue';
import { useIntegrationEnvironment } from './support/environment.js';
import { migrate } from './support/platform-fixture.js';

const DAY_MS = 86_400_000;

describe('outbox: request ids carried into jobs, retention that keeps the duplicate guard', () => {
  let module: TestingModule;
  let dataSource: DataSource;
  let queue: Queue;
  let outbox: OutboxService;

  beforeAll(async () => {
    useIntegrationEnvironment();
    process.env.QUEUE_PREFIX = `rwa-it-retention-${process.pid}`;
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, QueueWorkerModule] }).compile();
    dataSource = module.get(DataSource);
    await migrate(dataSource);
    queue = module.get<Queue>(getQueueToken(QueueName.CHAIN));
    await queue.obliterate({ force: true });
    outbox = module.get(OutboxService);
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await module?.close();
  });

  const mint = (): JobItem => ({ name: JobName.MINT_ORDER, data: { orderId: randomUUID() } });
  const rowsOf = (job: JobItem) => dataSource.query('SELECT request_id, completed_at FROM outbox_messages WHERE job_id = $1', [`mint-order-${(job.data as { orderId: string }).orderId}`]);

  describe('request ids', () => {
    it('should keep the request id of the context that wrote the intent and hand it to the job', async () => {
      const job = mint();
      await runInRequestContext({ requestId: 'req-outbox-1' }, () => dataSource.transaction((manager) => outbox.add(manager, job)));

      await module.get(OutboxRelay).relayOnce();

      expect(await rowsOf(job)).toEqual([{ request_id: 'req-outbox-1', completed_at: null }]);
      expect((await queue.getJob(`mint-order-${(job.data as { orderId: string }).orderId}`))?.data).toEqual({ ...job.data, requestId: 'req-outbox-1' });
    });

    it('should enqueue the bare payload when no request asked for the job', async () => {
      const job = mint();
      await dataSource.transaction((manager) => outbox.add(manager, job));

      await module.get(OutboxRelay).relayOnce();

      expect((await rowsOf(job))[0].request_id).toBeNull();
      expect((await queue.getJob(`mint-order-${(job.data as { orderId: string }).orderId}`))?.data).toEqual(job.data);
    });
  });

  describe(OutboxRetentionService.name, () => {
    const ageCompleted = (job: JobItem, days: number) =>
      dataSource.query(`UPDATE outbox_messages SET completed_at = now() - make_interval(days => $2) WHERE job_id = $1`, [`mint-order-${(job.data as { orderId: string }).orderId}`, days]);

    it('should prune completed intents past their retention and nothing else', async () => {
      const [old, recent, open] = [mint(), mint(), mint()];
      await dataSource.transaction(async (manager) => {
        for (const job of [old, recent, open]) await outbox.add(manager, job);
        await outbox.completeMany(manager, [old, recent]);
      });
      await ageCompleted(old, 10);
      await ageCompleted(recent, 1);
      await dataSource.query(`UPDATE outbox_messages SET created_at = now() - interval '30 days' WHERE job_id = $1`, [`mint-order-${(open.data as { orderId: string }).orderId}`]);

      const pruned = await module.get(OutboxRetentionService).pruneCompletedIntents(new Date(Date.now() - 7 * DAY_MS));

      expect(pruned).toBeGreaterThanOrEqual(1);
      expect(await rowsOf(old)).toEqual([]);
      expect(await rowsOf(recent)).toHaveLength(1);
      expect(await rowsOf(open)).toHaveLength(1);
    });

    it('should prune more than one batch (1,000) in one call and count exactly what it pruned', async () => {
      // Whatever earlier tests left completed and old goes too: start from none.
      await module.get(OutboxRetentionService).pruneCompletedIntents(new Date(Date.now() - 7 * DAY_MS));
      const jobs = Array.from({ length: 2_345 }, mint);
      await dataSource.transaction(async (manager) => {
        for (const job of jobs) await outbox.add(manager, job);
        await outbox.completeMany(manager, jobs);
      });
      await dataSource.query(`UPDATE outbox_messages SET completed_at = now() - interval '10 days' WHERE job_id = ANY($1::text[])`, [
        jobs.map((job) => `mint-order-${(job.data as { orderId: string }).orderId}`),
      ]);

      const pruned = await module.get(OutboxRetentionService).pruneCompletedIntents(new Date(Date.now() - 7 * DAY_MS));

      expect(pruned).toBe(2_345);
      const [left] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE job_id = ANY($1::text[])`, [jobs.map((job) => `mint-order-${(job.data as { orderId: string }).orderId}`)]);
      expect(left.n).toBe(0);
    });

    it('should refuse an intent asked for again after its row was pruned (the duplicate guard holds)', async () => {
      const job = mint();
      await dataSource.transaction(async (manager) => {
        await outbox.add(manager, job);
        await outbox.complete(manager, job);
      });
      await ageCompleted(job, 10);
      await module.get(OutboxRetentionService).pruneCompletedIntents(new Date(Date.now() - 7 * DAY_MS));

      await dataSource.transaction((manager) => outbox.add(manager, job));
      await module.get(OutboxRelay).relayOnce();

      expect(await rowsOf(job)).toEqual([]);
      const [retired] = await dataSource.query('SELECT count(*)::int AS n FROM outbox_retired_jobs WHERE job_id = $1', [`mint-order-${(job.data as { orderId: string }).orderId}`]);
      expect(retired.n).toBe(1);
    });

    it('should let two workers prune at once without losing or doubling a retired id', async () => {
      const jobs = Array.from({ length: 50 }, mint);
      await dataSource.transaction(async (manager) => {
        for (const job of jobs) await outbox.add(manager, job);
        await outbox.completeMany(manager, jobs);
      });
      for (const job of jobs) await ageCompleted(job, 10);

      const retention = module.get(OutboxRetentionService);
      await Promise.all([retention.pruneCompletedIntents(new Date(Date.now() - 7 * DAY_MS)), retention.pruneCompletedIntents(new Date(Date.now() - 7 * DAY_MS))]);

      const ids = jobs.map((job) => `mint-order-${(job.data as { orderId: string }).orderId}`);
      const [{ left }] = await dataSource.query('SELECT count(*)::int AS left FROM outbox_messages WHERE job_id = ANY($1)', [ids]);
      const [{ retired }] = await dataSource.query('SELECT count(*)::int AS retired FROM outbox_retired_jobs WHERE job_id = ANY($1)', [ids]);
      expect({ left, retired }).toEqual({ left: 0, retired: 50 });
    });
  });
});
