import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';
import { getAddress, isAddress } from 'viem';

/** The platform stores and returns EVM addresses in their EIP-55 checksummed form. */
export function normalizeAddress(address: string): `0x${string}` {
  return getAddress(address);
}

/** Validates an EVM address (any case) and normalises it to its checksummed form. */
export function IsEvmAddress(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    Transform(({ value }) => (typeof value === 'string' && isAddress(value, { strict: false }) ? getAddress(value) : value))(
      target,
      propertyKey,
    );
    registerDecorator({
      name: 'isEvmAddress',
      target: target.constructor,
      propertyName: propertyKey.toString(),
      options: { message: `${propertyKey.toString()} must be an EVM address (0x followed by 40 hex digits)`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isAddress(value, { strict: false }) },
    });
  };
}
