import { keccak256, stringToHex, type Hex } from 'viem';

/** Investor classes as the identity registry stores them (uint8). */
export const INVESTOR_CLASS_CODES = { RETAIL: 1, PROFESSIONAL: 2, INSTITUTIONAL: 3 } as const;
export type InvestorClassName = keyof typeof INVESTOR_CLASS_CODES;

/** ISO-3166 alpha-2 jurisdiction as two ASCII bytes in a uint16 ("HK" = 0x484B). */
export function jurisdictionCode(jurisdiction: string): number {
  if (!/^[A-Z]{2}$/.test(jurisdiction)) throw new RangeError(`Not an ISO-3166 alpha-2 code: ${jurisdiction}`);
  return (jurisdiction.charCodeAt(0) << 8) | jurisdiction.charCodeAt(1);
}

/** The fund's eligible investor classes as a bitmask with bit (1 << class). */
export function investorClassMask(classes: readonly InvestorClassName[]): number {
  return classes.reduce((mask, name) => mask | (1 << INVESTOR_CLASS_CODES[name]), 0);
}

/** The on-chain identity of an investor: a hash, so no personal data reaches the chain. */
export function investorIdHash(investorId: string): Hex {
  return keccak256(stringToHex(`rwa-investor:${investorId}`));
}

/** A 32-byte on-chain reference of a platform id (a UUID, left-aligned). */
export function uuidToBytes32(id: string): Hex {
  const hex = id.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`Not a UUID: ${id}`);
  return `0x${hex.toLowerCase().padEnd(64, '0')}`;
}
