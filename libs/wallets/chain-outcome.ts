import type { EntityManager } from 'typeorm';
import { ChainErrorCode, ChainException, contractErrorCode } from '@rwa/chain';
import { AlertSeverity, AlertSubjectType, type KytService } from '@rwa/kyt';

/** The reason code of the alert that a refused registry or freeze write of a wallet raises. */
export const CHAIN_WRITE_REFUSED = 'CHAIN_WRITE_REFUSED';

/**
 * The problem code of a contract revert (permanent: retrying cannot help), or null for anything
 * else (RPC trouble, a pending transaction: the job is retried).
 * @example revertCodeOf(new ChainException(CONTRACT_REVERTED, '...', 'IdentityRegistryStaleBinding')) === 'IDENTITY_REGISTRY_STALE_BINDING'
 */
export function revertCodeOf(error: unknown): string | null {
  return error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED ? contractErrorCode(error.errorName) : null;
}

/**
 * Raises the ops alert of a chain write the contract refused, in the caller's transaction: the job
 * ends there (no retry), and an officer sees what the chain said.
 */
export async function raiseChainWriteRefused(kyt: KytService, manager: EntityManager, walletId: string, message: string): Promise<void> {
  await kyt.raiseAlert(manager, AlertSubjectType.WALLET, walletId, {
    clean: false,
    severity: AlertSeverity.MEDIUM,
    score: 0,
    reasons: [{ code: CHAIN_WRITE_REFUSED, message }],
  });
}
