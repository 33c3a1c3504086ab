import { registerDecorator, type ValidationOptions } from 'class-validator';
import { fractionDigits, isDecimalString } from './decimal.js';

/** Validates a non-negative decimal string with at most `maxDecimals` fractional digits. */
export function IsDecimalAmount(maxDecimals: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    registerDecorator({
      name: 'isDecimalAmount',
      target: target.constructor,
      propertyName: propertyKey.toString(),
      options: {
        message: `${propertyKey.toString()} must be a decimal string such as "1000.50" with at most ${maxDecimals} decimals`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => isDecimalString(value) && fractionDigits(value) <= maxDecimals && value.length <= 40,
      },
    });
  };
}
