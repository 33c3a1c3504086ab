import { DomainException } from '@rwa/common';

export enum ChainErrorCode {
  /** The contract refused the call; retrying cannot help. */
  CONTRACT_REVERTED = 'CONTRACT_REVERTED',
  /** The platform contracts are not deployed on the configured chain (run setup). */
  PLATFORM_CONTRACTS_MISSING = 'PLATFORM_CONTRACTS_MISSING',
  /** The RPC endpoint serves another chain than configured. */
  CHAIN_ID_MISMATCH = 'CHAIN_ID_MISMATCH',
}

export class ChainException extends DomainException<ChainErrorCode> {
  constructor(
    code: ChainErrorCode,
    message: string,
    /** For CONTRACT_REVERTED: the custom error's name, when decoded. */
    readonly errorName?: string,
  ) {
    super(code, message);
  }
}
