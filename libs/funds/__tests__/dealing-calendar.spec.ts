import { parseNav } from '@rwa/common';
import { HK_GENERAL_HOLIDAYS } from '../data/hk-general-holidays.js';
import { isWithinTolerance } from '../funds.service.js';
import { addBusinessDays, cutOffInstant, dealingDateFor, dealingScheduleFor, holidaysOf, isBusinessDay, isCalendarDate, isTimeZone, nextBusinessDay, todayIn } from '../dealing-calendar.js';

const hongKong = 'Asia/Hong_Kong';
const hk = holidaysOf(HK_GENERAL_HOLIDAYS.holidays);

describe(dealingDateFor.name, () => {
  it('should deal today before the cut-off', () => {
    // Thursday 2026-11-26 15:59 in Hong Kong (07:59 UTC).
    expect(dealingDateFor(new Date('2026-11-26T07:59:00Z'), '16:00', hongKong)).toBe('2026-11-26');
  });

  it('should deal on the next business day at or after the cut-off', () => {
    expect(dealingDateFor(new Date('2026-11-26T08:00:00Z'), '16:00', hongKong)).toBe('2026-11-27');
  });

  it('should roll Friday after cut-off and the weekend to Monday', () => {
    expect(dealingDateFor(new Date('2026-11-27T09:00:00Z'), '16:00', hongKong)).toBe('2026-11-30');
    expect(dealingDateFor(new Date('2026-11-28T02:00:00Z'), '16:00', hongKong)).toBe('2026-11-30');
  });

  it('should use the fund time zone, not UTC', () => {
    // 23:30 UTC on Wednesday is 07:30 Thursday in Hong Kong.
    expect(dealingDateFor(new Date('2026-11-25T23:30:00Z'), '16:00', hongKong)).toBe('2026-11-26');
  });

  it('should skip the holidays of the calendar', () => {
    // Monday 2026-02-16 after the cut-off: 17-19 Feb are Lunar New Year, 20 Feb is a Friday.
    expect(dealingDateFor(new Date('2026-02-16T09:00:00Z'), '16:00', hongKong, hk)).toBe('2026-02-20');
    // An order placed on a holiday morning deals on the next business day.
    expect(dealingDateFor(new Date('2026-02-18T01:00:00Z'), '16:00', hongKong, hk)).toBe('2026-02-20');
    // Easter 2026 with Ching Ming on Sunday: Fri 3, Sat 4, Mon 6 and Tue 7 April are holidays.
    expect(dealingDateFor(new Date('2026-04-02T09:00:00Z'), '16:00', hongKong, hk)).toBe('2026-04-08');
  });
});

describe(addBusinessDays.name, () => {
  it('should count business days only, skipping weekends and holidays', () => {
    expect(addBusinessDays('2026-11-26', 0, hk)).toBe('2026-11-26');
    expect(addBusinessDays('2026-11-27', 1, hk)).toBe('2026-11-30');
    expect(addBusinessDays('2026-12-24', 1, hk)).toBe('2026-12-28');
    expect(addBusinessDays('2026-02-16', 2, hk)).toBe('2026-02-23');
    expect(addBusinessDays('2027-02-05', 1, hk)).toBe('2027-02-10');
  });

  it('should follow a calendar with other weekend days, or none', () => {
    // A Friday-Saturday weekend: Thursday after the cut-off deals on Sunday.
    expect(dealingDateFor(new Date('2026-11-26T09:00:00Z'), '16:00', hongKong, holidaysOf([], [5, 6]))).toBe('2026-11-29');
    // No weekend at all: Saturday is a business day.
    expect(addBusinessDays('2026-11-27', 1, holidaysOf([], []))).toBe('2026-11-28');
  });

  it('should refuse a calendar with no business day in sight', () => {
    const everyDay = holidaysOf(Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(() => nextBusinessDay('2026-01-01', everyDay)).toThrow(RangeError);
  });
});

describe(isBusinessDay.name, () => {
  it('should know the Hong Kong general holidays of 2026 and 2027', () => {
    for (const holiday of ['2026-01-01', '2026-02-17', '2026-04-06', '2026-04-07', '2026-05-25', '2026-10-19', '2027-02-09', '2027-03-29', '2027-12-27']) {
      expect({ holiday, business: isBusinessDay(holiday, hk) }).toEqual({ holiday, business: false });
    }
    // 5 April 2026 (Ching Ming) is a Sunday and 24 May (Buddha) too: not business days either way.
    expect(isBusinessDay('2026-04-05', hk)).toBe(false);
    expect(isBusinessDay('2026-04-08', hk)).toBe(true);
    expect(isBusinessDay('2027-02-10', hk)).toBe(true);
  });

  it('should list only real dates, each once, in order, within 2026 and 2027', () => {
    const dates = [...HK_GENERAL_HOLIDAYS.holidays];
    expect(dates.every(isCalendarDate)).toBe(true);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((date) => date.startsWith('2026-') || date.startsWith('2027-'))).toBe(true);
    // No Sunday is listed: the Ordinance substitutes the next day instead.
    expect(dates.filter((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 0)).toEqual([]);
  });
});

describe(cutOffInstant.name, () => {
  it('should place the cut-off in the fund time zone (Hong Kong has no daylight saving)', () => {
    expect(cutOffInstant('2026-11-26', '16:00', hongKong).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(cutOffInstant('2026-07-01', '16:00', hongKong).toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('should follow daylight saving in a zone that has it', () => {
    // London: GMT in winter, BST (UTC+1) in summer.
    expect(cutOffInstant('2026-01-15', '12:00', 'Europe/London').toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(cutOffInstant('2026-07-15', '12:00', 'Europe/London').toISOString()).toBe('2026-07-15T11:00:00.000Z');
    // New York on the days the clocks change (8 March and 1 November 2026).
    expect(cutOffInstant('2026-03-08', '16:00', 'America/New_York').toISOString()).toBe('2026-03-08T20:00:00.000Z');
    expect(cutOffInstant('2026-11-01', '16:00', 'America/New_York').toISOString()).toBe('2026-11-01T21:00:00.000Z');
  });

  it('should take the later side of a skipped local time and the first of a repeated one', () => {
    // 02:30 does not exist in New York on 8 March 2026 (02:00 -> 03:00 EDT): 03:30 EDT.
    expect(cutOffInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first, in EDT.
    expect(cutOffInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('should work east of Greenwich across the date line', () => {
    // Auckland in December is UTC+13: 09:00 local is 20:00 UTC the day before.
    expect(cutOffInstant('2026-12-02', '09:00', 'Pacific/Auckland').toISOString()).toBe('2026-12-01T20:00:00.000Z');
  });
});

describe(dealingScheduleFor.name, () => {
  it('should give the dealing date, its cut-off and the settlement date', () => {
    const schedule = dealingScheduleFor(new Date('2026-12-24T09:00:00Z'), { cutOffTime: '16:00', timezone: hongKong, settlementDays: 2, holidays: hk });
    // Thursday 24 Dec after the cut-off: 25 and 26 Dec are holidays, so Monday 28 deals; T+2 is Wednesday 30.
    expect(schedule).toEqual({ dealingDate: '2026-12-28', cutOffAt: new Date('2026-12-28T08:00:00Z'), settlementDate: '2026-12-30' });
  });

  it('should deal in New York time across daylight saving', () => {
    // Friday 2026-03-06 15:00 EST (20:00 UTC) before a 16:00 cut-off; T+1 skips the weekend.
    const schedule = dealingScheduleFor(new Date('2026-03-06T20:00:00Z'), { cutOffTime: '16:00', timezone: 'America/New_York', settlementDays: 1, holidays: holidaysOf([]) });
    expect(schedule).toEqual({ dealingDate: '2026-03-06', cutOffAt: new Date('2026-03-06T21:00:00Z'), settlementDate: '2026-03-09' });
    // The same order an hour later misses the cut-off and deals on Monday, after the change to EDT.
    const late = dealingScheduleFor(new Date('2026-03-06T21:00:00Z'), { cutOffTime: '16:00', timezone: 'America/New_York', settlementDays: 0, holidays: holidaysOf([]) });
    expect(late).toEqual({ dealingDate: '2026-03-09', cutOffAt: new Date('2026-03-09T20:00:00Z'), settlementDate: '2026-03-09' });
  });
});

describe(isCalendarDate.name, () => {
  it('should accept real dates and refuse impossible or malformed ones', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('should recognise IANA time zones and give today in one', () => {
    expect(isTimeZone(hongKong)).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(todayIn(hongKong, new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(todayIn('America/New_York', new Date('2026-11-26T03:00:00Z'))).toBe('2026-11-25');
  });
});

describe(isWithinTolerance.name, () => {
  const nav = (value: string) => parseNav(value);

  it('should accept a move up to the tolerance, either way, and refuse one beyond it', () => {
    expect(isWithinTolerance(nav('1'), nav('1.02'), '2.00')).toBe(true);
    expect(isWithinTolerance(nav('1'), nav('0.98'), '2.00')).toBe(true);
    expect(isWithinTolerance(nav('1'), nav('1.02000001'), '2.00')).toBe(false);
    expect(isWithinTolerance(nav('1'), nav('0.97999999'), '2')).toBe(false);
    expect(isWithinTolerance(nav('100'), nav('100.25'), '0.25')).toBe(true);
    expect(isWithinTolerance(nav('100'), nav('100.26'), '0.25')).toBe(false);
  });
});
