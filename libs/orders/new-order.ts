import type { EntityManager } from 'typeorm';
import type { DealingSchedule, FundEntity } from '@rwa/funds';
import type { TravelRuleInfoDto } from '@rwa/kyt';
import { OrderEntity, type OrderStatus, type OrderType } from './order.entity.js';

/** An order as placed at `now`, in `status`, with its dealing schedule, before anything has priced or moved it. */
export function newOrder(
  manager: EntityManager,
  placed: {
    id: string;
    type: OrderType;
    status: OrderStatus;
    distributorId: string;
    fund: FundEntity;
    investorId: string;
    walletId: string;
    amount: string | null;
    units: string | null;
    travelRule?: TravelRuleInfoDto;
    now: Date;
    schedule: DealingSchedule;
  },
): OrderEntity {
  const { fund, travelRule, now, schedule } = placed;
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
    navAsOf: null,
    cashRemainder: null,
    dealingDate: schedule.dealingDate,
    cutOffAt: schedule.cutOffAt,
    settlementDate: schedule.settlementDate,
    referenceSeq: null,
    paymentReference: null,
    refundReference: null,
    travelRule: travelRule ? { originator: { ...travelRule.originator }, beneficiary: { ...travelRule.beneficiary } } : null,
    txHash: null,
    failureCode: null,
    createdAt: now,
    updatedAt: now,
  });
}
