import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { currencyDecimals, formatDecimal, formatNav, InputValidationException, numericToScaled, type Actor } from '@rwa/common';
import { FundsService, isCalendarDate } from '@rwa/funds';
import type { DealingSummaryDto } from './dtos/order.dto.js';

/** Orders of a dealing day that are or will be dealt (cash in, units out or the reverse). */
const SUBSCRIPTIONS_DEALT = `type = 'SUBSCRIPTION' AND status NOT IN ('CANCELLED', 'REJECTED', 'REFUND_PENDING', 'REFUNDED', 'FAILED')`;
const REDEMPTIONS_DEALT = `type = 'REDEMPTION' AND status NOT IN ('CANCELLED', 'REJECTED', 'FAILED')`;

/** The issuer's view of one fund's dealing day: what was subscribed and redeemed, at which NAV, in which states. */
@Injectable()
export class DealingSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
  ) {}

  async summary(actor: Actor, fundId: string, dealingDate: string): Promise<DealingSummaryDto> {
    if (!isCalendarDate(dealingDate)) throw new InputValidationException([{ field: 'date', message: 'date must be a calendar date YYYY-MM-DD' }]);
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    const [row] = (await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE ${SUBSCRIPTIONS_DEALT})::int AS sub_count,
         coalesce(sum(amount) FILTER (WHERE ${SUBSCRIPTIONS_DEALT}), 0)::text AS sub_amount,
         coalesce(sum(units) FILTER (WHERE ${SUBSCRIPTIONS_DEALT}), 0)::text AS sub_units,
         count(*) FILTER (WHERE ${REDEMPTIONS_DEALT})::int AS red_count,
         coalesce(sum(amount) FILTER (WHERE ${REDEMPTIONS_DEALT}), 0)::text AS red_amount,
         coalesce(sum(units) FILTER (WHERE ${REDEMPTIONS_DEALT}), 0)::text AS red_units,
         coalesce((SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM orders WHERE fund_id = $1 AND dealing_date = $2 GROUP BY status) s), '{}') AS by_status,
         (SELECT nav::text FROM fund_navs WHERE fund_id = $1 AND as_of = $2 AND status = 'PUBLISHED') AS nav
       FROM orders WHERE fund_id = $1 AND dealing_date = $2`,
      [fund.id, dealingDate],
    )) as { sub_count: number; sub_amount: string; sub_units: string; red_count: number; red_amount: string; red_units: string; by_status: Record<string, number>; nav: string | null }[];
    const cash = currencyDecimals(fund.currency);
    const side = (count: number, amount: string, units: string) => ({
      count,
      amount: formatDecimal(numericToScaled(amount, cash), cash),
      units: formatDecimal(BigInt(units), fund.unitDecimals),
    });
    return {
      fundId: fund.id,
      dealingDate,
      nav: row!.nav === null ? null : formatNav(numericToScaled(row!.nav, 8)),
      subscriptions: side(row!.sub_count, row!.sub_amount, row!.sub_units),
      redemptions: side(row!.red_count, row!.red_amount, row!.red_units),
      byStatus: row!.by_status,
    };
  }
}
