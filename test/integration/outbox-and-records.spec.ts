import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AUDIT_CHAINS, auditChainOf, AuditModule, AuditSealer, AuditService, hashAuditRow, hashedFieldsOf, type AuditEventRow } from '@rwa/audit';
import { AppConfig, ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { hashRequest, IdempotencyException, IdempotencyModule, IdempotencyService } from '@rwa/idempotency';
import { JobName, OutboxRelay, OutboxService, QueueName, QueueWorkerModule } from '@rwa/queue';
import { useIntegrationEnvironment } from './support/environment.js';
import { migrate } from './support/platform-fixture.js';

describe('outbox, idempotency and audit records', () => {
  let module: TestingModule;
  let dataSource: DataSource;
  let queue: Queue;

  beforeAll(async () => {
    useIntegrationEnvironment();
    process.env.QUEUE_PREFIX = `rwa-it-outbox-${process.pid}`;
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, AuditModule, IdempotencyModule, QueueWorkerModule] }).compile();
    dataSource = module.get(DataSource);
    await migrate(dataSource);
    // Not init(): the relay's own polling loop would race the assertions; the tests drive it.
    queue = module.get<Queue>(getQueueToken(QueueName.CHAIN));
    await queue.obliterate({ force: true });
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await module?.close();
  });

  describe(OutboxRelay.name, () => {
    it('should enqueue each intent once under its deterministic job id', async () => {
      const orderId = randomUUID();
      const outbox = module.get(OutboxService);
      await dataSource.transaction(async (manager) => {
        await outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId } });
        await outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId } });
      });

      await module.get(OutboxRelay).relayOnce();
      await module.get(OutboxRelay).relayOnce();

      const rows = await dataSource.query('SELECT enqueued_at FROM outbox_messages WHERE job_id = $1', [`mint-order-${orderId}`]);
      expect(rows).toHaveLength(1);
      expect(rows[0].enqueued_at).not.toBeNull();
      const job = await queue.getJob(`mint-order-${orderId}`);
      expect(job?.data).toEqual({ orderId });
    });

    it('should not enqueue an intent whose transaction rolled back', async () => {
      const orderId = randomUUID();
      await expect(
        dataSource.transaction(async (manager) => {
          await module.get(OutboxService).add(manager, { name: JobName.MINT_ORDER, data: { orderId } });
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');

      await module.get(OutboxRelay).relayOnce();

      expect(await queue.getJob(`mint-order-${orderId}`)).toBeUndefined();
    });

    it('should restore jobs lost with Redis, and leave completed intents alone', async () => {
      const [lost, completed] = [randomUUID(), randomUUID()];
      const outbox = module.get(OutboxService);
      await dataSource.transaction(async (manager) => {
        await outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId: lost } });
        await outbox.add(manager, { name: JobName.MINT_ORDER, data: { orderId: completed } });
      });
      await module.get(OutboxRelay).relayOnce();
      await outbox.complete(dataSource.manager, { name: JobName.MINT_ORDER, data: { orderId: completed } });
      // Redis restarts empty; the relay notices once the redelivery window has passed.
      await queue.obliterate({ force: true });
      await dataSource.query(`UPDATE outbox_messages SET enqueued_at = now() - interval '1 hour' WHERE job_id = ANY($1)`, [[`mint-order-${lost}`, `mint-order-${completed}`]]);
      expect(await module.get(OutboxRelay).relayOnce()).toBe(0); // nothing new

      await module.get(OutboxRelay).redeliverOverdue();

      expect(await queue.getJob(`mint-order-${lost}`)).toBeDefined();
      expect(await queue.getJob(`mint-order-${completed}`)).toBeUndefined();
    });
  });

  describe(IdempotencyService.name, () => {
    const organizationId = randomUUID();
    const hashA = hashRequest('POST', '/v1/orders', { amount: '1.00' });
    const hashB = hashRequest('POST', '/v1/orders', { amount: '2.00' });

    beforeAll(async () => {
      await dataSource.query(`INSERT INTO organizations (id, type, name, jurisdiction) VALUES ($1, 'DISTRIBUTOR', 'Idempotent Bank', 'HK')`, [organizationId]);
    });

    it('should run the work once for concurrent requests with one key and replay the answer', async () => {
      const work = jest.fn(async () => ({ id: randomUUID() }));
      const sut = module.get(IdempotencyService);

      const answers = await Promise.all([1, 2, 3, 4].map(() => sut.runOnce(organizationId, 'key-1', hashA, 201, work)));

      expect(work).toHaveBeenCalledTimes(1);
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(answers[0]!.statusCode).toBe(201);
    });

    it('should answer 409 for the same key with another request', async () => {
      const sut = module.get(IdempotencyService);
      await sut.runOnce(organizationId, 'key-2', hashA, 201, async () => ({ ok: true }));

      await expect(sut.runOnce(organizationId, 'key-2', hashB, 201, async () => ({ ok: false }))).rejects.toThrow(IdempotencyException);
    });

    it('should leave no record when the work fails, so a corrected retry runs', async () => {
      const sut = module.get(IdempotencyService);
      await expect(sut.runOnce(organizationId, 'key-3', hashA, 201, async () => Promise.reject(new Error('rule says no')))).rejects.toThrow('rule says no');

      expect(await sut.runOnce(organizationId, 'key-3', hashA, 201, async () => ({ second: true }))).toEqual({ statusCode: 201, body: { second: true } });
    });
  });

  describe(AuditService.name, () => {
    it('should write rows unsealed and seal each into its chain after the one before it, also under concurrent writers', async () => {
      const sut = module.get(AuditService);
      const sealer = module.get(AuditSealer);
      await sealer.sealAll();
      const entityIds = Array.from({ length: 10 }, () => randomUUID());
      await Promise.all(
        entityIds.map((entityId, index) =>
          dataSource.transaction((manager) => sut.record(manager, { entityType: 'order', entityId, action: 'test', toStatus: `S${index}`, actor: 'system' })),
        ),
      );
      const written = (await dataSource.query('SELECT chain_pos, hash FROM audit_events WHERE entity_id = ANY($1::uuid[])', [entityIds])) as { chain_pos: string | null; hash: string | null }[];
      expect(written).toHaveLength(10);
      expect(written.every((row) => row.chain_pos === null && row.hash === null)).toBe(true);

      expect(await sealer.sealAll()).toBeGreaterThanOrEqual(10);

      const rows = (await dataSource.query('SELECT * FROM audit_events WHERE chain_pos IS NOT NULL ORDER BY chain, chain_pos')) as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThanOrEqual(10);
      const previous = new Map<number, { pos: bigint; hash: string }>();
      for (const row of rows) {
        const entity = hashedFieldsOf(row as unknown as AuditEventRow, row.chain_pos as string, row.prev_hash as string);
        const chain = Number(row.chain);
        const before = previous.get(chain) ?? { pos: 0n, hash: '0'.repeat(64) };
        expect(chain).toBeLessThan(AUDIT_CHAINS);
        expect(chain).toBe(auditChainOf(entity.entityId));
        expect(BigInt(row.chain_pos as string)).toBe(before.pos + 1n);
        expect(entity.prevHash).toBe(before.hash);
        expect(row.hash).toBe(hashAuditRow(module.get(AppConfig).audit.sealKey, entity));
        previous.set(chain, { pos: BigInt(row.chain_pos as string), hash: row.hash as string });
      }
      // Ten independent transactions spread over more than one chain.
      expect(previous.size).toBeGreaterThan(1);
    });

    it('should continue each chain from its last sealed row on a later pass', async () => {
      const sut = module.get(AuditService);
      const sealer = module.get(AuditSealer);
      await sealer.sealAll();
      const heads = (await dataSource.query('SELECT chain, max(chain_pos) AS pos FROM audit_events GROUP BY chain')) as { chain: number; pos: string }[];
      const entityId = randomUUID();
      await dataSource.transaction((manager) => sut.record(manager, { entityType: 'order', entityId, action: 'test', toStatus: 'LATER', actor: 'system' }));

      expect(await sealer.sealAll()).toBe(1);

      const [row] = (await dataSource.query('SELECT chain, chain_pos, prev_hash FROM audit_events WHERE entity_id = $1', [entityId])) as { chain: number; chain_pos: string; prev_hash: string }[];
      const head = heads.find((candidate) => candidate.chain === row!.chain);
      const [previous] = head
        ? ((await dataSource.query('SELECT hash FROM audit_events WHERE chain = $1 AND chain_pos = $2', [row!.chain, head.pos])) as { hash: string }[])
        : [{ hash: '0'.repeat(64) }];
      expect(BigInt(row!.chain_pos)).toBe(BigInt(head?.pos ?? 0) + 1n);
      expect(row!.prev_hash).toBe(previous!.hash);
    });

    it('should skip the periodic pass while another process seals, leaving the rows for a later pass', async () => {
      const sut = module.get(AuditService);
      const sealer = module.get(AuditSealer);
      await sealer.sealAll();
      await dataSource.transaction((manager) => sut.record(manager, { entityType: 'order', entityId: randomUUID(), action: 'test', toStatus: 'SKIPPED', actor: 'system' }));
      const otherProcess = dataSource.createQueryRunner();
      await otherProcess.connect();
      await otherProcess.startTransaction();
      await otherProcess.query('SELECT pg_advisory_xact_lock(7240003)');

      try {
        expect(await sealer.sealPending()).toBe(0);
      } finally {
        await otherProcess.rollbackTransaction();
        await otherProcess.release();
      }
      expect(await sealer.sealPending()).toBe(1);
    });
  });
});
