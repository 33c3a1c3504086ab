/**
 * The dealing day of an order placed at `now`: today in the fund's time zone if before the
 * cut-off and a business day, otherwise the next business day. Weekends are not dealing days;
 * public holidays need a calendar the platform does not have yet.
 */
export function dealingDateFor(now: Date, cutOffTime: string, timezone: string): string {
  const parts = localClock(timezone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)!.value;
  const localDate = new Date(Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day'))));
  const localTime = `${part('hour')}:${part('minute')}`;
  if (localTime >= cutOffTime || !isBusinessDay(localDate)) localDate.setUTCDate(localDate.getUTCDate() + 1);
  while (!isBusinessDay(localDate)) localDate.setUTCDate(localDate.getUTCDate() + 1);
  return localDate.toISOString().slice(0, 10);
}

/** Building a formatter costs far more than using one: one per time zone, kept. */
const localClocks = new Map<string, Intl.DateTimeFormat>();

function localClock(timezone: string): Intl.DateTimeFormat {
  let clock = localClocks.get(timezone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    localClocks.set(timezone, clock);
  }
  return clock;
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

function isBusinessDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
