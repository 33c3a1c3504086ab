import { contractErrorCode } from '../contract-error-code.js';

describe(contractErrorCode.name, () => {
  it('should turn a custom error name into an upper snake case problem code', () => {
    expect(contractErrorCode('FundTokenAccountFrozen')).toBe('FUND_TOKEN_ACCOUNT_FROZEN');
    expect(contractErrorCode('IdentityRegistryNotRegistered')).toBe('IDENTITY_REGISTRY_NOT_REGISTERED');
    expect(contractErrorCode('ERC20InsufficientBalance')).toBe('ERC20_INSUFFICIENT_BALANCE');
    expect(contractErrorCode('AccessControlUnauthorizedAccount')).toBe('ACCESS_CONTROL_UNAUTHORIZED_ACCOUNT');
  });

  it('should fall back to CONTRACT_REVERTED when the error could not be decoded', () => {
    expect(contractErrorCode(undefined)).toBe('CONTRACT_REVERTED');
  });
});
