import fc from 'fast-check';
import { accrualDenominator, accrue, allocate, DAY_LCM, type AccrualDay, type AccrualEvent } from '../accrual.js';

const HOLDERS = ['0xa', '0xb', '0xc', '0xd'];

/** Balances second by second: the definition the exact sweep must agree with. */
function bruteForce(events: readonly AccrualEvent[], days: readonly AccrualDay[], asOf: number): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const day of days) {
    const weight = day.rate * (DAY_LCM / BigInt(day.end - day.start));
    for (let t = day.start; t < Math.min(day.end, asOf); t++) {
      const balances = new Map<string, bigint>();
      for (const event of events) {
        if (event.time > t) break;
        if (event.from) balances.set(event.from, (balances.get(event.from) ?? 0n) - event.value);
        if (event.to) balances.set(event.to, (balances.get(event.to) ?? 0n) + event.value);
      }
      for (const [address, units] of balances) if (units !== 0n) out.set(address, (out.get(address) ?? 0n) + units * weight);
    }
  }
  return new Map([...out].filter(([, value]) => value !== 0n));
}

/** Random mints and transfers that never overdraw a holder, at non-decreasing times. */
const scenario = fc
  .record({
    moves: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 60 }), from: fc.integer({ min: -1, max: 3 }), to: fc.integer({ min: 0, max: 3 }), value: fc.bigInt({ min: 1n, max: 10n ** 12n }) }), { maxLength: 25 }),
    days: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 80 }), length: fc.constantFrom(50, 100, 200), rate: fc.bigInt({ min: 0n, max: 10n ** 16n }) }), { minLength: 1, maxLength: 6 }),
    asOfOffset: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    unitDecimals: fc.integer({ min: 0, max: 8 }),
    currencyDecimals: fc.constantFrom(0, 2, 3),
  })
  .map(({ moves, days, asOfOffset, unitDecimals, currencyDecimals }) => {
    const balances = new Map<string, bigint>();
    const events: AccrualEvent[] = [];
    let time = 1_000;
    for (const move of moves) {
      time += move.gap;
      const from = move.from < 0 ? null : HOLDERS[move.from]!;
      const to = HOLDERS[move.to]!;
      const value = from === null ? move.value : (balances.get(from) ?? 0n) === 0n ? 0n : (move.value % balances.get(from)!) + 1n;
      if (value === 0n || from === to) continue;
      if (from) balances.set(from, balances.get(from)! - value);
      balances.set(to, (balances.get(to) ?? 0n) + value);
      events.push({ time, from, to, value });
    }
    const periods: AccrualDay[] = [];
    let start = 990;
    for (const [index, day] of days.entries()) {
      start += day.gap;
      periods.push({ date: `d${index}`, rate: day.rate, start, end: start + day.length });
      start += day.length;
    }
    return { events, days: periods, asOf: asOfOffset === undefined ? Number.MAX_SAFE_INTEGER : 990 + asOfOffset, unitDecimals, currencyDecimals };
  });

describe('accrue', () => {
  it('should give each holder exactly its unit-seconds times the rate, as a second-by-second count does', () => {
    fc.assert(
      fc.property(scenario, ({ events, days, asOf }) => {
        const exact = accrue(events, days, asOf);
        expect(new Map([...exact].filter(([, value]) => value !== 0n))).toEqual(bruteForce(events, days, asOf));
      }),
      { numRuns: 200 },
    );
  });

  it('should count a holder for half a day as earning half a day', () => {
    const days = [{ date: '2027-01-04', rate: 10n ** 18n, start: 0, end: 86_400 }];
    const events = [
      { time: 0, from: null, to: '0xa', value: 1_000_000n },
      { time: 43_200, from: '0xa', to: '0xb', value: 1_000_000n },
    ];
    const { items, total } = allocate(accrue(events, days), accrualDenominator(6), 2);
    expect(items).toEqual([
      { address: '0xa', amount: 50n },
      { address: '0xb', amount: 50n },
    ]);
    expect(total).toBe(100n);
  });

  it('should refuse a day whose length does not divide the common day length', () => {
    expect(() => accrue([], [{ date: 'x', rate: 1n, start: 0, end: 7 }])).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('should add up to the exact total of rate x units outstanding over time, each holder within one smallest unit of its share', () => {
    fc.assert(
      fc.property(scenario, ({ events, days, asOf, unitDecimals, currencyDecimals }) => {
        const denominator = accrualDenominator(unitDecimals);
        const exact = accrue(events, days, asOf);
        const { total, items } = allocate(exact, denominator, currencyDecimals);
        const scale = 10n ** BigInt(currencyDecimals);
        // The fund's total from the units outstanding alone (everyone as one holder).
        const pooled = accrue(
          events.map((event) => ({ ...event, from: event.from === null ? null : 'pool', to: event.to === null ? null : 'pool' })).filter((event) => event.from === null),
          days,
          asOf,
        );
        expect(total).toBe(((pooled.get('pool') ?? 0n) * scale) / denominator);
        expect(items.reduce((sum, item) => sum + item.amount, 0n)).toBe(total);
        for (const item of items) {
          const difference = item.amount * denominator - exact.get(item.address)! * scale;
          expect(difference < denominator && difference > -denominator).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
