import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { Worker, type Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AuditModule } from '@rwa/audit';
import { OrganizationType, Role, type Actor } from '@rwa/common';
import { AppConfig, ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import {
  EventPositioner,
  EventsService,
  EventsWorkerModule,
  sendWebhook,
  signDelivery,
  WEBHOOK_QUEUE,
  WebhookDeliveryService,
  WebhooksService,
  WebhookTargetGuard,
  EventsException,
  EventRetentionService,
} from '@rwa/events';
import { redisOptionsFromUrl } from '@rwa/queue';
import { useIntegrationEnvironment } from './support/environment.js';
import { migrate } from './support/platform-fixture.js';

interface Received {
  id: string;
  body: { id: string; type: string; data: { seq?: number } };
  signature: string;
}

/** A receiver that verifies every delivery with the standardwebhooks library and answers per `answer`. */
function receiver(secretOf: () => string[]) {
  const received: Received[] = [];
  let answer: (request: IncomingMessage) => number = () => 200;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const headers = { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) };
      const verified = secretOf().some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      if (!verified) {
        response.writeHead(401).end();
        return;
      }
      received.push({ id: headers['webhook-id'], body: JSON.parse(body) as Received['body'], signature: headers['webhook-signature'] });
      response.writeHead(answer(request)).end();
    });
  });
  return {
    received,
    server,
    setAnswer: (next: (request: IncomingMessage) => number) => (answer = next),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
  };
}

describe('events and webhooks: positions at commit, assured delivery', () => {
  let module: TestingModule;
  let dataSource: DataSource;
  let events: EventsService;
  let positioner: EventPositioner;
  let deliveries: WebhookDeliveryService;
  let webhooks: WebhooksService;
  let queue: Queue;
  let worker: Worker | undefined;
  let distributor: Actor;
  let otherDistributor: Actor;

  beforeAll(async () => {
    useIntegrationEnvironment({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_TIMEOUT_MS: '500',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_RETRY_WINDOW_MS: '60000',
    });
    process.env.QUEUE_PREFIX = `rwa-it-webhooks-${process.pid}`;
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, AuditModule, EventsWorkerModule] }).compile();
    dataSource = module.get(DataSource);
    await migrate(dataSource);
    events = module.get(EventsService);
    positioner = module.get(EventPositioner);
    deliveries = module.get(WebhookDeliveryService);
    webhooks = module.get(WebhooksService);
    queue = module.get<Queue>(getQueueToken(WEBHOOK_QUEUE));
    await queue.obliterate({ force: true });
    const org = async (type: OrganizationType) => {
      const id = randomUUID();
      await dataSource.query('INSERT INTO organizations (id, type, name, jurisdiction) VALUES ($1, $2, $3, $4)', [id, type, `it ${id.slice(0, 8)}`, 'HK']);
      return id;
    };
    distributor = { organizationId: await org(OrganizationType.DISTRIBUTOR), organizationType: OrganizationType.DISTRIBUTOR, role: Role.DISTRIBUTOR } as Actor;
    otherDistributor = { organizationId: await org(OrganizationType.DISTRIBUTOR), organizationType: OrganizationType.DISTRIBUTOR, role: Role.DISTRIBUTOR } as Actor;
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await module?.close();
  });

  const orderEvent = (actor: Actor, subjectId: string, seq: number) => ({
    type: 'order.awaiting_payment',
    subject: { type: 'order', id: subjectId },
    data: { id: subjectId, seq },
    audience: { distributorId: actor.organizationId, issuerId: randomUUID() },
  });

  /** Reads the whole feed of `actor` after `cursor`. */
  async function readFeed(actor: Actor, cursor?: string): Promise<{ ids: string[]; cursor: string | undefined }> {
    const ids: string[] = [];
    for (;;) {
      const page = await events.list(actor, { after: cursor, limit: 100 });
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? cursor;
      if (page.items.length < 100) return { ids, cursor };
    }
  }

  describe('positions', () => {
    it('should never skip an event committed after a later one: the feed shows it after, not before, the cursor', async () => {
      const subject = randomUUID();
      const { cursor: start } = await readFeed(distributor);
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      const early = await events.emit(runner.manager, orderEvent(distributor, subject, 1)); // lower seq, commits last
      const late = await dataSource.transaction((manager) => events.emit(manager, orderEvent(distributor, randomUUID(), 2)));
      await positioner.positionPending();
      const first = await readFeed(distributor, start);
      expect(first.ids).toEqual([late]);

      await runner.commitTransaction();
      await runner.release();
      await positioner.positionPending();
      const second = await readFeed(distributor, first.cursor);
      expect(second.ids).toEqual([early]);
    });

    it('should hand a poller every event exactly once while many transactions commit out of order', async () => {
      const { cursor: start } = await readFeed(distributor);
      const written: string[] = [];
      let writing = true;
      const writers = Array.from({ length: 40 }, (_unused, index) =>
        dataSource.transaction(async (manager) => {
          const ids = await events.emitMany(manager, [orderEvent(distributor, randomUUID(), index), orderEvent(distributor, randomUUID(), index)]);
          await sleep(Math.floor(Math.random() * 60)); // commit in a random order
          written.push(...ids);
        }),
      );
      const positioning = (async () => {
        while (writing) {
          await positioner.positionPending();
          await sleep(5);
        }
      })();
      const seen: string[] = [];
      let cursor = start;
      const polling = (async () => {
        while (writing) {
          const page = await readFeed(distributor, cursor);
          seen.push(...page.ids);
          cursor = page.cursor;
          await sleep(3);
        }
      })();
      await Promise.all(writers);
      await sleep(100);
      writing = false;
      await Promise.all([positioning, polling]);
      await positioner.positionPending();
      seen.push(...(await readFeed(distributor, cursor)).ids);

      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...written].sort());
    });

    it("should show a distributor only its own events", async () => {
      const mine = await dataSource.transaction((manager) => events.emit(manager, orderEvent(distributor, randomUUID(), 0)));
      await positioner.positionPending();
      expect((await readFeed(otherDistributor)).ids).not.toContain(mine);
      expect((await readFeed(distributor)).ids).toContain(mine);
    });
  });

  describe('retention', () => {
    it('should prune events older than the retention with their deliveries, but keep any with a delivery pending', async () => {
      const hook = await webhooks.create(distributor, { url: 'http://127.0.0.1:9/none', events: ['order.awaiting_payment'] });
      const [done, waiting] = await dataSource.transaction((manager) => events.emitMany(manager, [orderEvent(distributor, randomUUID(), 0), orderEvent(distributor, randomUUID(), 0)]));
      await positioner.positionPending();
      await dataSource.query(`UPDATE events SET occurred_at = now() - interval '100 days' WHERE id = ANY($1::uuid[])`, [[done, waiting]]);
      await dataSource.query(`UPDATE webhook_deliveries SET status = 'DELIVERED' WHERE event_id = $1`, [done]);

      const pruned = await module.get(EventRetentionService).pruneBefore(new Date(Date.now() - 90 * 86_400_000));

      expect(pruned).toBeGreaterThanOrEqual(1);
      const left = (await dataSource.query('SELECT id FROM events WHERE id = ANY($1::uuid[])', [[done, waiting]])) as { id: string }[];
      expect(left.map((row) => row.id)).toEqual([waiting]);
      expect(await dataSource.query('SELECT 1 FROM webhook_deliveries WHERE event_id = $1', [done])).toEqual([]);
      await webhooks.remove(distributor, hook.id);
    });
  });

  describe('deliveries', () => {
    it('should refuse private targets when WEBHOOK_ALLOW_PRIVATE_TARGETS is off, at subscription and at delivery', async () => {
      const strict = new WebhooksService(dataSource, Object.assign(Object.create(AppConfig.prototype) as AppConfig, module.get(AppConfig), { webhooks: { ...module.get(AppConfig).webhooks, allowPrivateTargets: false } }), undefined as never, events);
      await expect(strict.create(distributor, { url: 'https://127.0.0.1/hook', events: ['order.settled'] })).rejects.toBeInstanceOf(EventsException);
      await expect(strict.create(distributor, { url: 'http://hooks.example.com/hook', events: ['order.settled'] })).rejects.toBeInstanceOf(EventsException);
      const outcome = await sendWebhook(new WebhookTargetGuard(false, async () => [{ address: '10.0.0.1', family: 4 }]), 'https://rebinding.example.com/hook', signDelivery(['whsec_' + Buffer.alloc(32).toString('base64')], 'e', new Date(), '{}'), '{}', 500);
      expect(outcome).toEqual({ error: expect.stringContaining('private') });
    });

    it('should deliver every event in order per subject through failures, a lost queue and a worker killed mid-delivery, with the same webhook-id on duplicates', async () => {
      let secrets: string[] = [];
      const hook = receiver(() => secrets);
      const url = await hook.listen();
      const created = await webhooks.create(distributor, { url, events: ['order.awaiting_payment'] });
      secrets = [created.secret];
      const other = receiver(() => secrets);
      const otherUrl = await other.listen();
      const otherCreated = await webhooks.create(otherDistributor, { url: otherUrl, events: ['order.awaiting_payment'] });
      let calls = 0;
      // The first deliveries are answered 500, then 2xx.
      hook.setAnswer(() => {
        calls += 1;
        return calls <= 3 ? 500 : 200;
      });

      const subjects = [randomUUID(), randomUUID(), randomUUID()];
      const emitted: { id: string; subject: string; seq: number }[] = [];
      for (let seq = 0; seq < 5; seq++)
        for (const subject of subjects) {
          const id = await dataSource.transaction((manager) => events.emit(manager, orderEvent(distributor, subject, seq)));
          emitted.push({ id, subject, seq });
        }
      await positioner.positionPending();

      // The queue loses the first claims (Redis restarted): the database still has them PENDING.
      await deliveries.dispatchDue();
      await queue.obliterate({ force: true });
      // A worker POSTed the first delivery and was killed before recording it.
      const [first] = (await dataSource.query(
        `SELECT d.id, e.id AS event_id, e.type, e.data, e.occurred_at FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.subscription_id = $1 ORDER BY d.event_position LIMIT 1`,
        [created.id],
      )) as { id: string; event_id: string; type: string; data: unknown; occurred_at: Date }[];
      const killedBody = JSON.stringify({ id: first!.event_id, type: first!.type, occurredAt: new Date(first!.occurred_at).toISOString(), data: first!.data });
      await sendWebhook(new WebhookTargetGuard(true), url, signDelivery(secrets, first!.event_id, new Date(), killedBody), killedBody, 500);

      const connection = redisOptionsFromUrl(module.get(AppConfig).queue.redisUrl);
      worker = new Worker(WEBHOOK_QUEUE, (job) => deliveries.deliver((job.data as { deliveryId: string }).deliveryId), { connection, prefix: module.get(AppConfig).queue.prefix, concurrency: 8 });
      const deadline = Date.now() + 30_000;
      for (;;) {
        await positioner.positionPending();
        await deliveries.dispatchDue();
        const [{ pending }] = (await dataSource.query(`SELECT count(*)::int AS pending FROM webhook_deliveries WHERE subscription_id IN ($1, $2) AND status <> 'DELIVERED'`, [created.id, otherCreated.id])) as [{ pending: number }];
        if (pending === 0 || Date.now() > deadline) break;
        await sleep(50);
      }

      const delivered = hook.received.filter((entry) => entry.body.type === 'order.awaiting_payment');
      // Every event arrived (at least once), the duplicate with the same webhook-id.
      expect(new Set(delivered.map((entry) => entry.id))).toEqual(new Set(emitted.map((event) => event.id)));
      expect(delivered.filter((entry) => entry.id === first!.event_id).length).toBeGreaterThanOrEqual(2);
      for (const entry of delivered) expect(entry.body.id).toBe(entry.id);
      // In order per subject (the first time each arrived).
      for (const subject of subjects) {
        const order = [...new Map(delivered.filter((entry) => (entry.body.data as { id?: string }).id === subject).map((entry) => [entry.id, entry.body.data.seq])).values()];
        expect(order).toEqual([0, 1, 2, 3, 4]);
      }
      // The other distributor's endpoint received none of these.
      expect(other.received.filter((entry) => emitted.some((event) => event.id === entry.id))).toEqual([]);
      const log = await webhooks.deliveries(distributor, created.id, {}, { limit: 200 });
      expect(log.items.every((item) => item.status === 'DELIVERED')).toBe(true);
      expect(log.items.some((item) => item.attempts > 1 && item.lastStatusCode === 200)).toBe(true);
      // The feed has the same events as the webhook.
      const feed = await events.list(distributor, { types: 'order.awaiting_payment', limit: 500 });
      expect(feed.items.map((item) => item.id)).toEqual(expect.arrayContaining(emitted.map((event) => event.id)));

      // Rotation: both secrets sign during the overlap; a receiver knowing only the old one still verifies.
      const rotated = await webhooks.rotateSecret(distributor, created.id);
      secrets = [created.secret];
      const tested = await webhooks.test(distributor, created.id);
      await waitFor(async () => hook.received.some((entry) => entry.id === tested.eventId));
      secrets = [rotated.secret];
      const retested = await webhooks.test(distributor, created.id);
      await waitFor(async () => hook.received.some((entry) => entry.id === retested.eventId));
      expect(hook.received.find((entry) => entry.id === retested.eventId)!.signature.split(' ')).toHaveLength(2);

      // A FAILED delivery is sent again on request, with the same webhook-id.
      await dataSource.query(`UPDATE webhook_deliveries SET status = 'FAILED' WHERE subscription_id = $1 AND event_id = $2`, [created.id, tested.eventId]);
      const [{ id: failedId }] = (await dataSource.query('SELECT id FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2', [created.id, tested.eventId])) as [{ id: string }];
      const before = hook.received.filter((entry) => entry.id === tested.eventId).length;
      await webhooks.redeliver(distributor, created.id, failedId);
      await waitFor(async () => hook.received.filter((entry) => entry.id === tested.eventId).length > before);
      await expect(webhooks.redeliver(otherDistributor, created.id, failedId)).rejects.toBeInstanceOf(EventsException);

      hook.server.close();
      other.server.close();

      // An endpoint failing for longer than WEBHOOK_DISABLE_AFTER_MS (5 days) is disabled at its next failure, and its owner told.
      const watcher = await webhooks.create(distributor, { url: otherUrl.replace('/hook', '/watch'), events: ['webhook.disabled'] });
      await dataSource.query(`UPDATE webhook_subscriptions SET url = 'http://127.0.0.1:9/closed', failing_since = now() - interval '6 days' WHERE id = $1`, [created.id]);
      const failing = await webhooks.test(distributor, created.id);
      await waitFor(async () => !(await webhooks.get(distributor, created.id)).enabled);
      expect((await webhooks.get(distributor, created.id)).disabledReason).toMatch(/^failing since /);
      await positioner.positionPending();
      const disabledEvents = (await events.list(distributor, { types: 'webhook.disabled' })).items.filter((item) => item.subject.id === created.id);
      expect(disabledEvents).toHaveLength(1);
      const [{ status: watcherDelivery }] = (await dataSource.query('SELECT status FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2', [watcher.id, disabledEvents[0]!.id])) as [{ status: string }];
      expect(watcherDelivery).toBeDefined();
      const [{ status: failingStatus }] = (await dataSource.query('SELECT status FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2', [created.id, failing.eventId])) as [{ status: string }];
      expect(failingStatus).toBe('PENDING');

      async function waitFor(condition: () => Promise<boolean>): Promise<void> {
        const until = Date.now() + 15_000;
        while (!(await condition())) {
          if (Date.now() > until) throw new Error('timed out');
          await positioner.positionPending();
          await deliveries.dispatchDue();
          await sleep(50);
        }
      }
    }, 60_000);
  });
});
