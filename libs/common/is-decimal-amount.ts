import { registerDecorator, type ValidationOptions } from 'class-validator';
import { fractionDigits, isDecimalString } from './decimal.js';

/**
 * Integer digits a decimal field may have by default: what the money and NAV columns hold
 * (`numeric(38, 8)`: 30 digits before the point). A longer value would fail in Postgres (500).
 */
export const DEFAULT_INTEGER_DIGITS = 30;

export interface DecimalBounds {
  /** Digits allowed before the decimal point (default DEFAULT_INTEGER_DIGITS). */
  integerDigits?: number;
  /** Zero is refused (a NAV, a threshold a column CHECKs > 0, an order amount). */
  positive?: boolean;
}

/** The OpenAPI `pattern` of a decimal string that IsDecimalAmount(maxDecimals, { integerDigits }) accepts. */
export function decimalPattern(maxDecimals: number, integerDigits: number = DEFAULT_INTEGER_DIGITS): string {
  const fraction = maxDecimals > 0 ? `(\\.[0-9]{1,${maxDecimals}})?` : '';
  return `^(0|[1-9][0-9]{0,${integerDigits - 1}})${fraction}$`;
}

/** True for a decimal string within the bounds: at most `maxDecimals` fractional digits. */
export function isDecimalWithin(value: unknown, maxDecimals: number, bounds: DecimalBounds = {}): value is string {
  if (!isDecimalString(value) || fractionDigits(value) > maxDecimals) return false;
  const integerPart = value.split('.')[0]!;
  if (integerPart.length > (bounds.integerDigits ?? DEFAULT_INTEGER_DIGITS)) return false;
  return !bounds.positive || /[1-9]/.test(value);
}

/**
 * Validates a non-negative decimal string ("1000.50") with at most `maxDecimals` fractional digits
 * and at most `integerDigits` before the point (default: what numeric(38, 8) holds).
 */
export function IsDecimalAmount(maxDecimals: number, options?: ValidationOptions & DecimalBounds): PropertyDecorator {
  const { integerDigits, positive, ...validation } = options ?? {};
  const bounds = { integerDigits, positive };
  const digits = integerDigits ?? DEFAULT_INTEGER_DIGITS;
  return (target: object, propertyKey: string | symbol) => {
    registerDecorator({
      name: 'isDecimalAmount',
      target: target.constructor,
      propertyName: propertyKey.toString(),
      options: {
        message: `${propertyKey.toString()} must be a ${positive ? 'positive ' : ''}decimal string such as "1000.50" with at most ${digits} digits before the point and ${maxDecimals} decimals`,
        ...validation,
      },
      validator: { validate: (value: unknown) => isDecimalWithin(value, maxDecimals, bounds) },
    });
  };
}
