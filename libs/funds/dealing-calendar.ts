/**
 * Dealing-date arithmetic. Dates are `YYYY-MM-DD` strings of the fund's own calendar day (its time
 * zone), never instants; instants (the cut-off) are Dates in UTC. A business day is a day that
 * is neither one of the calendar's weekend days (Saturday and Sunday unless it says otherwise)
 * nor one of its holidays.
 */

/** What makes a day a non-business day in a calendar: its weekend days and its holidays. */
export interface Holidays {
  /** `YYYY-MM-DD` dates. */
  readonly dates: ReadonlySet<string>;
  /** Days of the week that are never business days (0 = Sunday ... 6 = Saturday). */
  readonly weekendDays: ReadonlySet<number>;
}

/** The usual Saturday and Sunday weekend. */
export const SATURDAY_SUNDAY: readonly number[] = [6, 0];

/** A calendar's non-business days from its holidays and weekend days (default Saturday and Sunday). */
export function holidaysOf(dates: Iterable<string>, weekendDays: Iterable<number> = SATURDAY_SUNDAY): Holidays {
  return { dates: new Set(dates), weekendDays: new Set(weekendDays) };
}

/** What decides an order's dates: the fund's cut-off in its time zone, its calendar and its settlement cycle. */
export interface DealingTerms {
  cutOffTime: string;
  timezone: string;
  settlementDays: number;
  holidays: Holidays;
}

/** An order's dealing schedule (api-contract.md "Dealing, NAV and fund lifecycle"). */
export interface DealingSchedule {
  /** The business day whose cut-off the order made. */
  dealingDate: string;
  /** That day's cut-off as an instant. */
  cutOffAt: Date;
  /** The dealing date plus the fund's settlement days, in business days. */
  settlementDate: string;
}

/** No calendar has a year of holidays in a row: a search past this many days means a broken calendar. */
const MAX_DAYS_SEARCHED = 400;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The dealing date, cut-off and settlement date of an order placed at `now`. */
export function dealingScheduleFor(now: Date, terms: DealingTerms): DealingSchedule {
  const dealingDate = dealingDateFor(now, terms.cutOffTime, terms.timezone, terms.holidays);
  return {
    dealingDate,
    cutOffAt: cutOffInstant(dealingDate, terms.cutOffTime, terms.timezone),
    settlementDate: addBusinessDays(dealingDate, terms.settlementDays, terms.holidays),
  };
}

/**
 * The dealing day of an order placed at `now`: today in the fund's time zone if today is a
 * business day and the cut-off has not passed (an order at the cut-off minute is late), otherwise
 * the next business day.
 */
export function dealingDateFor(now: Date, cutOffTime: string, timezone: string, holidays: Holidays = NO_HOLIDAYS): string {
  const { date, time } = localDateTime(now, timezone);
  if (time < cutOffTime && isBusinessDay(date, holidays)) return date;
  return nextBusinessDay(date, holidays);
}

/** The business day after `date` (which need not be one). */
export function nextBusinessDay(date: string, holidays: Holidays = NO_HOLIDAYS): string {
  let day = addDays(date, 1);
  for (let searched = 0; !isBusinessDay(day, holidays); searched++) {
    if (searched > MAX_DAYS_SEARCHED) throw new RangeError(`No business day within ${MAX_DAYS_SEARCHED} days after ${date}`);
    day = addDays(day, 1);
  }
  return day;
}

/** `date` plus `days` business days (`date` itself when `days` is 0). */
export function addBusinessDays(date: string, days: number, holidays: Holidays = NO_HOLIDAYS): string {
  let day = date;
  for (let added = 0; added < days; added++) day = nextBusinessDay(day, holidays);
  return day;
}

/** Neither a weekend day nor a holiday of the calendar. */
export function isBusinessDay(date: string, holidays: Holidays = NO_HOLIDAYS): boolean {
  return !holidays.weekendDays.has(new Date(`${date}T00:00:00Z`).getUTCDay()) && !holidays.dates.has(date);
}

/** Today's date in `timezone`. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return localDateTime(now, timezone).date;
}

/**
 * The instant at which the clock in `timezone` shows `time` (HH:MM) on `date`. Where a daylight
 * saving change skips that local time, the instant just after the gap; where it repeats it, the
 * first of the two.
 */
export function cutOffInstant(date: string, time: string, timezone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // The zone's offset at the wall time read as UTC, then at the instant that gives: two rounds
  // settle every real zone (offsets change at most once around any instant of interest).
  let instant = wall - offsetAt(wall, timezone);
  instant = wall - offsetAt(instant, timezone);
  const shown = localDateTime(new Date(instant), timezone);
  if (shown.date !== date || shown.time !== time) {
    // A skipped local time (spring forward): read with the offset before the gap, it lands as far
    // after the gap as the wall time is after its start (02:30 in a 02:00-03:00 gap is 03:30).
    return new Date(wall - offsetAt(wall - 86_400_000, timezone));
  }
  // A repeated local time (fall back): the earlier instant if it shows the same wall time.
  const earlier = instant - 3_600_000;
  const shownEarlier = localDateTime(new Date(earlier), timezone);
  return shownEarlier.date === date && shownEarlier.time === time ? new Date(earlier) : new Date(instant);
}

/** The local date and HH:MM time of `now` in `timezone`. */
export function localDateTime(now: Date, timezone: string): { date: string; time: string } {
  const parts = localClock(timezone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** True for a valid IANA time zone name. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

const NO_HOLIDAYS: Holidays = holidaysOf([]);

/** Milliseconds the zone's clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timezone: string): number {
  const parts = localClock(timezone, true).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Building a formatter costs far more than using one: one per time zone, kept. */
const localClocks = new Map<string, Intl.DateTimeFormat>();

function localClock(timezone: string, seconds = false): Intl.DateTimeFormat {
  const key = `${timezone}${seconds ? ':s' : ''}`;
  let clock = localClocks.get(key);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    localClocks.set(key, clock);
  }
  return clock;
}
