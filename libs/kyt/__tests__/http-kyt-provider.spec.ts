import { jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { loadConfig } from '@rwa/config';
import { AlertSeverity, CircuitBreaker, HttpKytProvider, ScreeningUnavailableError, type RulesKytProvider } from '@rwa/kyt';
import { startKytStub, type KytStub } from '../../../test/support/kyt-stub-server.js';

const ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const manager = {} as EntityManager;

describe(CircuitBreaker.name, () => {
  it('should open after the threshold, refuse until the reset time, then let one trial through', () => {
    let now = 0;
    const sut = new CircuitBreaker(2, 1000, () => now);

    sut.onFailure();
    expect(sut.tryAcquire()).toBe(true);
    sut.onFailure();
    expect(sut.state).toBe('OPEN');
    expect(sut.tryAcquire()).toBe(false);
    now = 1000;
    expect(sut.tryAcquire()).toBe(true);
    expect(sut.tryAcquire()).toBe(false);
    sut.onFailure();
    expect(sut.state).toBe('OPEN');
    now = 2000;
    expect(sut.tryAcquire()).toBe(true);
    sut.onSuccess();
    expect(sut.state).toBe('CLOSED');
  });
});

describe(HttpKytProvider.name, () => {
  let stub: KytStub;
  let rules: { screenAddress: jest.Mock<() => Promise<unknown>>; screenOrder: jest.Mock<() => Promise<unknown>> };

  beforeAll(async () => {
    stub = await startKytStub();
  });

  afterAll(async () => {
    await stub.close();
  });

  beforeEach(() => {
    stub.mode = 'up';
    stub.calls.length = 0;
    stub.verdicts.clear();
    const clean = { score: 0, level: AlertSeverity.LOW, reasons: [] };
    rules = { screenAddress: jest.fn<() => Promise<unknown>>().mockResolvedValue(clean), screenOrder: jest.fn<() => Promise<unknown>>().mockResolvedValue(clean) };
  });

  function provider(overrides: Record<string, string> = {}): HttpKytProvider {
    const config = loadConfig({
      KYT_PROVIDER: 'http',
      KYT_HTTP_URL: stub.url,
      KYT_HTTP_API_KEY: 'stub-key',
      KYT_HTTP_TIMEOUT_MS: '200',
      KYT_HTTP_RETRIES: '2',
      KYT_HTTP_BREAKER_FAILURES: '5',
      KYT_HTTP_BREAKER_RESET_MS: '60000',
      ...overrides,
    });
    return new HttpKytProvider(config, rules as unknown as RulesKytProvider);
  }

  it('should add the service findings to the built-in ones, with its key and no JSON numbers for money', async () => {
    stub.verdicts.set(ADDRESS.toLowerCase(), { score: 90, level: 'HIGH', reasons: [{ code: 'MIXER_EXPOSURE', message: 'funds from a mixer' }] });
    const sut = provider();

    const address = await sut.screenAddress(manager, ADDRESS);
    await sut.screenOrder(manager, { orderId: 'o', fundId: 'f', investorId: 'i', type: 'SUBSCRIPTION', walletAddress: ADDRESS, walletBoundAt: new Date(), amount: 123456n, cashDecimals: 2, at: new Date() });

    expect(address).toMatchObject({ level: AlertSeverity.HIGH, score: 90, reasons: [{ code: 'EXTERNAL_MIXER_EXPOSURE', message: 'funds from a mixer' }] });
    expect(stub.calls.map((call) => call.path)).toEqual(['/v1/screen/address', '/v1/screen/order']);
    expect(stub.calls[0]!.authorization).toBe('Bearer stub-key');
    expect(stub.calls[1]!.body).toMatchObject({ amount: '123456', amountDecimals: 2 });
    expect(rules.screenAddress).toHaveBeenCalledTimes(1);
  });

  it('should retry with backoff and throw ScreeningUnavailableError when the service stays down', async () => {
    stub.mode = 'down';
    const sut = provider();
    const started = Date.now();

    await expect(sut.screenAddress(manager, ADDRESS)).rejects.toThrow(ScreeningUnavailableError);

    expect(stub.calls).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100 + 200);
  });

  it('should time out a slow answer, and never read a malformed one as clean', async () => {
    stub.mode = 'slow';
    stub.delayMs = 1000;
    await expect(provider({ KYT_HTTP_RETRIES: '0' }).screenAddress(manager, ADDRESS)).rejects.toThrow(ScreeningUnavailableError);

    stub.mode = 'up';
    stub.verdicts.set(ADDRESS.toLowerCase(), { score: 'none', level: 'FINE', reasons: [] } as never);
    await expect(provider({ KYT_HTTP_RETRIES: '0' }).screenAddress(manager, ADDRESS)).rejects.toThrow(ScreeningUnavailableError);
  });

  it('should open the circuit after repeated failures and stop calling the service', async () => {
    stub.mode = 'down';
    const sut = provider({ KYT_HTTP_RETRIES: '0', KYT_HTTP_BREAKER_FAILURES: '2' });

    for (let index = 0; index < 4; index += 1) await expect(sut.screenAddress(manager, ADDRESS)).rejects.toThrow(ScreeningUnavailableError);

    expect(stub.calls).toHaveLength(2);
  });
});
