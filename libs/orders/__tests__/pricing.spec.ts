import { parseNav } from '@rwa/common';
import { priceSubscription } from '../pricing.js';

describe(priceSubscription.name, () => {
  it('should buy whole units at a NAV of one', () => {
    expect(priceSubscription(1_000_000n, 2, parseNav('1'), 6)).toEqual({ units: 10_000_000_000n, cost: 1_000_000n, remainder: 0n });
  });

  it('should round units down and record the remainder, in the fund favour', () => {
    // 100.00 HKD at NAV 3 with 0 unit decimals: 33 units cost 99.00, 1.00 left over.
    expect(priceSubscription(10_000n, 2, parseNav('3'), 0)).toEqual({ units: 33n, cost: 9_900n, remainder: 100n });
  });

  it('should round the cost of the units up to the minor unit', () => {
    // 10.00 at NAV 1.2345678 with 2 unit decimals: 8.10 units; 8.10 x 1.2345678 = 9.99999918 -> 10.00.
    const result = priceSubscription(1_000n, 2, parseNav('1.2345678'), 2);
    expect(result.units).toBe(810n);
    expect(result.cost).toBe(1_000n);
    expect(result.remainder).toBe(0n);
  });

  it('should never give units worth more than the amount paid', () => {
    for (const [amount, nav, decimals] of [
      [123_456n, '1.00012345', 6],
      [99n, '7.77', 3],
      [1n, '0.5', 0],
      [50_000_000_00n, '10.98765432', 18],
    ] as const) {
      const { units, cost, remainder } = priceSubscription(amount, 2, parseNav(nav), decimals);
      expect(cost + remainder).toBe(amount);
      expect(remainder >= 0n).toBe(true);
      // One more unit would cost more than the amount.
      const oneMore = ((units + 1n) * parseNav(nav) * 100n) / 10n ** BigInt(8 + decimals);
      expect(oneMore >= amount - 1n).toBe(true);
    }
  });

  it('should refuse a zero NAV', () => {
    expect(() => priceSubscription(100n, 2, 0n, 6)).toThrow(RangeError);
  });
});
