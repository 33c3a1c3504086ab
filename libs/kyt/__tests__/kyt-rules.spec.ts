import { jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import {
  AlertSeverity,
  assess,
  DEFAULT_FUND_RULES,
  freshWalletRule,
  investorScreeningLockSql,
  KytReasonCode,
  RulesKytProvider,
  structuringRule,
  travelRuleApplies,
  velocityRule,
  type FundRules,
  type BlocklistIndex,
  type FundRulesService,
  type KytSubjectHandlers,
  type OrderScreeningRequest,
  type PastOrder,
} from '@rwa/kyt';

const HKD = 2;
const FUND = '11111111-1111-4111-8111-111111111111';
const OTHER_FUND = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-11-26T10:00:00Z');
const rules: FundRules = { ...DEFAULT_FUND_RULES, travelRuleThreshold: '10000', velocityMaxOrders: 3, velocityWindowMinutes: 60, structuringMinOrders: 3, structuringBandPercent: 10, freshWalletHours: 24, freshWalletLargeAmount: '50000' };
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const hkd = (value: number) => BigInt(value) * 100n;
type AsyncMock = jest.Mock<(...args: unknown[]) => Promise<unknown>>;
const asyncMock = (value: unknown): AsyncMock => jest.fn<(...args: unknown[]) => Promise<unknown>>().mockResolvedValue(value);

describe('KYT rules', () => {
  describe('travelRuleApplies', () => {
    it('should apply at and above the threshold, not below it, and never to a redemption', () => {
      expect(travelRuleApplies(hkd(10_000), rules, HKD)).toBe(true);
      expect(travelRuleApplies(hkd(10_001), rules, HKD)).toBe(true);
      expect(travelRuleApplies(hkd(10_000) - 1n, rules, HKD)).toBe(false);
      expect(travelRuleApplies(null, rules, HKD)).toBe(false);
    });
  });

  describe('velocityRule', () => {
    const past = (minutes: number[]): PastOrder[] => minutes.map((ago) => ({ fundId: FUND, amount: hkd(1000), at: minutesAgo(ago) }));

    it('should pass up to the limit within the window, this order included', () => {
      expect(velocityRule(past([5, 10]), NOW, rules)).toBeNull();
    });

    it('should flag one order over the limit as MEDIUM with a stable code', () => {
      expect(velocityRule(past([5, 10, 59]), NOW, rules)).toMatchObject({ code: KytReasonCode.VELOCITY_EXCEEDED, level: AlertSeverity.MEDIUM, score: 40 });
    });

    it('should not count orders outside the window', () => {
      expect(velocityRule(past([5, 10, 61, 120]), NOW, rules)).toBeNull();
    });
  });

  describe('structuringRule', () => {
    const justUnder = hkd(9_500);

    it('should flag the third order just under the threshold in one fund within 24 hours', () => {
      const past: PastOrder[] = [
        { fundId: FUND, amount: hkd(9_900), at: minutesAgo(600) },
        { fundId: FUND, amount: hkd(9_000), at: minutesAgo(60) },
      ];
      expect(structuringRule(past, { fundId: FUND, amount: justUnder, at: NOW }, rules, HKD)).toMatchObject({ code: KytReasonCode.STRUCTURING_SUSPECTED, level: AlertSeverity.MEDIUM, score: 60 });
    });

    it('should ignore orders outside the band, in another fund, or older than 24 hours', () => {
      const past: PastOrder[] = [
        { fundId: FUND, amount: hkd(8_999), at: minutesAgo(60) },
        { fundId: FUND, amount: hkd(10_000), at: minutesAgo(60) },
        { fundId: OTHER_FUND, amount: hkd(9_500), at: minutesAgo(60) },
        { fundId: FUND, amount: hkd(9_500), at: minutesAgo(24 * 60 + 1) },
        { fundId: FUND, amount: hkd(9_500), at: minutesAgo(30) },
      ];
      expect(structuringRule(past, { fundId: FUND, amount: justUnder, at: NOW }, rules, HKD)).toBeNull();
    });

    it('should not flag an order that is itself outside the band, or a redemption', () => {
      const past: PastOrder[] = [1, 2, 3].map((ago) => ({ fundId: FUND, amount: justUnder, at: minutesAgo(ago) }));
      expect(structuringRule(past, { fundId: FUND, amount: hkd(5_000), at: NOW }, rules, HKD)).toBeNull();
      expect(structuringRule(past, { fundId: FUND, amount: null, at: NOW }, rules, HKD)).toBeNull();
    });
  });

  describe('freshWalletRule', () => {
    it('should flag a large subscription into a wallet bound within the fresh period', () => {
      expect(freshWalletRule({ amount: hkd(50_000), at: NOW, walletBoundAt: minutesAgo(30) }, rules, HKD)).toMatchObject({
        code: KytReasonCode.LARGE_AMOUNT_FRESH_WALLET,
        level: AlertSeverity.MEDIUM,
      });
    });

    it('should pass a smaller amount, an older wallet, or a redemption', () => {
      expect(freshWalletRule({ amount: hkd(49_999), at: NOW, walletBoundAt: minutesAgo(30) }, rules, HKD)).toBeNull();
      expect(freshWalletRule({ amount: hkd(100_000), at: NOW, walletBoundAt: minutesAgo(24 * 60) }, rules, HKD)).toBeNull();
      expect(freshWalletRule({ amount: null, at: NOW, walletBoundAt: minutesAgo(1) }, rules, HKD)).toBeNull();
    });
  });

  describe('assess', () => {
    it('should be LOW with score 0 when nothing was found', () => {
      expect(assess([])).toEqual({ score: 0, level: AlertSeverity.LOW, reasons: [] });
    });

    it('should take the worst level, and HIGH when MEDIUM findings add up to 80 or more, capped at 100', () => {
      const medium = (score: number) => ({ code: KytReasonCode.VELOCITY_EXCEEDED, message: '', level: AlertSeverity.MEDIUM, score });
      expect(assess([medium(40)]).level).toBe(AlertSeverity.MEDIUM);
      expect(assess([medium(40), medium(40)])).toMatchObject({ score: 80, level: AlertSeverity.HIGH });
      expect(assess([medium(60), { ...medium(100), level: AlertSeverity.SEVERE }])).toMatchObject({ score: 100, level: AlertSeverity.SEVERE });
    });
  });
});

describe(RulesKytProvider.name, () => {
  const listed = '0x8589427373D6D84E98730D7795D8f6f8731FDA16' as const;
  let manager: { findBy: AsyncMock; find: AsyncMock };
  let index: { has: jest.Mock<(address: string) => Promise<boolean>>; sourceOf: jest.Mock<(address: string) => Promise<string | undefined>> };
  let subjects: { counterpartiesOf: jest.Mock<(manager: unknown, address: string) => Promise<string[]>> };
  let sut: RulesKytProvider;

  beforeEach(() => {
    manager = { findBy: asyncMock([]), find: asyncMock([]) };
    const fundRules = { forFund: asyncMock(rules) } as unknown as FundRulesService;
    index = {
      has: jest.fn<(address: string) => Promise<boolean>>().mockResolvedValue(false),
      sourceOf: jest.fn<(address: string) => Promise<string | undefined>>().mockResolvedValue(undefined),
    };
    subjects = { counterpartiesOf: jest.fn<(manager: unknown, address: string) => Promise<string[]>>().mockResolvedValue([]) };
    sut = new RulesKytProvider(fundRules, index as unknown as BlocklistIndex, subjects as unknown as KytSubjectHandlers);
  });

  const order = (overrides: Partial<OrderScreeningRequest> = {}): OrderScreeningRequest => ({
    orderId: '33333333-3333-4333-8333-333333333333',
    fundId: FUND,
    investorId: '44444444-4444-4444-8444-444444444444',
    type: 'SUBSCRIPTION',
    walletAddress: listed,
    walletBoundAt: minutesAgo(7 * 24 * 60),
    amount: hkd(5_000),
    cashDecimals: HKD,
    at: NOW,
    ...overrides,
  });

  describe('screenAddress', () => {
    it('should report a direct blocklist hit as HIGH with score 100 and the source, from memory alone', async () => {
      index.sourceOf.mockResolvedValue('OFAC-SDN');

      const result = await sut.screenAddress(manager as unknown as EntityManager, listed);

      expect(result).toMatchObject({ score: 100, level: AlertSeverity.HIGH, reasons: [{ code: KytReasonCode.BLOCKLIST_MATCH, message: `${listed} is blocklisted (OFAC-SDN)` }] });
      expect(manager.findBy).not.toHaveBeenCalled();
    });

    it('should be clean when the address is not listed, without a query', async () => {
      expect(await sut.screenAddress(manager as unknown as EntityManager, listed)).toEqual({ score: 0, level: AlertSeverity.LOW, reasons: [] });
      expect(index.sourceOf).toHaveBeenCalledWith(listed);
      expect(manager.findBy).not.toHaveBeenCalled();
    });
  });

  describe('indirect exposure', () => {
    it('should flag an address whose transfer counterparty is blocklisted as MEDIUM', async () => {
      const counterparty = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';
      subjects.counterpartiesOf.mockResolvedValue([counterparty, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8']);
      index.has.mockImplementation(async (address) => address === counterparty);

      const result = await sut.screenAddress(manager as unknown as EntityManager, listed);

      expect(result).toMatchObject({ score: 50, level: AlertSeverity.MEDIUM, reasons: [{ code: KytReasonCode.INDIRECT_EXPOSURE, message: expect.stringContaining(counterparty) }] });
      expect(subjects.counterpartiesOf).toHaveBeenCalledWith(manager, listed);
    });
  });

  describe('screenOrder', () => {
    it('should combine the order rules over KYT history, leaving out the order itself', async () => {
      const history = [5, 10, 20].map((ago, index) => ({ orderId: `h${index}`, fundId: FUND, amount: hkd(9_500).toString(), screenedAt: minutesAgo(ago) }));
      manager.find.mockResolvedValue([...history, { orderId: order().orderId, fundId: FUND, amount: '1', screenedAt: NOW }]);

      const result = await sut.screenOrder(manager as unknown as EntityManager, order({ amount: hkd(9_500) }));

      expect(result.reasons.map((reason) => reason.code)).toEqual([KytReasonCode.VELOCITY_EXCEEDED, KytReasonCode.STRUCTURING_SUSPECTED]);
      expect(result).toMatchObject({ score: 100, level: AlertSeverity.HIGH });
    });

    it('should be clean for an ordinary order', async () => {
      expect((await sut.screenOrder(manager as unknown as EntityManager, order())).reasons).toEqual([]);
    });
  });
});

describe(investorScreeningLockSql.name, () => {
  const a = '00000000-0000-4000-8000-00000000000a';
  const b = '00000000-0000-4000-8000-00000000000b';

  it('should lock each investor once, in id order', () => {
    expect(investorScreeningLockSql([b, a, b])).toContain(`'{${a},${b}}'::uuid[]`);
  });

  it('should refuse anything but UUIDs (the statement carries them as literals)', () => {
    expect(() => investorScreeningLockSql([a, "x'); DROP TABLE orders; --"])).toThrow(RangeError);
  });
});
