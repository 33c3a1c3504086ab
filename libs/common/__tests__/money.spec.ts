import { ceilDiv, currencyDecimals, formatDecimal, formatNav, isDecimalString, numericToScaled, parseDecimal, parseNav } from '@rwa/common';
import { assertTransition, InvalidTransitionError, StateMachine } from '@rwa/common';
import { decodeCursor, encodeCursor, toPage } from '@rwa/common';

describe('decimal', () => {
  describe('parseDecimal', () => {
    it('should scale a decimal string to an integer', () => {
      expect(parseDecimal('1000.5', 2)).toBe(100050n);
      expect(parseDecimal('0.01', 2)).toBe(1n);
      expect(parseDecimal('12', 0)).toBe(12n);
      expect(parseDecimal('123456789012345678901234567890.123456', 6)).toBe(123456789012345678901234567890123456n);
    });

    it('should refuse more decimals than the scale instead of rounding', () => {
      expect(() => parseDecimal('1.005', 2)).toThrow(RangeError);
    });

    it.each(['-1', '1e3', '01', '1.', '.5', ' 1', 'abc', ''])('should refuse %p', (value) => {
      expect(isDecimalString(value)).toBe(false);
      expect(() => parseDecimal(value, 2)).toThrow(RangeError);
    });
  });

  describe('formatDecimal', () => {
    it('should write exactly the scale', () => {
      expect(formatDecimal(100050n, 2)).toBe('1000.50');
      expect(formatDecimal(5n, 6)).toBe('0.000005');
      expect(formatDecimal(7n, 0)).toBe('7');
      expect(formatDecimal(-150n, 2)).toBe('-1.50');
    });

    it('should round-trip with parseDecimal', () => {
      for (const value of ['0.00', '1.23', '999999999999.99']) expect(formatDecimal(parseDecimal(value, 2), 2)).toBe(value);
    });
  });

  describe('ceilDiv', () => {
    it('should round up only when there is a remainder', () => {
      expect(ceilDiv(10n, 5n)).toBe(2n);
      expect(ceilDiv(11n, 5n)).toBe(3n);
      expect(ceilDiv(0n, 5n)).toBe(0n);
    });
  });
});

describe('money', () => {
  it('should know the minor units of a currency', () => {
    expect(currencyDecimals('HKD')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
  });

  it('should show NAVs with at least 6 and at most 8 decimals', () => {
    expect(formatNav(parseNav('1'))).toBe('1.000000');
    expect(formatNav(parseNav('10.12345678'))).toBe('10.12345678');
    expect(formatNav(parseNav('1.0000001'))).toBe('1.0000001');
  });

  it('should read Postgres numeric text whatever its trailing zeros', () => {
    expect(numericToScaled('1000.50000000', 2)).toBe(100050n);
    expect(numericToScaled('1000', 2)).toBe(100000n);
    expect(() => numericToScaled('1.001', 2)).toThrow(RangeError);
  });
});

describe(StateMachine.name, () => {
  const sut = new StateMachine<'A' | 'B' | 'C'>('thing', { A: ['B'], B: ['C'], C: [] });

  it('should allow only the declared edges', () => {
    expect(assertTransition(sut, 'A', 'B')).toBe('B');
    expect(() => assertTransition(sut, 'A', 'C')).toThrow(InvalidTransitionError);
    expect(() => assertTransition(sut, 'C', 'A')).toThrow('A thing in status C cannot move to A');
  });

  it('should call a state without edges terminal', () => {
    expect(sut.isTerminal('C')).toBe(true);
    expect(sut.isTerminal('A')).toBe(false);
  });
});

describe('pagination', () => {
  it('should round-trip a cursor and reject a forged one', () => {
    const cursor = { createdAt: '2026-11-26T00:00:00.123456Z', id: '6f1c3a52-8d7e-4b9a-9c1d-2e3f4a5b6c7d' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
  });

  it('should keep the microseconds of a cursor and refuse one that names no instant or id', () => {
    const id = '6f1c3a52-8d7e-4b9a-9c1d-2e3f4a5b6c7d';
    expect(decodeCursor(encodeCursor({ createdAt: '2026-11-26T00:00:00.000001Z', id }))?.createdAt).toBe('2026-11-26T00:00:00.000001Z');
    expect(decodeCursor(encodeCursor({ createdAt: '2026-02-30T00:00:00.000000Z', id }))).toBeUndefined();
    expect(decodeCursor(encodeCursor({ createdAt: '2026-11-26T00:00:00.000000Z', id: 'not-a-uuid' }))).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeUndefined();
    expect(decodeCursor('!!!')).toBeUndefined();
  });

  it('should give a next cursor only when there are more rows', () => {
    const rows = [1, 2, 3].map((n) => ({ id: String(n) }));
    const full = toPage(rows, 2, (row) => row.id, (row) => `after-${row.id}`);
    expect(full).toEqual({ items: ['1', '2'], nextCursor: 'after-2' });
    expect(toPage(rows, 3, (row) => row.id, (row) => `after-${row.id}`).nextCursor).toBeNull();
  });
});
