import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, currencyDecimals, decodeKeyCursor, encodeKeyCursor, formatDecimal, InputValidationException, Role, toPage, type Actor, type PageRequest } from '@rwa/common';
import { CalendarsService, FundsService, IncomeMode, isBusinessDay, todayIn, type FundEntity } from '@rwa/funds';
import { InvestorsService } from '@rwa/investors';
import type { AccrualsQueryDto, AccrualsResponseDto, IncomeRateResponseDto, InvestorIncomeResponseDto, PublishIncomeRequestDto } from './dtos/income.dto.js';
import { dayPeriod, IncomeLedger } from './income-ledger.js';
import { IncomeErrorCode, IncomeException } from './income.exception.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Income of DISTRIBUTING funds: the daily rates the issuer publishes and what each holder accrues from them. */
@Injectable()
export class IncomeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly calendars: CalendarsService,
    private readonly investors: InvestorsService,
    private readonly audit: AuditService,
    private readonly ledger: IncomeLedger,
  ) {}

  /**
   * Publishes a business day's income per unit. Refused for an ACCUMULATING fund, a day that is
   * not a business day of its calendar or is in the future (fund time zone), a day published
   * already (rates never change once published: holders accrued them) or already distributed.
   */
  async publishRate(actor: Actor, fundId: string, request: PublishIncomeRequestDto): Promise<IncomeRateResponseDto> {
    const fund = await this.distributingFund(actor, fundId);
    const calendar = await this.calendars.find(fund.calendar);
    if (!isBusinessDay(request.date, calendar.holidays)) throw new IncomeException(IncomeErrorCode.INCOME_DATE_NOT_ALLOWED, `${request.date} is not a business day of calendar ${fund.calendar}`);
    const today = todayIn(fund.timezone, await this.ledger.now());
    if (request.date > today) throw new IncomeException(IncomeErrorCode.INCOME_DATE_NOT_ALLOWED, `${request.date} is in the future (today is ${today} in ${fund.timezone})`);
    if (request.date < todayIn(fund.timezone, fund.createdAt)) throw new IncomeException(IncomeErrorCode.INCOME_DATE_NOT_ALLOWED, `${request.date} is before the fund was created`);
    const period = dayPeriod(request.date, fund.timezone);
    const person = actorName(actor);
    return this.dataSource.transaction(async (manager) => {
      // The fund row serialises publications against distributions being created.
      await manager.query('SELECT 1 FROM funds WHERE id = $1 FOR UPDATE', [fund.id]);
      const [distributed] = (await manager.query('SELECT record_date::text AS record_date FROM fund_distributions WHERE fund_id = $1 AND record_date >= $2 LIMIT 1', [fund.id, request.date])) as {
        record_date: string;
      }[];
      if (distributed) throw new IncomeException(IncomeErrorCode.INCOME_ALREADY_DISTRIBUTED, `The distribution at record date ${distributed.record_date} paid out the income of ${request.date}`);
      const inserted = (await manager.query(
        `INSERT INTO fund_income_rates (fund_id, business_date, rate_per_unit, period_start, period_end, published_by) VALUES ($1, $2, $3, to_timestamp($4), to_timestamp($5), $6)
         ON CONFLICT (fund_id, business_date) DO NOTHING RETURNING to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at`,
        [fund.id, request.date, request.ratePerUnit, period.start, period.end, person],
      )) as { published_at: string }[];
      if (inserted.length === 0) throw new IncomeException(IncomeErrorCode.INCOME_ALREADY_PUBLISHED, `Income for ${request.date} was published already`);
      await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'income-published', actor: person, data: { date: request.date, ratePerUnit: request.ratePerUnit } });
      return {
        fundId: fund.id,
        date: request.date,
        ratePerUnit: request.ratePerUnit,
        periodStart: new Date(period.start * 1000).toISOString(),
        periodEnd: new Date(period.end * 1000).toISOString(),
        publishedBy: person,
        publishedAt: inserted[0]!.published_at,
      };
    });
  }

  /**
   * What every holder of the fund accrued up to `asOf` (default now), by address order, paged.
   * The issuer sees every holder (or one distributor's); a distributor only its own investors'.
   */
  async fundAccruals(actor: Actor, fundId: string, query: AccrualsQueryDto, page: PageRequest): Promise<AccrualsResponseDto> {
    const after = page.cursor === undefined ? undefined : decodeKeyCursor(page.cursor, 1)?.[0];
    if (page.cursor !== undefined && (after === undefined || !ADDRESS.test(after))) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }]);
    const fund = actor.role === Role.ISSUER ? await this.distributingFund(actor, fundId) : await this.shelvedFund(actor, fundId);
    // A holding the index has not applied yet would be counted as it was: an asked time past what the
    // index knows is refused (try again shortly); by default, accruals are up to where it is complete.
    const completeUntil = await this.ledger.indexCompleteUntil(fund.id);
    let asOf = query.asOf ? new Date(query.asOf) : await this.ledger.now();
    if (completeUntil !== null && asOf.getTime() > completeUntil * 1000) {
      if (query.asOf) throw new IncomeException(IncomeErrorCode.INDEX_BEHIND, `The chain index of fund ${fund.id} is complete up to ${new Date(completeUntil * 1000).toISOString()} only: try again shortly`);
      asOf = new Date(completeUntil * 1000);
    }
    const { total, byAddress } = await this.ledger.accruals(fund, asOf);
    const attribution = await this.ledger.attribute([...byAddress.keys()]);
    const onlyDistributor = actor.role === Role.DISTRIBUTOR ? actor.organizationId : query.distributorId;
    const rows = [...byAddress]
      .map(([address, amounts]) => ({ address, ...amounts, investorId: attribution.get(address)?.investorId ?? null, distributorId: attribution.get(address)?.distributorId ?? null }))
      .filter((row) => onlyDistributor === undefined || row.distributorId === onlyDistributor)
      .filter((row) => after === undefined || row.address > after)
      .sort((a, b) => (a.address < b.address ? -1 : 1))
      .slice(0, page.limit + 1);
    const decimals = currencyDecimals(fund.currency);
    const shown = toPage(
      rows,
      page.limit,
      (row) => ({ investorId: row.investorId, distributorId: row.distributorId, address: row.address, accrued: formatDecimal(row.accrued, decimals), distributed: formatDecimal(row.distributed, decimals) }),
      (row) => encodeKeyCursor([row.address]),
    );
    const visibleTotal = onlyDistributor === undefined ? total : [...byAddress].reduce((sum, [address, amounts]) => (attribution.get(address)?.distributorId === onlyDistributor ? sum + amounts.accrued : sum), 0n);
    return { asOf: asOf.toISOString(), totalAccrued: formatDecimal(visibleTotal, decimals), ...shown };
  }

  /** An investor's income per fund it held units of (its distributor only), by fund id, paged. */
  async investorIncome(actor: Actor, investorId: string, page: PageRequest): Promise<InvestorIncomeResponseDto> {
    const after = page.cursor === undefined ? undefined : decodeKeyCursor(page.cursor, 1)?.[0];
    if (page.cursor !== undefined && (after === undefined || !UUID.test(after))) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }]);
    await this.investors.findOwned(this.dataSource.manager, actor.organizationId, investorId);
    const funds = (await this.dataSource.query(
      `SELECT DISTINCT e.fund_id FROM wallets w JOIN chain_index_events e ON e.to_address = w.address JOIN funds f ON f.id = e.fund_id
       WHERE w.investor_id = $1 AND f.income_mode = $2 AND ($3::uuid IS NULL OR e.fund_id > $3::uuid) ORDER BY e.fund_id LIMIT $4`,
      [investorId, IncomeMode.DISTRIBUTING, after ?? null, page.limit + 1],
    )) as { fund_id: string }[];
    const addresses = (await this.dataSource.query('SELECT DISTINCT address FROM wallets WHERE investor_id = $1', [investorId])) as { address: string }[];
    const items = [];
    const byId = await this.funds.findByIds(funds.slice(0, page.limit).map((row) => row.fund_id));
    const now = await this.ledger.now();
    for (const row of funds.slice(0, page.limit)) {
      const fund = byId.get(row.fund_id)!;
      const { byAddress } = await this.ledger.accruals(fund, now);
      let accrued = 0n;
      for (const { address } of addresses) accrued += byAddress.get(address)?.accrued ?? 0n;
      const [paid] = (await this.dataSource.query(
        `SELECT coalesce(sum(units) FILTER (WHERE status = 'MINTED'), 0)::text AS units, coalesce(sum(amount) FILTER (WHERE status = 'CASH_PAYABLE'), 0)::text AS cash
         FROM fund_distribution_items WHERE investor_id = $1 AND fund_id = $2`,
        [investorId, fund.id],
      )) as { units: string; cash: string }[];
      items.push({
        fundId: fund.id,
        accrued: formatDecimal(accrued, currencyDecimals(fund.currency)),
        distributedUnits: formatDecimal(BigInt(paid!.units), fund.unitDecimals),
        distributedCash: formatDecimal(BigInt(paid!.cash), currencyDecimals(fund.currency)),
      });
    }
    return { items, nextCursor: funds.length > page.limit ? encodeKeyCursor([funds[page.limit - 1]!.fund_id]) : null };
  }

  /** The issuer's own DISTRIBUTING fund. @throws FUND_NOT_FOUND, FUND_NOT_DISTRIBUTING */
  async distributingFund(actor: Actor, fundId: string): Promise<FundEntity> {
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    if (fund.incomeMode !== IncomeMode.DISTRIBUTING) throw new IncomeException(IncomeErrorCode.FUND_NOT_DISTRIBUTING, `Fund ${fundId} is ACCUMULATING: it publishes no income and makes no distributions`);
    return fund;
  }

  private async shelvedFund(actor: Actor, fundId: string): Promise<FundEntity> {
    await this.funds.get(actor, fundId);
    const fund = (await this.funds.findById(fundId))!;
    if (fund.incomeMode !== IncomeMode.DISTRIBUTING) throw new IncomeException(IncomeErrorCode.FUND_NOT_DISTRIBUTING, `Fund ${fundId} is ACCUMULATING: it publishes no income and makes no distributions`);
    return fund;
  }
}
