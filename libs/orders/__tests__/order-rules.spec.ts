import { FundStatus, type FundEntity } from '@rwa/funds';
import { OrderType } from '../order.entity.js';
import { estimatedUnits, fundRefusal, hasHolderLimits } from '../order-rules.js';

function fund(changes: Partial<FundEntity> = {}): FundEntity {
  return { id: 'f', status: FundStatus.ACTIVE, tokenPaused: false, tokenPauseTarget: false, maxHolders: null, maxUnitsPerHolder: null, ...changes } as FundEntity;
}

describe(fundRefusal.name, () => {
  it('should take every order of an ACTIVE fund', () => {
    expect(fundRefusal(fund(), OrderType.SUBSCRIPTION)).toBeNull();
    expect(fundRefusal(fund(), OrderType.REDEMPTION)).toBeNull();
  });

  it('should refuse every order of a PAUSED fund with FUND_PAUSED', () => {
    expect(fundRefusal(fund({ status: FundStatus.PAUSED, tokenPaused: true }), OrderType.SUBSCRIPTION)?.code).toBe('FUND_PAUSED');
    expect(fundRefusal(fund({ status: FundStatus.PAUSED, tokenPauseTarget: false, tokenPaused: true }), OrderType.REDEMPTION)?.code).toBe('FUND_PAUSED');
  });

  it('should take only redemptions of a CLOSED fund, once its token is unpaused', () => {
    expect(fundRefusal(fund({ status: FundStatus.CLOSED }), OrderType.SUBSCRIPTION)?.code).toBe('FUND_CLOSED');
    expect(fundRefusal(fund({ status: FundStatus.CLOSED }), OrderType.REDEMPTION)).toBeNull();
    expect(fundRefusal(fund({ status: FundStatus.CLOSED, tokenPaused: true }), OrderType.REDEMPTION)?.code).toBe('FUND_PAUSED');
  });

  it('should refuse orders of a fund not deployed or failed', () => {
    expect(fundRefusal(fund({ status: FundStatus.PENDING_DEPLOYMENT }), OrderType.SUBSCRIPTION)?.code).toBe('FUND_NOT_ACTIVE');
    expect(fundRefusal(fund({ status: FundStatus.FAILED }), OrderType.REDEMPTION)?.code).toBe('FUND_NOT_ACTIVE');
  });
});

describe(estimatedUnits.name, () => {
  it('should round down what the cash buys at the NAV, in the smallest unit', () => {
    expect(estimatedUnits('10100.00', 2, '1.01', 6)).toBe(10_000_000_000n);
    expect(estimatedUnits('1.00', 2, '3', 6)).toBe(333_333n);
    expect(estimatedUnits('1000', 0, '1.5', 0)).toBe(666n);
  });

  it('should know when a fund caps its holders', () => {
    expect(hasHolderLimits(fund())).toBe(false);
    expect(hasHolderLimits(fund({ maxHolders: 3 }))).toBe(true);
    expect(hasHolderLimits(fund({ maxUnitsPerHolder: '1' }))).toBe(true);
  });
});
