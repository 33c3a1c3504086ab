/**
 * Exact, time-weighted income accrual (pure: no I/O, so it can be property-tested and benchmarked).
 *
 * A published day `d` of a fund carries an income per unit `R_d` (scaled by 10^RATE_DECIMALS) for
 * its period [start, end) (the business day in the fund's time zone, P_d seconds). A holder earns
 * R_d x (unit-seconds it held in the period) / P_d. Every quantity is an integer: unit-seconds are
 * the smallest unit times whole seconds (block timestamps), and the fraction 1/P_d is kept exact by
 * scaling every day to the common length DAY_LCM (a multiple of 23, 24 and 25 hours: daylight
 * saving days). A holder's accrual is therefore one exact integer numerator over the fund's fixed
 * denominator, and nothing is lost until the one rounding to the currency's smallest unit, where
 * the remainders are carried (largest remainder first) so that the holders' amounts add up to the
 * fund's exact total rounded down: rate x units outstanding over time, to the smallest unit.
 */

/** Decimals of an income rate per unit (`ratePerUnit`). */
export const RATE_DECIMALS = 18;
/** Seconds: the least common multiple of 82,800, 86,400 and 90,000 (23-, 24- and 25-hour days). */
export const DAY_LCM = 49_680_000n;

/** A transfer as the chain index journals it (mint: from null; burn: to null), in chain order. */
export interface AccrualEvent {
  /** Block timestamp, seconds. */
  time: number;
  from: string | null;
  to: string | null;
  value: bigint;
}

/** One published day: its income per unit (scaled by 10^RATE_DECIMALS) and its period in seconds. */
export interface AccrualDay {
  date: string;
  rate: bigint;
  start: number;
  end: number;
}

/** Per address, the exact accrual numerator over `accrualDenominator(unitDecimals, currencyDecimals)`. */
export type Accruals = Map<string, bigint>;

/**
 * The denominator that turns a numerator into the currency's smallest unit: the rate's scale, the
 * unit's scale and the common day length, divided by the currency's scale.
 */
export function accrualDenominator(unitDecimals: number): bigint {
  return 10n ** BigInt(RATE_DECIMALS) * 10n ** BigInt(unitDecimals) * DAY_LCM;
}

/**
 * The exact numerators of every holder over `days` (sorted, not overlapping), from the transfers
 * `events` (in chain order), counting each day up to `asOf` (seconds; a day still running counts
 * up to it). Events before a day move balances without accruing (weekends, holidays).
 * @throws RangeError for a day whose length does not divide DAY_LCM
 */
export function accrue(events: readonly AccrualEvent[], days: readonly AccrualDay[], asOf: number = Number.MAX_SAFE_INTEGER): Accruals {
  const balances = new Map<string, bigint>();
  const accrued: Accruals = new Map();
  const move = (event: AccrualEvent): void => {
    if (event.from !== null) balances.set(event.from, (balances.get(event.from) ?? 0n) - event.value);
    if (event.to !== null) balances.set(event.to, (balances.get(event.to) ?? 0n) + event.value);
  };
  let next = 0;
  for (const day of days) {
    const length = day.end - day.start;
    if (length <= 0 || DAY_LCM % BigInt(length) !== 0n) throw new RangeError(`Day ${day.date} lasts ${length} s, which does not divide ${DAY_LCM}`);
    while (next < events.length && events[next]!.time < day.start) move(events[next++]!);
    const stop = Math.min(day.end, asOf);
    if (stop <= day.start) continue;
    // Unit-seconds of the day: the opening balance for the whole (counted) period, then each
    // movement for the rest of it.
    const unitSeconds = new Map<string, bigint>();
    const span = BigInt(stop - day.start);
    for (const [address, units] of balances) if (units !== 0n) unitSeconds.set(address, units * span);
    for (; next < events.length && events[next]!.time < stop; next++) {
      const event = events[next]!;
      const rest = BigInt(stop - event.time);
      if (event.from !== null) unitSeconds.set(event.from, (unitSeconds.get(event.from) ?? 0n) - event.value * rest);
      if (event.to !== null) unitSeconds.set(event.to, (unitSeconds.get(event.to) ?? 0n) + event.value * rest);
      move(event);
    }
    const weight = day.rate * (DAY_LCM / BigInt(length));
    for (const [address, seconds] of unitSeconds) if (seconds !== 0n) accrued.set(address, (accrued.get(address) ?? 0n) + seconds * weight);
    // Events from `stop` on (asOf inside the day) belong to no counted period.
  }
  return accrued;
}

/** A holder's share in the currency's smallest unit. */
export interface Allocation {
  address: string;
  amount: bigint;
}

/**
 * Rounds exact numerators to the currency's smallest unit without losing anything: the total is
 * the exact total rounded down, each holder gets its exact share rounded down, and the units left
 * over go one each to the largest remainders (ties: the lower address). Sorted by address.
 */
export function allocate(accruals: Accruals, denominator: bigint, currencyDecimals: number): { total: bigint; items: Allocation[] } {
  const scale = 10n ** BigInt(currencyDecimals);
  let exactTotal = 0n;
  const rows: { address: string; amount: bigint; remainder: bigint }[] = [];
  for (const [address, numerator] of accruals) {
    if (numerator <= 0n) continue;
    exactTotal += numerator;
    const scaled = numerator * scale;
    rows.push({ address, amount: scaled / denominator, remainder: scaled % denominator });
  }
  const total = (exactTotal * scale) / denominator;
  let left = total - rows.reduce((sum, row) => sum + row.amount, 0n);
  rows.sort((a, b) => (a.remainder === b.remainder ? (a.address < b.address ? -1 : 1) : a.remainder > b.remainder ? -1 : 1));
  for (const row of rows) {
    if (left === 0n) break;
    row.amount += 1n;
    left -= 1n;
  }
  rows.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { total, items: rows.filter((row) => row.amount > 0n).map(({ address, amount }) => ({ address, amount })) };
}
