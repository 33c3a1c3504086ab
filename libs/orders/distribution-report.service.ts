import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { currencyDecimals, formatDecimal, numericToScaled, type Actor } from '@rwa/common';
import { TokenGateway } from '@rwa/chain';
import { FundsService } from '@rwa/funds';
import type { DistributionReportDto } from './dtos/order.dto.js';

interface DistributorRow {
  distributor_id: string;
  investors: number;
  subscribed_amount: string;
  subscribed_units: string;
  redeemed_units: string;
}

/** How far a fund reaches: distributors on its shelf, investors, and what each distributor brings. */
@Injectable()
export class DistributionReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly gateway: TokenGateway,
  ) {}

  /**
   * Figures per distributor come from settled subscriptions and from redemptions whose units are
   * burned; units outstanding come from the chain (the source of truth for balances).
   */
  async report(actor: Actor, fundId: string): Promise<DistributionReportDto> {
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    const rows = (await this.dataSource.query(
      `SELECT distributor_id,
              count(DISTINCT investor_id) FILTER (WHERE type = 'SUBSCRIPTION' AND status = 'SETTLED')::int AS investors,
              coalesce(sum(amount) FILTER (WHERE type = 'SUBSCRIPTION' AND status = 'SETTLED'), 0)::text AS subscribed_amount,
              coalesce(sum(units) FILTER (WHERE type = 'SUBSCRIPTION' AND status = 'SETTLED'), 0)::text AS subscribed_units,
              coalesce(sum(units) FILTER (WHERE type = 'REDEMPTION' AND status IN ('PAYOUT_PENDING', 'SETTLED')), 0)::text AS redeemed_units
       FROM orders WHERE fund_id = $1 GROUP BY distributor_id ORDER BY distributor_id`,
      [fundId],
    )) as DistributorRow[];
    const [{ investors }] = (await this.dataSource.query(
      `SELECT count(DISTINCT investor_id)::int AS investors FROM orders WHERE fund_id = $1 AND type = 'SUBSCRIPTION' AND status = 'SETTLED'`,
      [fundId],
    )) as [{ investors: number }];
    const cashDecimals = currencyDecimals(fund.currency);
    const unitsOutstanding = fund.tokenAddress ? await this.gateway.totalSupply(fund.tokenAddress) : 0n;
    return {
      fundId,
      distributors: await this.funds.countShelvedDistributors(fundId),
      investors,
      unitsOutstanding: formatDecimal(unitsOutstanding, fund.unitDecimals),
      byDistributor: rows.map((row) => ({
        distributorId: row.distributor_id,
        investors: row.investors,
        unitsHeld: formatDecimal(BigInt(row.subscribed_units) - BigInt(row.redeemed_units), fund.unitDecimals),
        subscribedAmount: formatDecimal(numericToScaled(row.subscribed_amount, cashDecimals), cashDecimals),
        redeemedUnits: formatDecimal(BigInt(row.redeemed_units), fund.unitDecimals),
      })),
    };
  }
}
