import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currencyDecimals, formatDecimal, formatNav, NAV_DECIMALS, numericToScaled } from '@rwa/common';
import { statusEventType, EventsService, type EventInput } from '@rwa/events';
import { FundsService, type FundEntity } from '@rwa/funds';
import type { SqlStatement } from '@rwa/database';
import { StablecoinPaymentsService } from '@rwa/stablecoins';
import type { OrderPaymentDto, OrderResponseDto } from './dtos/order.dto.js';
import type { OrderEntity } from './order.entity.js';

/** What formatting an order's amounts needs of its fund (neither ever changes). */
export type OrderFundFormat = Pick<FundEntity, 'currency' | 'unitDecimals'>;

/** The public representation of an order (GET /v1/orders/{id}), with its status history `events` and its stablecoin leg if it has one. */
export function orderView(
  order: OrderEntity,
  fund: OrderFundFormat,
  events: { from: string | null; to: string | null; at: string; reason: string | null }[],
  payment?: OrderPaymentDto,
): OrderResponseDto {
  const cashDecimals = currencyDecimals(fund.currency);
  return {
    id: order.id,
    type: order.type,
    status: order.status,
    fundId: order.fundId,
    investorId: order.investorId,
    walletId: order.walletId,
    currency: fund.currency,
    amount: order.amount === null ? null : formatDecimal(numericToScaled(order.amount, cashDecimals), cashDecimals),
    units: order.units === null ? null : formatDecimal(BigInt(order.units), fund.unitDecimals),
    nav: order.nav === null ? null : formatNav(numericToScaled(order.nav, NAV_DECIMALS)),
    navAsOf: order.navAsOf,
    cashRemainder: order.cashRemainder === null ? null : formatDecimal(numericToScaled(order.cashRemainder, cashDecimals), cashDecimals),
    dealingDate: order.dealingDate,
    cutOffAt: new Date(order.cutOffAt).toISOString(),
    settlementDate: order.settlementDate,
    paymentReference: order.paymentReference,
    refundReference: order.refundReference,
    txHash: order.txHash,
    failureCode: order.failureCode,
    events: events.map((event) => ({ from: event.from, to: event.to, at: event.at, reason: event.reason })),
    createdAt: order.createdAt.toISOString(),
    ...(payment ? { payment } : {}),
  };
}

/**
 * The event of an order entering its current status (`order.<status>`): the order as the API shows
 * it, without its history; the issuer of its fund and its distributor receive it.
 */
export function orderEvent(order: OrderEntity, fund: OrderFundFormat, at?: Date, payment?: OrderPaymentDto): EventInput {
  const { events: _history, ...data } = orderView(order, fund, [], payment);
  return {
    type: statusEventType('order', order.status),
    subject: { type: 'order', id: order.id },
    data,
    audience: { issuerId: order.issuerId, distributorId: order.distributorId },
    ...(at ? { occurredAt: at } : {}),
  };
}

/** Writes order events in the transaction of the status change, reading each fund's format once. */
@Injectable()
export class OrderEvents {
  private readonly formats = new Map<string, OrderFundFormat>();

  constructor(
    private readonly events: EventsService,
    private readonly funds: FundsService,
    private readonly stablecoinPayments: StablecoinPaymentsService,
  ) {}

  /** One event per order, each in its current status (the caller's transaction). */
  async emit(manager: EntityManager, orders: readonly OrderEntity[]): Promise<void> {
    if (orders.length === 0) return;
    const missing = [...new Set(orders.map((order) => order.fundId))].filter((id) => !this.formats.has(id));
    if (missing.length > 0) for (const [id, fund] of await this.funds.findByIds(missing, manager)) this.formats.set(id, { currency: fund.currency, unitDecimals: fund.unitDecimals });
    // A stablecoin order's event carries its payment leg, as the order's answer does.
    const payments = await this.stablecoinPayments.paymentsOf(orders.map((order) => order.id), manager);
    await this.events.emitMany(
      manager,
      orders.map((order) => {
        const payment = payments.get(order.id);
        return orderEvent(order, this.formats.get(order.fundId)!, undefined, payment ? this.stablecoinPayments.legOf(payment) : undefined);
      }),
    );
  }

  /** For a hot path's statement: the events of orders whose id the CTE `from` returns. */
  insertSql(statement: SqlStatement, from: string, events: readonly EventInput[]): string {
    return this.events.insertSql(statement, from, events);
  }
}
