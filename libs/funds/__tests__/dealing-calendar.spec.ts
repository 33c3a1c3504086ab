import { dealingDateFor, isTimeZone } from '../dealing-calendar.js';

describe(dealingDateFor.name, () => {
  const hongKong = 'Asia/Hong_Kong';

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

  it('should recognise IANA time zones', () => {
    expect(isTimeZone(hongKong)).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
