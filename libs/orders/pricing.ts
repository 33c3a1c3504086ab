import { ceilDiv, NAV_DECIMALS, pow10 } from '@rwa/common';

/** A subscription priced at a NAV: whole units in the token's smallest denomination. */
export interface SubscriptionPricing {
  /** Units to mint, scaled by the fund's unit decimals. */
  units: bigint;
  /** What those units cost, in the currency's minor units (rounded up, in the fund's favour). */
  cost: bigint;
  /** Cash left over, in minor units: recorded, never silently lost. */
  remainder: bigint;
}

/**
 * Units = floor(amount x 10^unitDecimals / NAV). Rounding is always in the fund's favour: the
 * investor never receives a fraction of a unit they did not pay for, and the remainder is recorded.
 * @param amount cash in minor units (scaled by `cashDecimals`)
 * @param nav NAV per unit scaled by NAV_DECIMALS
 */
export function priceSubscription(amount: bigint, cashDecimals: number, nav: bigint, unitDecimals: number): SubscriptionPricing {
  if (nav <= 0n) throw new RangeError('NAV must be positive');
  if (amount < 0n) throw new RangeError('Amount must not be negative');
  const scale = pow10(NAV_DECIMALS + unitDecimals);
  const cashScale = pow10(cashDecimals);
  const units = (amount * scale) / (nav * cashScale);
  const cost = ceilDiv(units * nav * cashScale, scale);
  return { units, cost, remainder: amount - cost };
}

/**
 * Cash paid out for redeemed units: floor(units x NAV), in the currency's minor units. Rounding
 * is in the fund's favour, as for subscriptions.
 * @param units units in the token's smallest denomination
 * @param nav NAV per unit scaled by NAV_DECIMALS
 */
export function priceRedemption(units: bigint, unitDecimals: number, nav: bigint, cashDecimals: number): bigint {
  if (nav <= 0n) throw new RangeError('NAV must be positive');
  if (units < 0n) throw new RangeError('Units must not be negative');
  return (units * nav * pow10(cashDecimals)) / pow10(NAV_DECIMALS + unitDecimals);
}
