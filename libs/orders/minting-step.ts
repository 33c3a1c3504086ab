import { currencyDecimals, formatDecimal, formatNav, NAV_DECIMALS, numericToScaled } from '@rwa/common';
import type { FundEntity } from '@rwa/funds';
import { OrderStatus, type OrderEntity } from './order.entity.js';
import { priceSubscription } from './pricing.js';

/** A PRICING subscription priced at `nav`: its move to MINTING (the order reference is taken separately). */
export function mintingStep(
  order: OrderEntity,
  fund: FundEntity,
  nav: bigint,
  navAsOf: string,
): { to: OrderStatus; reason: string; changes: Pick<OrderEntity, 'nav' | 'navAsOf' | 'units' | 'cashRemainder'> } {
  const cashDecimals = currencyDecimals(fund.currency);
  const pricing = priceSubscription(numericToScaled(order.amount!, cashDecimals), cashDecimals, nav, fund.unitDecimals);
  return {
    to: OrderStatus.MINTING,
    reason: `priced at NAV ${formatNav(nav)} of ${navAsOf}`,
    changes: { nav: formatDecimal(nav, NAV_DECIMALS), navAsOf, units: pricing.units.toString(), cashRemainder: formatDecimal(pricing.remainder, cashDecimals) },
  };
}
