// Webhooks and the event feed end to end: real orders on the local chain, a receiver that fails
// the first deliveries (500s, a timeout, then shut down: its listening socket closed for a while, connections
// refused, and listening again on the same port), signatures checked
// with the standardwebhooks library, order per order, tenant isolation, the feed, rotation.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { ApiClient, Json } from './support/api-client.js';
import { expectProblem, expectStatus } from './support/api-client.js';
import { newAccount } from './support/chain.js';
import { poll } from './support/poll.js';
import { Platform, activeFund, confirmPayment, subscribe, verifiedInvestor, waitForOrderSettled } from './support/platform.js';

jest.setTimeout(180_000);

interface Delivery {
  id: string;
  type: string;
  subjectId: string;
  signatures: number;
}

/** A local endpoint: verifies each delivery with the secrets it knows (401 otherwise) and answers per `behaviour`. */
class Receiver {
  readonly received: Delivery[] = [];
  secrets: string[] = [];
  /** 'down': this connection dropped, then the receiver shut down for `downMs` (see shutDown). */
  behaviour: (n: number) => 'ok' | '500' | 'hang' | 'down' = () => 'ok';
  downMs = 3000;
  /** Each shutdown: whether a connection to its port was refused while down, and the port it listened on again. */
  readonly outages: { refused: boolean; port: number; restartedAt: number }[] = [];
  private calls = 0;
  private server: Server | undefined;
  private port = 0;
  private down = false;

  /** Why listening again after an outage failed, if it did (surfaced by the test, not left unhandled). */
  readonly listenErrors: string[] = [];

  /**
   * Listens on a port below the kernel's ephemeral range (32768 and up here): while the receiver is
   * down, an outgoing connection of any process may be given a free ephemeral port, and listening
   * again on it would fail. Another listener may still hold a chosen port: another is tried.
   */
  async start(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      try {
        this.server = await this.listen(port);
        this.port = port;
        return this.url;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
      }
    }
  }

  private listen(port: number): Promise<Server> {
    const server = this.createServer();
    return new Promise<Server>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  /** What the test waits on, told when it times out. */
  state(): { calls: number; down: boolean; outages: number; listenErrors: string[] } {
    return { calls: this.calls, down: this.down, outages: this.outages.length, listenErrors: this.listenErrors };
  }

  /** The arrival times of deliveries, by event id (first arrival). */
  readonly arrivedAt = new Map<string, number>();

  /**
   * A real outage: every connection closed, the listening socket closed (a connection to the port
   * is refused, checked here), and after `downMs` a new server listening on the same port.
   */
  private async shutDown(): Promise<void> {
    if (this.down) return;
    this.down = true;
    const server = this.server!;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    const downSince = Date.now();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, this.downMs - (Date.now() - downSince))));
    for (let attempt = 1; ; attempt++) {
      try {
        this.server = await this.listen(this.port);
        break;
      } catch (error) {
        this.listenErrors.push(`listening again on ${this.port} (attempt ${attempt}): ${(error as Error).message}`);
        if (attempt >= 20) return; // stays down: the test's wait names why
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    this.outages.push({ refused, port: (this.server.address() as AddressInfo).port, restartedAt: Date.now() });
    this.down = false;
  }

  private createServer(): Server {
    return createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const mode = this.behaviour(++this.calls);
        if (mode === 'down') {
          request.socket.destroy();
          return void this.shutDown();
        }
        if (mode === 'hang') return; // never answers: the platform gives up after WEBHOOK_TIMEOUT_MS
        if (mode === '500') return void response.writeHead(500).end();
        const headers = { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) };
        const verified = this.secrets.some((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch {
            return false;
          }
        });
        if (!verified) return void response.writeHead(401).end();
        const event = JSON.parse(body) as { id: string; type: string; data: { id?: string; webhookId?: string } };
        expect(event.id).toBe(headers['webhook-id']);
        this.received.push({ id: event.id, type: event.type, subjectId: event.data.id ?? event.data.webhookId ?? '', signatures: headers['webhook-signature'].split(' ').length });
        if (!this.arrivedAt.has(event.id)) this.arrivedAt.set(event.id, Date.now());
        response.writeHead(204).end();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  stop(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }

  /** The ids of the events of `subjectId`, in the order they first arrived. */
  firstArrivals(subjectId: string): string[] {
    return [...new Set(this.received.filter((delivery) => delivery.subjectId === subjectId).map((delivery) => delivery.id))];
  }
}

async function feedOf(client: ApiClient, types: string): Promise<Json[]> {
  const items: Json[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await client.get(`/v1/events?types=${types}&limit=500${after ? `&after=${after}` : ''}`);
    expectStatus(res, 200);
    items.push(...(res.body.items as Json[]));
    if ((res.body.items as Json[]).length < 500) return items;
    after = res.body.nextCursor as string;
  }
}

const ORDER_TYPES = ['order.received', 'order.awaiting_payment', 'order.payment_confirmed', 'order.pricing', 'order.minting', 'order.settled', 'order.failed'];

describe('webhooks and the event feed', () => {
  const platform = new Platform();
  const mine = new Receiver();
  const theirs = new Receiver();
  let distributor: ApiClient;
  let other: ApiClient;
  let webhookId: string;
  let secret: string;
  const orderIds: string[] = [];

  afterAll(() => {
    mine.stop();
    theirs.stop();
  });

  it('should subscribe endpoints, show the secret once and list them for their owner only', async () => {
    const issuer = await platform.issuer();
    const a = await platform.distributor();
    const b = await platform.distributor();
    distributor = a.client;
    other = b.client;
    // The first deliveries fail: two 500s, one attempt left unanswered, then the receiver shuts down
    // (its listening socket closed: every attempt for the next 3 s is refused) and listens again on the same port.
    mine.behaviour = (n) => (n <= 2 ? '500' : n === 3 ? 'hang' : n === 4 ? 'down' : 'ok');

    const created = await distributor.post('/v1/webhooks', { url: await mine.start(), events: [...ORDER_TYPES, 'webhook.test'], description: 'e2e' });
    expectStatus(created, 201);
    expect(created.body).toMatchObject({ id: expect.any(String), enabled: true, events: expect.arrayContaining(['order.settled']), secret: expect.stringMatching(/^whsec_/) });
    webhookId = created.body.id as string;
    secret = created.body.secret as string;
    mine.secrets = [secret];
    const theirsCreated = await other.post('/v1/webhooks', { url: await theirs.start(), events: ORDER_TYPES });
    expectStatus(theirsCreated, 201);
    theirs.secrets = [theirsCreated.body.secret as string];

    const got = await distributor.get(`/v1/webhooks/${webhookId}`);
    expectStatus(got, 200);
    expect(got.body.secret).toBeUndefined();
    expectProblem(await other.get(`/v1/webhooks/${webhookId}`), 404, 'WEBHOOK_NOT_FOUND');
    expectProblem(await distributor.post('/v1/webhooks', { url: 'ftp://example.com/x', events: ['order.settled'] }), 400, 'VALIDATION_FAILED');
    expectProblem(await distributor.post('/v1/webhooks', { url: 'https://example.com/x', events: ['order.nope'] }), 400, 'VALIDATION_FAILED');

    const fund = await activeFund(issuer.client, [a.id, b.id]);
    const { investor, wallet } = await verifiedInvestor(distributor, newAccount(), platform.state.chainId);
    for (let i = 0; i < 3; i++) {
      const order = await subscribe(distributor, { fundId: fund.id as string, investorId: investor.id as string, walletId: wallet.id as string, amount: '1000.00' });
      orderIds.push(order.id as string);
      await confirmPayment(issuer.client, order.id as string);
    }
    for (const orderId of orderIds) await waitForOrderSettled(distributor, orderId);
  });

  it('should deliver every event of every order, in order per order, through failures, with verified signatures; the feed has the same events', async () => {
    const feed = await feedOf(distributor, ORDER_TYPES.join(','));
    const bySubject = (subjectId: string) => feed.filter((event) => (event.subject as Json).id === subjectId).map((event) => event.id as string);
    for (const orderId of orderIds) expect(bySubject(orderId).length).toBeGreaterThanOrEqual(5);

    // Told on a timeout: per order, the events arrived against those in the feed, the receiver's
    // state and the delivery log's attempts.
    const progress = async () => {
      const orders = orderIds.map((orderId) => ({ orderId, arrived: mine.firstArrivals(orderId).length, expected: bySubject(orderId).length }));
      const done = orders.every((order) => order.arrived === order.expected);
      const log = done ? undefined : await distributor.get(`/v1/webhooks/${webhookId}/deliveries?limit=200`);
      const deliveries = ((log?.body.items as Json[] | undefined) ?? []).map((item) => ({ eventType: item.eventType, status: item.status, attempts: item.attempts, lastStatusCode: item.lastStatusCode, lastError: item.lastError, nextAttemptAt: item.nextAttemptAt }));
      return { done, orders, receiver: mine.state(), deliveries };
    };
    await poll('every order event delivered', progress, (state) => state.done, { timeoutMs: 90_000, intervalMs: 500 });
    expect(mine.listenErrors).toEqual([]);
    // The receiver was really down (connections refused) and came back on the same port; events first
    // arrived after it came back, each in order per order (below).
    expect(mine.outages).toEqual([{ refused: true, port: Number(new URL(mine.url).port), restartedAt: expect.any(Number) }]);
    const restartedAt = mine.outages[0]!.restartedAt;
    expect(orderIds.flatMap((orderId) => bySubject(orderId)).filter((id) => (mine.arrivedAt.get(id) ?? 0) >= restartedAt).length).toBeGreaterThan(0);
    for (const orderId of orderIds) {
      expect(mine.firstArrivals(orderId)).toEqual(bySubject(orderId));
      expect(feed.filter((event) => (event.subject as Json).id === orderId).map((event) => event.type)).toEqual(
        expect.arrayContaining(['order.received', 'order.awaiting_payment', 'order.payment_confirmed', 'order.minting', 'order.settled']),
      );
    }
    // The other distributor's endpoint and feed never see these orders.
    expect(theirs.received.filter((delivery) => orderIds.includes(delivery.subjectId))).toEqual([]);
    const theirFeed = await feedOf(other, ORDER_TYPES.join(','));
    expect(theirFeed.filter((event) => orderIds.includes((event.subject as Json).id as string))).toEqual([]);

    const log = await distributor.get(`/v1/webhooks/${webhookId}/deliveries?limit=200`);
    expectStatus(log, 200);
    const items = log.body.items as Json[];
    expect(items.every((item) => item.status === 'DELIVERED')).toBe(true);
    expect(items.some((item) => (item.attempts as number) > 1)).toBe(true);
    expect(items[0]).toMatchObject({ id: expect.any(String), eventId: expect.any(String), eventType: expect.any(String), status: 'DELIVERED', lastStatusCode: 204, nextAttemptAt: null });
  });

  it('should sign with both secrets for the overlap after a rotation, send a test event and redeliver on request with the same id', async () => {
    const rotated = await distributor.post(`/v1/webhooks/${webhookId}/rotate-secret`);
    expectStatus(rotated, 200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    mine.secrets = [secret]; // a receiver not yet told of the new secret still verifies

    const test = await distributor.post(`/v1/webhooks/${webhookId}/test`);
    expectStatus(test, 202);
    await poll('the test event', async () => mine.received.find((delivery) => delivery.id === test.body.eventId), (found) => found !== undefined, { timeoutMs: 30_000 });
    expect(mine.received.find((delivery) => delivery.id === test.body.eventId)).toMatchObject({ type: 'webhook.test', signatures: 2 });

    mine.secrets = [rotated.body.secret as string];
    const log = await distributor.get(`/v1/webhooks/${webhookId}/deliveries?status=DELIVERED&limit=200`);
    const delivered = (log.body.items as Json[]).find((item) => item.eventId === test.body.eventId)!;
    const before = mine.received.filter((delivery) => delivery.id === test.body.eventId).length;
    expectStatus(await distributor.post(`/v1/webhooks/${webhookId}/deliveries/${delivered.id}/redeliver`), 202);
    await poll('the redelivery', async () => mine.received.filter((delivery) => delivery.id === test.body.eventId).length, (count) => count > before, { timeoutMs: 30_000 });
    expectProblem(await other.post(`/v1/webhooks/${webhookId}/deliveries/${delivered.id}/redeliver`), 404, 'WEBHOOK_NOT_FOUND');
  });

  it('should change, disable and delete a webhook for its owner', async () => {
    const patched = await distributor.patch(`/v1/webhooks/${webhookId}`, { enabled: false, events: ['order.settled'] });
    expectStatus(patched, 200);
    expect(patched.body).toMatchObject({ enabled: false, events: ['order.settled'] });
    expectStatus(await distributor.delete(`/v1/webhooks/${webhookId}`), 204);
    expectProblem(await distributor.get(`/v1/webhooks/${webhookId}`), 404, 'WEBHOOK_NOT_FOUND');
  });
});
