import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { FundStatus } from '@rwa/funds';
import { OrderStatus } from '@rwa/orders';
import { WalletStatus } from '@rwa/wallets';
import { EVENT_TYPES, FUND_EVENT_STATUSES, ORDER_EVENT_STATUSES, WALLET_EVENT_STATUSES } from '../event-types.js';
import { retryDelayMs, withinRetryWindow } from '../webhooks/backoff.js';
import { newWebhookSecret, SecretBox } from '../webhooks/secret-box.js';
import { signDelivery } from '../webhooks/signing.js';
import { isNonPublicAddress, WebhookTargetGuard, WebhookTargetRefused } from '../webhooks/target-guard.js';
import { isDelivered, sendWebhook } from '../webhooks/webhook-sender.js';

const HOUR = 3_600_000;

describe('webhook signing', () => {
  it('should sign per Standard Webhooks so that the standardwebhooks library verifies the delivery', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: 'e1', type: 'order.settled', data: { id: 'o1' } });
    const headers = signDelivery([secret], '2f1c6c1e-0000-4000-8000-000000000001', new Date(), body);

    expect(headers['webhook-id']).toBe('2f1c6c1e-0000-4000-8000-000000000001');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('should carry one signature per secret during a rotation, each verifying with its own secret', () => {
    const [current, previous, other] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const body = '{"id":"e2"}';
    const headers = signDelivery([current, previous], 'evt-2', new Date(), body);

    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, { ...headers })).toEqual({ id: 'e2' });
    expect(new Webhook(previous).verify(body, { ...headers })).toEqual({ id: 'e2' });
    expect(() => new Webhook(other).verify(body, { ...headers })).toThrow();
  });

  it('should refuse a tampered body', () => {
    const secret = newWebhookSecret();
    const headers = signDelivery([secret], 'evt-3', new Date(), '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', { ...headers })).toThrow();
  });
});

describe(SecretBox.name, () => {
  it('should open what it sealed, and not with another key', () => {
    const sut = new SecretBox('k'.repeat(32));
    const sealed = sut.seal('whsec_abc');

    expect(sealed).not.toContain('whsec_abc');
    expect(sut.open(sealed)).toBe('whsec_abc');
    expect(() => new SecretBox('x'.repeat(32)).open(sealed)).toThrow();
  });

  it('should answer a secret it opened before from memory, and still refuse a tampered one', () => {
    const sut = new SecretBox('k'.repeat(32));
    const sealed = sut.seal('whsec_def');
    const [version, iv, , encrypted] = sealed.split('.');
    const tampered = [version, iv, Buffer.alloc(16).toString('base64url'), encrypted].join('.');

    expect(sut.open(sealed)).toBe('whsec_def');
    expect(sut.open(sealed)).toBe('whsec_def');
    expect(() => sut.open(tampered)).toThrow();
    expect(() => sut.open(tampered)).toThrow();
  });
});

describe(WebhookTargetGuard.name, () => {
  const publicResolver = async () => [{ address: '93.184.216.34', family: 4 }];

  it('should accept an https url resolving to public addresses only', async () => {
    await expect(new WebhookTargetGuard(false, publicResolver).check('https://hooks.example.com/x')).resolves.toBeInstanceOf(URL);
  });

  it.each([
    ['http://hooks.example.com/x', publicResolver],
    ['https://127.0.0.1/x', publicResolver],
    ['https://[::1]/x', publicResolver],
    ['https://169.254.169.254/latest/meta-data', publicResolver],
    ['https://user:pw@hooks.example.com/x', publicResolver],
    ['https://rebound.example.com/x', async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }]],
    ['https://mapped.example.com/x', async () => [{ address: '::ffff:192.168.1.1', family: 6 }]],
    ['https://nowhere.example.com/x', async () => Promise.reject(new Error('ENOTFOUND'))],
  ])('should refuse %s when private targets are not allowed', async (url, resolver) => {
    await expect(new WebhookTargetGuard(false, resolver).check(url)).rejects.toBeInstanceOf(WebhookTargetRefused);
  });

  it('should allow http and loopback targets with WEBHOOK_ALLOW_PRIVATE_TARGETS', async () => {
    await expect(new WebhookTargetGuard(true, publicResolver).check('http://127.0.0.1:4000/hook')).resolves.toBeInstanceOf(URL);
  });

  it('should class special-purpose addresses as non-public and ordinary ones as public', () => {
    for (const address of ['10.1.2.3', '172.16.0.1', '192.168.0.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '0.0.0.0', 'fe80::1', 'fc00::1', '::1', '::ffff:127.0.0.1'])
      expect([address, isNonPublicAddress(address)]).toEqual([address, true]);
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect([address, isNonPublicAddress(address)]).toEqual([address, false]);
  });
});

describe(sendWebhook.name, () => {
  it('should keep a connection alive between deliveries and resolve through the guard for each new connection only', async () => {
    let connections = 0;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    let lookups = 0;
    let resolvable = true;
    const guard = new WebhookTargetGuard(true, async () => {
      lookups++;
      if (!resolvable) throw new Error('NXDOMAIN');
      return [{ address: '127.0.0.1', family: 4 }];
    });
    const url = `http://hook.example:${port}/hooks`;
    const headers = signDelivery([newWebhookSecret()], 'msg_1', new Date(), '{}');
    try {
      for (let i = 0; i < 3; i++) expect(isDelivered(await sendWebhook(guard, url, headers, '{}', 2000))).toBe(true);
      expect(connections).toBe(1);
      expect(lookups).toBe(1);
      // The endpoint closes the idle connection: the next delivery connects anew, checked again by the guard.
      resolvable = false;
      server.closeIdleConnections();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await sendWebhook(guard, url, headers, '{}', 2000)).toEqual({ error: 'the host hook.example does not resolve' });
      expect(lookups).toBe(2);
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe(retryDelayMs.name, () => {
  const policy = { baseMs: 5000, maxMs: HOUR, windowMs: 24 * HOUR };

  it('should grow exponentially, with jitter between half and all of the step, up to the cap', () => {
    expect(retryDelayMs(policy, 1, () => 0)).toBe(2500);
    expect(retryDelayMs(policy, 1, () => 1)).toBe(5000);
    expect(retryDelayMs(policy, 3, () => 1)).toBe(20_000);
    expect(retryDelayMs(policy, 30, () => 1)).toBe(HOUR);
    expect(retryDelayMs(policy, 30, () => 0)).toBe(HOUR / 2);
  });

  it('should keep retrying for the whole window (at least 24 h), then stop', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    expect(withinRetryWindow(policy, start, new Date(start.getTime() + 24 * HOUR - 1))).toBe(true);
    expect(withinRetryWindow(policy, start, new Date(start.getTime() + 24 * HOUR))).toBe(false);
    // The attempts the default policy makes within the window: the last one is at or after 24 h.
    let at = 0;
    let attempts = 0;
    while (withinRetryWindow(policy, start, new Date(start.getTime() + at))) at += retryDelayMs(policy, ++attempts, () => 0.5);
    expect(at).toBeGreaterThanOrEqual(24 * HOUR);
    expect(attempts).toBeGreaterThan(20);
  });
});

describe('event types', () => {
  it('should name every status of orders, wallets and funds', () => {
    expect([...ORDER_EVENT_STATUSES].sort()).toEqual(Object.values(OrderStatus).sort());
    expect([...WALLET_EVENT_STATUSES].sort()).toEqual(Object.values(WalletStatus).sort());
    expect([...FUND_EVENT_STATUSES].sort()).toEqual(Object.values(FundStatus).sort());
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(['order.settled', 'order.awaiting_payment', 'wallet.frozen', 'fund.nav_published', 'kyt.alert_decided', 'webhook.test']));
  });
});
