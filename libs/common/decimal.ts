/**
 * Fixed-point decimal helpers. Money, units and NAV never touch floating point: the wire carries
 * decimal strings, Postgres `numeric`, TypeScript `bigint` scaled by a known number of decimals.
 */
const DECIMAL_STRING = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

/** The same, as the `pattern` of a decimal-string property in the OpenAPI document. */
export const DECIMAL_STRING_PATTERN = '^(0|[1-9][0-9]*)(\\.[0-9]+)?$';

/** True when `value` is a non-negative plain decimal string ("1000", "1000.50"). */
export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_STRING.test(value);
}

/** Number of fractional digits written in a decimal string. */
export function fractionDigits(value: string): number {
  const match = DECIMAL_STRING.exec(value);
  if (!match) throw new RangeError(`Not a decimal string: ${value}`);
  return match[2]?.length ?? 0;
}

/**
 * Parses a decimal string into an integer of `scale` fractional digits.
 * Throws when the string has more digits than the scale allows: silently rounding money is never right.
 * @example parseDecimal('1000.5', 2) === 100050n
 */
export function parseDecimal(value: string, scale: number): bigint {
  const match = DECIMAL_STRING.exec(value);
  if (!match) throw new RangeError(`Not a decimal string: ${value}`);
  const fraction = match[2] ?? '';
  if (fraction.length > scale) throw new RangeError(`${value} has more than ${scale} decimals`);
  return BigInt(match[1] + fraction.padEnd(scale, '0'));
}

/**
 * Formats a scaled integer as a decimal string with exactly `scale` fractional digits.
 * @example formatDecimal(100050n, 2) === '1000.50'
 */
export function formatDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : `.${digits.slice(-scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Integer division rounding up, for non-negative operands. */
export function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

export const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);
