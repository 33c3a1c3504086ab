import { BreakKind } from '../dtos/income.dto.js';
import { distributionItemId, heldBy } from '../distribution.service.js';
import type { Attribution } from '../income-ledger.js';
import { breaksOf } from '../reconciliation.service.js';

const clean: Attribution = {
  address: '0x0000000000000000000000000000000000000001',
  walletId: 'w',
  investorId: 'i',
  distributorId: 'd',
  preference: 'REINVEST',
  walletStatus: 'VERIFIED',
  frozen: false,
  kycApproved: true,
  blocklisted: false,
};

describe('heldBy', () => {
  it('should pay a verified, unfrozen, unlisted holder with approved KYC', () => {
    expect(heldBy(clean)).toBeNull();
  });

  it('should hold the payment of a holder that fails any control, naming the control', () => {
    expect(heldBy(undefined)).toBe('UNKNOWN_HOLDER');
    expect(heldBy({ ...clean, investorId: null })).toBe('UNKNOWN_HOLDER');
    expect(heldBy({ ...clean, blocklisted: true, frozen: true })).toBe('BLOCKLISTED');
    expect(heldBy({ ...clean, frozen: true })).toBe('WALLET_FROZEN');
    expect(heldBy({ ...clean, walletStatus: 'REVOKED' })).toBe('WALLET_NOT_VERIFIED');
    expect(heldBy({ ...clean, kycApproved: false })).toBe('KYC_NOT_APPROVED');
  });
});

describe('breaksOf', () => {
  const row = { address: '0xa', register: 5n, chain: 5n, ledger: 5n, known: true };

  it('should find nothing when the three sources agree for a known holder', () => {
    expect(breaksOf(row)).toEqual([]);
  });

  it('should name each source that disagrees with the chain, and units at an address no investor owns', () => {
    expect(breaksOf({ ...row, register: 6n })).toEqual([BreakKind.REGISTER_VS_CHAIN]);
    expect(breaksOf({ ...row, ledger: 4n })).toEqual([BreakKind.LEDGER_VS_CHAIN]);
    expect(breaksOf({ ...row, known: false })).toEqual([BreakKind.UNKNOWN_HOLDER]);
    expect(breaksOf({ ...row, chain: 0n, known: false })).toEqual([BreakKind.REGISTER_VS_CHAIN, BreakKind.LEDGER_VS_CHAIN]);
  });
});

describe('distributionItemId', () => {
  it('should give one stable UUID per distribution and holder, whatever the address case', () => {
    const id = distributionItemId('3f0a7c1e-0000-4000-8000-000000000000', '0xABCDEF0000000000000000000000000000000001');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(distributionItemId('3f0a7c1e-0000-4000-8000-000000000000', '0xabcdef0000000000000000000000000000000001')).toBe(id);
    expect(distributionItemId('3f0a7c1e-0000-4000-8000-000000000001', '0xabcdef0000000000000000000000000000000001')).not.toBe(id);
  });
});
