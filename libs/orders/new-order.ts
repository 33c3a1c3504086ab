import type { EntityManager } from 'typeorm';
import { dealingDateFor, type FundEntity } from '@rwa/funds';
import type { TravelRuleInfoDto } from '@rwa/kyt';
import { OrderEntity, type OrderStatus, type OrderType } from './order.entity.js';

/** An order as placed at `now`, in `status`, before anything has priced or moved it. */
export function newOrder(
  manager: EntityManager,
  placed: { id: string; type: OrderType; status: OrderStatus; distributorId: string; fund: FundEntity; investorId: string; walletId: string; amount: string | null; units: string | null; travelRule?: TravelRuleInfoDto; now: Date },
): OrderEntity {
  const { fund, travelRule, now } = placed;
  return manager.create(OrderEntity, {
    id: placed.id,
    type: placed.type,
    status: placed.status,
    distributorId: placed.distributorId,
    issuerId: fund.issuerId,
    fundId: fund.id,
    investorId: placed.investorId,
    walletId: placed.walletId,
    amount: placed.amount,
    units: placed.units,
    nav: null,
    cashRemainder: null,
    dealingDate: dealingDateFor(now, fund.cutOffTime, fund.timezone),
    referenceSeq: null,
    paymentReference: null,
    travelRule: travelRule ? { originator: { ...travelRule.originator }, beneficiary: { ...travelRule.beneficiary } } : null,
    txHash: null,
    failureCode: null,
    createdAt: now,
    updatedAt: now,
  });
}
