import type { RegistryIdentity } from '@rwa/chain';
import { KycStatus, type InvestorEntity } from '@rwa/investors';

/** Verified on chain while `block.timestamp < expiresAt`: the epoch is never. */
const NEVER = new Date(0);

/**
 * What the on-chain registry holds of a wallet's investor, derived from the investor's row alone:
 * jurisdiction and class as they are, and the expiry of the identity:
 * - KYC APPROVED: the KYC expiry (`kycExpiresAt`, whole seconds, rounded down), so the chain stops
 *   accepting the wallet as a recipient the moment the KYC lapses, without a job;
 * - KYC PENDING or REJECTED: the epoch, so the wallet is registered but not verified (it cannot
 *   receive units; burns never need a verified holder, so it can still redeem).
 * Registration and every later update use this one function, with the investor's registry version.
 */
export function registryIdentityOf(investor: InvestorEntity): RegistryIdentity {
  return {
    jurisdiction: investor.jurisdiction,
    investorClass: investor.investorClass,
    expiresAt: investor.kycStatus === KycStatus.APPROVED ? investor.kycExpiresAt : NEVER,
  };
}
