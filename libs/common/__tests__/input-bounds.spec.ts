import { isCalendarDate, isDecimalWithin, isIsoDateTime } from '@rwa/common';

describe('isCalendarDate', () => {
  it('should accept dates that exist, leap days included', () => {
    expect(['2026-11-26', '2028-02-29', '0001-01-01', '9999-12-31'].filter(isCalendarDate)).toHaveLength(4);
  });

  it('should refuse dates that do not exist or are not YYYY-MM-DD', () => {
    const refused = ['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '2026-1-1', '+275760-09-13', '2026-11-26T00:00:00Z', 20261126, null];
    expect(refused.filter(isCalendarDate)).toEqual([]);
  });
});

describe('isIsoDateTime', () => {
  it('should accept instants with an existing date and an offset', () => {
    expect(['2027-12-31T00:00:00Z', '2027-12-31T23:59:59.123456+08:00', '2028-02-29T12:00Z'].filter(isIsoDateTime)).toHaveLength(3);
  });

  it('should refuse impossible dates, missing offsets and out-of-range years', () => {
    const refused = ['2026-02-30T00:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T00:00:00', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', '2026-11-26', ''];
    expect(refused.filter(isIsoDateTime)).toEqual([]);
  });
});

describe('isDecimalWithin', () => {
  it('should bound the digits before the point to what numeric(38, 8) holds', () => {
    expect(isDecimalWithin('9'.repeat(30), 8)).toBe(true);
    expect(isDecimalWithin(`${'9'.repeat(30)}.12345678`, 8)).toBe(true);
    expect(isDecimalWithin('9'.repeat(31), 8)).toBe(false);
    expect(isDecimalWithin(`${'9'.repeat(36)}.5`, 8)).toBe(false);
  });

  it('should refuse zero when the value must be positive, and too many decimals always', () => {
    expect(isDecimalWithin('0.000', 8, { positive: true })).toBe(false);
    expect(isDecimalWithin('0.001', 8, { positive: true })).toBe(true);
    expect(isDecimalWithin('0', 8)).toBe(true);
    expect(isDecimalWithin('1.123456789', 8)).toBe(false);
    expect(isDecimalWithin('-1', 8)).toBe(false);
    expect(isDecimalWithin(1, 8)).toBe(false);
  });
});
