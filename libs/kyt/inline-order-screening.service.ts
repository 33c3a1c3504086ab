import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '@rwa/config';
import type { SqlStatement } from '@rwa/database';
import type { TravelRuleInfoDto } from './dtos/travel-rule.dto.js';
import { AlertSeverity } from './kyt.entities.js';
import { assess, type OrderScreeningRequest } from './provider/kyt-provider.js';
import { RulesKytProvider } from './provider/rules-kyt-provider.js';
import { FundRulesService } from './rules/fund-rules.service.js';
import { inStructuringBand, travelRuleApplies } from './rules/order-rules.js';

/** A clean screening of an order, to be checked and recorded inside the statement that places it. */
export interface InlineOrderScreening {
  order: OrderScreeningRequest;
  /**
   * A boolean SQL expression: true while the investor's earlier orders leave the velocity rule
   * unbroken, counting `earlierInStatement` orders of the same investor placed before it by the
   * same statement (which its snapshot cannot see).
   */
  guardSql(statement: SqlStatement, earlierInStatement?: number): string;
}

/**
 * Screening for the order intake's one-statement path. An order that the built-in rules find clean
 * without looking at history (blocklist, indirect exposure, fresh wallet), outside the structuring
 * band and with its travel-rule information, can only still be caught by the velocity rule: that
 * one check goes into the statement itself, against the same records, so the outcome is exactly
 * that of KytService.screenOrder. Anything else (a finding, a structuring candidate, a missing
 * travel rule, an external provider to ask) answers null: the caller takes the full path, which
 * raises the alert or the error.
 */
@Injectable()
export class InlineOrderScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly rulesProvider: RulesKytProvider,
    private readonly fundRules: FundRulesService,
  ) {}

  async screen(order: OrderScreeningRequest, travelRule: TravelRuleInfoDto | null | undefined): Promise<InlineOrderScreening | null> {
    if (this.config.kyt.provider !== 'rules' || order.amount === null) return null;
    const rules = await this.fundRules.forFund(this.dataSource.manager, order.fundId);
    if (travelRuleApplies(order.amount, rules, order.cashDecimals) && !(travelRule?.originator && travelRule?.beneficiary)) return null;
    if (inStructuringBand(order.amount, rules, order.cashDecimals)) return null;
    if ((await this.rulesProvider.findingsWithoutHistory(this.dataSource.manager, order, rules)).length > 0) return null;
    const since = new Date(order.at.getTime() - rules.velocityWindowMinutes * 60_000);
    return {
      order,
      // velocityRule counts the earlier orders after `since` plus this one against the limit. Counting
      // stops at the limit, so an investor's long history costs no more than the limit to check.
      guardSql: (statement, earlierInStatement = 0) => {
        const limit = statement.param(rules.velocityMaxOrders, 'int');
        return `(SELECT count(*) FROM (SELECT 1 FROM kyt_order_screenings WHERE investor_id = ${statement.param(order.investorId, 'uuid')} AND screened_at > ${statement.param(since, 'timestamptz')} LIMIT ${limit}) earlier) + ${statement.param(earlierInStatement, 'int')} < ${limit}`;
      },
    };
  }

  /**
   * An INSERT of the screening records of clean orders, for one statement assembled by a hot path:
   * a record is written only if its order's id is among the `id`s the CTE `from` returns. Orders of
   * one statement count those of the same investor before them through guardSql's second argument
   * (on the safe side: an earlier one whose other guards fail is still counted).
   */
  insertSql(statement: SqlStatement, from: string, screenings: readonly InlineOrderScreening[]): string {
    const clean = assess([]);
    const rows = screenings.map(
      ({ order }) =>
        `(${statement.param(order.orderId, 'uuid')}, ${statement.param(order.fundId, 'uuid')}, ${statement.param(order.investorId, 'uuid')}, ${statement.param(order.amount!.toString(), 'numeric')}, ` +
        `${statement.param(clean.score, 'int')}, ${statement.param(AlertSeverity.LOW, 'varchar')}, ${statement.param(order.at, 'timestamptz')})`,
    );
    return `INSERT INTO kyt_order_screenings (order_id, fund_id, investor_id, amount, score, level, screened_at)
      SELECT v.* FROM (VALUES ${rows.join(', ')}) AS v(order_id, fund_id, investor_id, amount, score, level, screened_at)
      WHERE v.order_id IN (SELECT id FROM ${from})`;
  }
}
