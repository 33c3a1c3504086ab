// EIP-2612 permits: the typed data a wallet signs and the (v, r, s) a contract takes. Self-contained (viem only),
// so scripts/gas.ts, which runs on plain Node without the project's path aliases, can import it too.
import { compactSignatureToSignature, hashDomain, parseCompactSignature, parseSignature, type Address, type Hex } from 'viem';

/** The EIP-712 types of an EIP-2612 permit. */
export const EIP2612_PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** What an EIP-2612 permit authorises: `spender` may move `value` of `owner`'s tokens until `deadline`. */
export interface PermitMessage {
  owner: Address;
  spender: Address;
  /** In the token's base units. */
  value: bigint;
  /** The owner's current `nonces(owner)`: a permit applies once. */
  nonce: bigint;
  /** Unix seconds. */
  deadline: bigint;
}

/** The token's EIP-712 domain as a permit needs it. */
export interface PermitDomain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Address;
}

/** EIP-712 typed data of a permit, as `eth_signTypedData_v4` and viem's `signTypedData` take it. */
export interface PermitTypedData {
  domain: PermitDomain;
  types: typeof EIP2612_PERMIT_TYPES;
  primaryType: 'Permit';
  message: PermitMessage;
}

const EIP712_DOMAIN_TYPES = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const;

/** The EIP-712 domain separator of `domain`: what the token's DOMAIN_SEPARATOR() must return. */
export function permitDomainSeparator(domain: PermitDomain): Hex {
  return hashDomain({ domain: { ...domain, chainId: BigInt(domain.chainId) }, types: { EIP712Domain: EIP712_DOMAIN_TYPES } });
}

/** The typed data a wallet signs to grant a permit. */
export function permitTypedData(domain: PermitDomain, message: PermitMessage): PermitTypedData {
  return { domain, types: EIP2612_PERMIT_TYPES, primaryType: 'Permit', message };
}

/** A permit signature as the contracts take it. */
export interface PermitSignature {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/**
 * Splits a 65-byte (or EIP-2098 64-byte) signature into v, r, s; v is 27 or 28 whatever the wallet returned.
 * @throws when the signature is not a well-formed secp256k1 signature
 */
export function splitPermitSignature(signature: Hex, deadline: bigint): PermitSignature {
  // 64 bytes: EIP-2098 compact (the parity in the top bit of s), which some wallets return.
  const { r, s, v, yParity } =
    signature.length === 2 + 128 ? compactSignatureToSignature(parseCompactSignature(signature)) : parseSignature(signature);
  return { deadline, v: v === undefined ? 27 + (yParity ?? 0) : Number(v), r, s };
}
