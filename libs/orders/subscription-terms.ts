import { currencyDecimals, formatDecimal, fractionDigits, InputValidationException, numericToScaled, parseDecimal } from '@rwa/common';
import type { FundEntity, InvestorClass } from '@rwa/funds';
import type { InvestorEntity } from '@rwa/investors';
import { OrdersErrorCode, OrdersException } from './orders.exception.js';

/**
 * Why `investor` may not subscribe to `fund` at `now`, or null: no approved, unexpired KYC, or a
 * jurisdiction or class the fund does not take. Placement and payment confirmation both ask.
 */
export function investorRefusal(fund: FundEntity, investor: InvestorEntity, now: Date): OrdersException | null {
  if (!investor.isKycValid(now)) return new OrdersException(OrdersErrorCode.KYC_NOT_APPROVED, 'The investor has no approved, unexpired KYC');
  if (!fund.eligibleJurisdictions.includes(investor.jurisdiction) || !fund.eligibleInvestorClasses.includes(investor.investorClass as InvestorClass)) {
    return new OrdersException(OrdersErrorCode.INVESTOR_NOT_ELIGIBLE, `A ${investor.investorClass} investor in ${investor.jurisdiction} may not invest in this fund`);
  }
  return null;
}

/**
 * A subscription's cash amount after the investor and fund rules.
 * @throws InputValidationException, OrdersException KYC_NOT_APPROVED, INVESTOR_NOT_ELIGIBLE, BELOW_MINIMUM
 */
export function subscriptionTerms(fund: FundEntity, investor: InvestorEntity, amountText: string, now: Date): { amount: string; units: null } {
  const cashDecimals = currencyDecimals(fund.currency);
  if (fractionDigits(amountText) > cashDecimals) {
    throw new InputValidationException([{ field: 'amount', message: `amount may have at most ${cashDecimals} decimals in ${fund.currency}` }]);
  }
  if (amountText.split('.')[0]!.length > 30) throw new InputValidationException([{ field: 'amount', message: 'amount may have at most 30 digits before the point' }]);
  const amount = parseDecimal(amountText, cashDecimals);
  const refusal = investorRefusal(fund, investor, now);
  if (refusal) throw refusal;
  const minimum = numericToScaled(fund.minSubscription, cashDecimals);
  if (amount < minimum) {
    throw new OrdersException(OrdersErrorCode.BELOW_MINIMUM, `The minimum subscription is ${formatDecimal(minimum, cashDecimals)} ${fund.currency}`);
  }
  return { amount: formatDecimal(amount, cashDecimals), units: null };
}
