import fc from 'fast-check';
import { DECIMAL_STRING_PATTERN, decimalPattern, isDecimalString, isDecimalWithin } from '@rwa/common';

// The OpenAPI patterns must accept what the validators accept, and nothing else: a client that
// validates against the document must neither send what the API refuses nor refuse what it sends.
const candidates = fc.oneof(
  fc.stringMatching(/^-?[0-9]{0,33}(\.[0-9]{0,20})?$/),
  fc.constantFrom('0', '0.5', '00', '01', '1.', '.5', '1e5', ' 1', '1 ', '+1', '-0', '1,5', ''),
);

describe(decimalPattern.name, () => {
  it('should accept exactly what IsDecimalAmount accepts, for every number of decimals', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 18 }), (value, decimals) => {
        expect({ value, decimals, pattern: new RegExp(decimalPattern(decimals)).test(value) }).toEqual({ value, decimals, pattern: isDecimalWithin(value, decimals) });
      }),
      { numRuns: 2000 },
    );
  });

  it('should bound the digits before the point as the validator does', () => {
    expect(new RegExp(decimalPattern(2, 3)).test('999.99')).toBe(true);
    expect(new RegExp(decimalPattern(2, 3)).test('1000')).toBe(false);
    expect(isDecimalWithin('1000', 2, { integerDigits: 3 })).toBe(false);
  });
});

describe('DECIMAL_STRING_PATTERN', () => {
  it('should accept exactly the decimal strings of isDecimalString', () => {
    fc.assert(
      fc.property(candidates, (value) => {
        expect({ value, pattern: new RegExp(DECIMAL_STRING_PATTERN).test(value) }).toEqual({ value, pattern: isDecimalString(value) });
      }),
      { numRuns: 2000 },
    );
  });
});
