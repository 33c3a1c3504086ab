/**
 * The problem code of a contract custom error: its name in upper snake case, so a revert of
 * `FundTokenMaxHoldersExceeded` reaches API clients as `FUND_TOKEN_MAX_HOLDERS_EXCEEDED`.
 * @example contractErrorCode('IdentityRegistryNotRegistered') === 'IDENTITY_REGISTRY_NOT_REGISTERED'
 */
export function contractErrorCode(errorName: string | undefined): string {
  if (!errorName) return 'CONTRACT_REVERTED';
  return errorName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}
