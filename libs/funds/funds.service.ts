import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { keysetPage, type SqlStatement } from '@rwa/database';
import { DataSource, In, IsNull, Not, Raw, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import {
  actorName,
  assertTransition,
  currencyDecimals,
  decodeKeyCursor,
  encodeKeyCursor,
  formatDecimal,
  formatNav,
  fractionDigits,
  InputValidationException,
  numericToScaled,
  OrganizationType,
  parseDecimal,
  parseNav,
  personOf,
  Role,
  SYSTEM_ACTOR,
  toPage,
  type Actor,
  type FieldError,
  type Page,
  type PageRequest,
} from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { EventsService, EventType, statusEventType } from '@rwa/events';
import { OrganizationsService } from '@rwa/organizations';
import { JobName, OutboxService } from '@rwa/queue';
import { CalendarsService, type BusinessCalendar } from './calendars.service.js';
import { addDays, isBusinessDay, isCalendarDate, isTimeZone, todayIn, type DealingTerms } from './dealing-calendar.js';
import type {
  CreateFundRequestDto,
  FundLifecycleRequestDto,
  FundResponseDto,
  NavHistoryItemDto,
  NavResponseDto,
  PublishNavRequestDto,
  ShelfEntryResponseDto,
  UpdateFundRequestDto,
} from './dtos/fund.dto.js';
import { FUND_STATE_MACHINE, FundDistributorEntity, FundEntity, FundNavEntity, FundPricing, FundStatus, IncomeMode, NavStatus, ShelfStatus } from './fund.entity.js';
import { FundsErrorCode, FundsException } from './funds.exception.js';

/** Reacts to a newly published NAV inside the publishing transaction (orders price what waited on it). */
export type NavPublishedHandler = (manager: EntityManager, fundId: string, asOf: string) => Promise<void>;

/** The token's per-holder balance is a 104-bit field. */
const MAX_TOKEN_BALANCE = (1n << 104n) - 1n;
/** numeric(38, 8): 30 digits before the point. */
const MAX_WHOLE_DIGITS = 30;
/** A rule the token enforces: changing one bumps rules_version and syncs the token by a job. */
const TOKEN_RULE_FIELDS = ['eligibleJurisdictions', 'eligibleInvestorClasses', 'maxHolders', 'maxUnitsPerHolder', 'lockupDays'] as const;
/** Fields PATCH may set to null (no limit). */
const NULLABLE_FIELDS = new Set<string>(['maxHolders', 'maxUnitsPerHolder', 'lockupDays']);

/** Funds: their terms, NAVs, lifecycle and distribution shelf. */
@Injectable()
export class FundsService {
  private readonly navPublishedHandlers: NavPublishedHandler[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly organizations: OrganizationsService,
    private readonly calendars: CalendarsService,
    private readonly config: AppConfig,
    private readonly events: EventsService,
  ) {}

  /**
   * Records the fund and its deployment intent in one transaction; the token is created by the
   * worker. The initial NAV is recorded as of the business day before the fund's first dealing day
   * (today in its time zone, or the next business day): it is the NAV known before any order, so a
   * FORWARD fund's first orders wait for the NAV of their own dealing day like every later order.
   */
  async create(actor: Actor, request: CreateFundRequestDto): Promise<FundResponseDto> {
    const fund = await this.dataSource.transaction(async (manager) => {
      const calendarCode = request.calendar ?? 'HK';
      this.validateTerms(request, await this.calendars.exists(manager, calendarCode));
      const calendar = await this.calendars.find(calendarCode, manager);
      const unitDecimals = request.unitDecimals ?? 6;
      const navAsOf = previousBusinessDay(todayIn(request.timezone), calendar);
      const entity = manager.create(FundEntity, {
        id: randomUUID(),
        issuerId: actor.organizationId,
        name: request.name,
        symbol: request.symbol,
        currency: request.currency,
        unitDecimals,
        nav: request.initialNav,
        navAsOf,
        minSubscription: request.minSubscription,
        cutOffTime: request.cutOffTime,
        timezone: request.timezone,
        settlementDays: request.settlementDays,
        pricing: request.pricing,
        eligibleJurisdictions: request.eligibleJurisdictions,
        eligibleInvestorClasses: request.eligibleInvestorClasses,
        maxHolders: request.maxHolders ?? null,
        calendar: calendarCode,
        maxUnitsPerHolder: request.maxUnitsPerHolder === undefined ? null : this.unitsCap(request.maxUnitsPerHolder, unitDecimals).toString(),
        lockupDays: request.lockupDays ?? null,
        navTolerancePercent: request.navTolerancePercent ?? '2',
        incomeMode: request.incomeMode ?? IncomeMode.ACCUMULATING,
        rulesVersion: 0,
        rulesSyncedVersion: 0,
        tokenPauseTarget: false,
        tokenPaused: false,
        lifecycleVersion: 0,
        status: FundStatus.PENDING_DEPLOYMENT,
        chainId: this.config.chain.chainId,
        tokenAddress: null,
      });
      await manager.insert(FundEntity, entity);
      await manager.query(`CREATE SEQUENCE ${referenceSequenceOf(entity.id)}`);
      await manager.insert(FundNavEntity, { fundId: entity.id, asOf: navAsOf, nav: request.initialNav, status: NavStatus.PUBLISHED, publishedBy: null, approvedBy: null, publishedAt: new Date() });
      await this.audit.record(manager, { entityType: 'fund', entityId: entity.id, action: 'created', toStatus: entity.status, actor: actorName(actor) });
      await this.outbox.add(manager, { name: JobName.DEPLOY_FUND, data: { fundId: entity.id } });
      await this.emitFundEvent(manager, await manager.findOneByOrFail(FundEntity, { id: entity.id }));
      return entity;
    });
    return this.map(await this.reload(fund.id));
  }

  async get(actor: Actor, fundId: string): Promise<FundResponseDto> {
    return this.map(await this.findVisible(this.dataSource.manager, actor, fundId));
  }

  async list(actor: Actor, page: PageRequest): Promise<Page<FundResponseDto>> {
    const query = this.dataSource.getRepository(FundEntity).createQueryBuilder('fund');
    if (actor.role === Role.ISSUER) query.where('fund.issuer_id = :org', { org: actor.organizationId });
    else {
      query.innerJoin(FundDistributorEntity, 'shelf', 'shelf.fund_id = fund.id AND shelf.distributor_id = :org AND shelf.status = :active', {
        org: actor.organizationId,
        active: ShelfStatus.ACTIVE,
      });
    }
    return keysetPage(query, page, (row) => this.map(row));
  }

  /**
   * Changes the fund's rules and dealing terms. Rules the token enforces (eligibility, holder caps,
   * lock-up) reach it by a job (rulesSync PENDING until it is confirmed); the API applies the new
   * rules at once. Orders already placed keep their dealing dates.
   */
  async update(actor: Actor, fundId: string, request: UpdateFundRequestDto): Promise<FundResponseDto> {
    const changes = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as Record<string, unknown>;
    const nulls = Object.entries(changes)
      .filter(([field, value]) => value === null && !NULLABLE_FIELDS.has(field))
      .map(([field]) => ({ field, message: `${field} may not be null` }));
    if (nulls.length > 0) throw new InputValidationException(nulls);
    if (Object.keys(changes).length === 0) throw new InputValidationException([{ field: 'body', message: 'name at least one field to change' }]);
    await this.dataSource.transaction(async (manager) => {
      const fund = await this.findVisible(manager, actor, fundId, true, true);
      if (fund.status === FundStatus.FAILED) throw new FundsException(FundsErrorCode.FUND_NOT_ACTIVE, `Fund ${fund.id} is FAILED`);
      const merged = { ...this.termsOf(fund), ...changes } as CreateFundRequestDto;
      this.validateTerms(merged, changes.calendar === undefined || (await this.calendars.exists(manager, changes.calendar as string)));
      const update: Partial<FundEntity> = {};
      for (const [field, value] of Object.entries(changes)) {
        (update as Record<string, unknown>)[field] = field === 'maxUnitsPerHolder' && value !== null ? this.unitsCap(value as string, fund.unitDecimals).toString() : value;
      }
      const rulesChanged = TOKEN_RULE_FIELDS.some((field) => field in changes);
      if (rulesChanged) update.rulesVersion = fund.rulesVersion + 1;
      await manager.update(FundEntity, { id: fund.id }, update);
      await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'rules-changed', actor: actorName(actor), data: { ...changes } });
      // Before deployment, the deployment itself sets the rules as they are then.
      if (rulesChanged && fund.tokenAddress) await this.outbox.add(manager, { name: JobName.SYNC_FUND_RULES, data: { fundId: fund.id, version: fund.rulesVersion + 1 } });
    });
    return this.map(await this.reload(fundId));
  }

  /**
   * Pauses the fund: orders are refused at once (FUND_PAUSED) and the token is paused by a job.
   * Resume: the fund stays PAUSED until the token's unpause is confirmed, then turns ACTIVE (an
   * order accepted before that would meet a paused token). Close: subscriptions are refused at
   * once; redemptions go on (the token is unpaused first if it was paused).
   */
  async changeLifecycle(actor: Actor, fundId: string, action: 'pause' | 'resume' | 'close', request: FundLifecycleRequestDto): Promise<FundResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const fund = await this.findVisible(manager, actor, fundId, true, true);
      const to = action === 'pause' ? FundStatus.PAUSED : action === 'close' ? FundStatus.CLOSED : FundStatus.PAUSED;
      if (action === 'resume') {
        if (fund.status !== FundStatus.PAUSED) assertTransition(FUND_STATE_MACHINE, fund.status, FundStatus.ACTIVE);
        if (!fund.tokenPauseTarget) return; // a resume already under way
      } else assertTransition(FUND_STATE_MACHINE, fund.status, to);
      const version = fund.lifecycleVersion + 1;
      const changes: Partial<FundEntity> = { tokenPauseTarget: action === 'pause', lifecycleVersion: version };
      if (action === 'resume') {
        await manager.update(FundEntity, { id: fund.id }, changes);
        await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'resume-requested', actor: actorName(actor), reason: request.reason });
      } else await this.transition(manager, fund, to, changes, request.reason, actorName(actor));
      await this.outbox.add(manager, { name: JobName.SYNC_FUND_LIFECYCLE, data: { fundId: fund.id, version } });
    });
    return this.map(await this.reload(fundId));
  }

  async shelve(actor: Actor, fundId: string, distributorId: string): Promise<ShelfEntryResponseDto> {
    return this.setShelfStatus(actor, fundId, distributorId, ShelfStatus.ACTIVE);
  }

  async unshelve(actor: Actor, fundId: string, distributorId: string): Promise<ShelfEntryResponseDto> {
    return this.setShelfStatus(actor, fundId, distributorId, ShelfStatus.REMOVED);
  }

  /** Lets another module act on each published NAV, in the same transaction. */
  onNavPublished(handler: NavPublishedHandler): void {
    this.navPublishedHandlers.push(handler);
  }

  /**
   * Records the NAV of a dealing date (api-contract.md): a business day of the fund's calendar, not
   * in the future in the fund's time zone, not before the latest published NAV, never once an order
   * was priced at it. A move beyond the fund's tolerance from the previous NAV waits for a second
   * issuer user (PENDING_APPROVAL); otherwise it is published and prices the orders waiting for it.
   *
   * Serialised with the pricing statements: the fund row is locked (orders entering PRICING hold a
   * key-share lock on it), then the NAV row (pricing statements key-share lock the NAV they price
   * at), so "not dealt" is read after every pricing of it has committed.
   */
  async publishNav(actor: Actor, fundId: string, request: PublishNavRequestDto): Promise<NavResponseDto> {
    if (!isCalendarDate(request.asOf)) throw new InputValidationException([{ field: 'asOf', message: 'asOf is not a calendar date' }]);
    const nav = parseNav(request.nav);
    if (nav === 0n) throw new InputValidationException([{ field: 'nav', message: 'nav must be greater than zero' }]);
    if (!fitsNumeric(request.nav)) throw new InputValidationException([{ field: 'nav', message: `nav may have at most ${MAX_WHOLE_DIGITS} digits before the point` }]);
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.findVisible(manager, actor, fundId, true, true);
      const unsettleable = stableNavProblem(fund.pricing, nav);
      if (unsettleable) throw new InputValidationException([{ field: 'nav', message: unsettleable }]);
      if (fund.status === FundStatus.PENDING_DEPLOYMENT || fund.status === FundStatus.FAILED) {
        throw new FundsException(FundsErrorCode.FUND_NOT_ACTIVE, `Fund ${fund.id} is ${fund.status}`);
      }
      const calendar = await this.calendars.find(fund.calendar, manager);
      const today = todayIn(fund.timezone);
      if (!isBusinessDay(request.asOf, calendar.holidays)) throw new FundsException(FundsErrorCode.NAV_DATE_NOT_ALLOWED, `${request.asOf} is not a business day of calendar ${fund.calendar}`);
      if (request.asOf > today) throw new FundsException(FundsErrorCode.NAV_DATE_NOT_ALLOWED, `${request.asOf} is in the future (today is ${today} in ${fund.timezone})`);
      const latest = await this.latestPublished(manager, fund.id);
      if (latest && request.asOf < latest.asOf) throw new FundsException(FundsErrorCode.NAV_DATE_NOT_ALLOWED, `The latest NAV is of ${latest.asOf}: a NAV of ${request.asOf} is before it`);
      await this.lockNavForChange(manager, fund.id, request.asOf);

      const previous = await this.latestPublished(manager, fund.id, request.asOf);
      const withinTolerance = !previous || isWithinTolerance(numericToScaled(previous.nav, 8), nav, fund.navTolerancePercent);
      const status = withinTolerance ? NavStatus.PUBLISHED : NavStatus.PENDING_APPROVAL;
      const person = personOf(actor);
      await manager.query(
        `INSERT INTO fund_navs (fund_id, as_of, nav, status, published_by, published_at, approved_by, approved_at) VALUES ($1, $2, $3, $4, $5, now(), NULL, NULL)
         ON CONFLICT (fund_id, as_of) DO UPDATE SET nav = EXCLUDED.nav, status = EXCLUDED.status, published_by = EXCLUDED.published_by, published_at = now(), approved_by = NULL, approved_at = NULL`,
        [fund.id, request.asOf, request.nav, status, person],
      );
      await this.audit.record(manager, {
        entityType: 'fund',
        entityId: fund.id,
        action: status === NavStatus.PUBLISHED ? 'nav-published' : 'nav-pending-approval',
        actor: actorName(actor),
        data: { ...request, previous: previous ? { asOf: previous.asOf, nav: previous.nav } : null, tolerancePercent: fund.navTolerancePercent },
      });
      if (status === NavStatus.PUBLISHED) await this.afterPublished(manager, fund, request.asOf, request.nav);
      return { fundId, nav: formatNav(nav), asOf: request.asOf, status };
    });
  }

  /** A second issuer user approves a NAV that moved beyond the tolerance: it is published and prices what waited. */
  async approveNav(actor: Actor, fundId: string, asOf: string): Promise<NavResponseDto> {
    if (!isCalendarDate(asOf)) throw new InputValidationException([{ field: 'asOf', message: 'asOf is not a calendar date' }]);
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.findVisible(manager, actor, fundId, true, true);
      const [row] = (await manager.query(`SELECT nav::text AS nav, status, published_by FROM fund_navs WHERE fund_id = $1 AND as_of = $2 FOR UPDATE`, [fund.id, asOf])) as {
        nav: string;
        status: NavStatus;
        published_by: string | null;
      }[];
      if (!row) throw new FundsException(FundsErrorCode.NAV_NOT_FOUND, `No NAV of ${asOf} for fund ${fund.id}`);
      if (row.status !== NavStatus.PENDING_APPROVAL) throw new FundsException(FundsErrorCode.NAV_NOT_PENDING_APPROVAL, `The NAV of ${asOf} is ${row.status}`);
      const person = personOf(actor);
      if (row.published_by === person) throw new FundsException(FundsErrorCode.FOUR_EYES_REQUIRED, 'A NAV beyond the tolerance needs the approval of another issuer user than its publisher');
      const latest = await this.latestPublished(manager, fund.id);
      if (latest && asOf < latest.asOf) throw new FundsException(FundsErrorCode.NAV_DATE_NOT_ALLOWED, `The latest NAV is of ${latest.asOf}: a NAV of ${asOf} is before it`);
      await manager.query(`UPDATE fund_navs SET status = $3, approved_by = $4, approved_at = now() WHERE fund_id = $1 AND as_of = $2`, [fund.id, asOf, NavStatus.PUBLISHED, person]);
      await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'nav-approved', actor: actorName(actor), data: { asOf, nav: row.nav, publishedBy: row.published_by } });
      await this.afterPublished(manager, fund, asOf, row.nav);
      return { fundId, nav: formatNav(numericToScaled(row.nav, 8)), asOf, status: NavStatus.PUBLISHED };
    });
  }

  /** The fund's NAVs, newest first, with who published and approved each. */
  async navHistory(actor: Actor, fundId: string, page: PageRequest): Promise<Page<NavHistoryItemDto>> {
    const fund = await this.findVisible(this.dataSource.manager, actor, fundId);
    let before: string | undefined;
    if (page.cursor !== undefined) {
      const [asOf] = decodeKeyCursor(page.cursor, 1) ?? [];
      if (asOf === undefined || !isCalendarDate(asOf)) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not valid' }]);
      before = asOf;
    }
    const rows = await this.dataSource
      .getRepository(FundNavEntity)
      .createQueryBuilder('n')
      .where('n.fund_id = :fundId', { fundId: fund.id })
      .andWhere(before ? 'n.as_of < :before' : 'TRUE', { before })
      .orderBy('n.as_of', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return toPage(
      rows,
      page.limit,
      (row) => ({
        asOf: row.asOf,
        nav: formatNav(numericToScaled(row.nav, 8)),
        status: row.status,
        publishedBy: row.publishedBy,
        approvedBy: row.approvedBy,
        publishedAt: row.publishedAt.toISOString(),
        approvedAt: row.approvedAt?.toISOString() ?? null,
      }),
      (row) => encodeKeyCursor([row.asOf]),
    );
  }

  /**
   * The fund a distributor may place orders in. Subscriptions need the fund on the distributor's
   * shelf; a redemption only that the distributor sold the fund once (the guaranteed exit of an
   * unshelved distributor's investors).
   * @throws FUND_NOT_FOUND when the fund is not (or, for a redemption, never was) on the distributor's shelf
   */
  async findForOrder(manager: EntityManager, distributorId: string, fundId: string, redemption = false): Promise<FundEntity> {
    const fund = await manager
      .getRepository(FundEntity)
      .createQueryBuilder('fund')
      .innerJoin(FundDistributorEntity, 'shelf', `shelf.fund_id = fund.id AND shelf.distributor_id = :distributorId${redemption ? '' : ' AND shelf.status = :active'}`, {
        distributorId,
        active: ShelfStatus.ACTIVE,
      })
      .where('fund.id = :fundId', { fundId })
      .getOne();
    if (!fund) throw new FundsException(FundsErrorCode.FUND_NOT_FOUND, `Fund ${fundId} not found`);
    return fund;
  }

  /** The dealing terms of a fund: its cut-off, time zone, settlement cycle and calendar (maybe cached). */
  async dealingTermsOf(fund: FundEntity, manager?: EntityManager): Promise<DealingTerms & { calendar: BusinessCalendar }> {
    const calendar = await this.calendars.find(fund.calendar, manager);
    return { cutOffTime: fund.cutOffTime, timezone: fund.timezone, settlementDays: fund.settlementDays, holidays: calendar.holidays, calendar };
  }

  /**
   * A boolean SQL expression for a statement that places an order on `fund` as the caller read it
   * (maybe from a cache): true while the fund is still ACTIVE on the distributor's shelf with the
   * same dealing terms and rules, and its calendar at the version the order's dates came from, so
   * the statement acts exactly as if it had read the fund itself. The shelf status is compared
   * with IS NOT DISTINCT FROM so that a generic plan probes the shelf's primary key, never the
   * index of the distributor's active funds (which it would read through).
   */
  orderableSql(statement: SqlStatement, fund: FundEntity, distributorId: string, calendar: BusinessCalendar): string {
    return `EXISTS (SELECT 1 FROM funds f JOIN fund_distributors d ON d.fund_id = f.id AND d.distributor_id = ${statement.param(distributorId, 'uuid')} AND d.status IS NOT DISTINCT FROM 'ACTIVE'
      WHERE f.id = ${statement.param(fund.id, 'uuid')} AND f.status = 'ACTIVE' AND f.currency = ${statement.param(fund.currency)}
        AND f.min_subscription = ${statement.param(fund.minSubscription, 'numeric')} AND f.cut_off_time = ${statement.param(fund.cutOffTime)}
        AND f.timezone = ${statement.param(fund.timezone)} AND f.eligible_jurisdictions = ${statement.param(fund.eligibleJurisdictions, 'char(2)[]')}
        AND f.eligible_investor_classes = ${statement.param(fund.eligibleInvestorClasses, 'varchar[]')}
        AND f.settlement_days = ${statement.param(fund.settlementDays, 'int')} AND f.calendar = ${statement.param(fund.calendar, 'varchar')}
        AND f.rules_version = ${statement.param(fund.rulesVersion, 'int')})
      AND ${this.calendars.versionSql(statement, calendar)}`;
  }

  /**
   * A row SQL subquery `(as_of, nav)`: the NAV that prices an order of dealing date `dealingDateSql`
   * in fund `fundIdSql` (SQL expressions, e.g. an outer query's columns), the one rule of every
   * path that prices (navFor reads it too). A FORWARD fund deals only at the NAV of the dealing
   * date itself (no earlier NAV: that would be late trading); a STABLE_NAV fund at its stable NAV,
   * the latest published on or before the dealing date. Only PUBLISHED NAVs price. The row is
   * key-share locked, so a NAV cannot be replaced while an order is being priced at it (publishNav
   * locks it for update); a read that prices nothing passes `lock` false.
   */
  navRowSql(fundIdSql: string, dealingDateSql: string, lock = true): string {
    return `(SELECT n.as_of, n.nav FROM fund_navs n WHERE n.fund_id = ${fundIdSql} AND n.status = 'PUBLISHED'
      AND (n.as_of = ${dealingDateSql} OR (n.as_of < ${dealingDateSql} AND (SELECT pricing FROM funds WHERE id = ${fundIdSql}) = '${FundPricing.STABLE_NAV}'))
      ORDER BY n.as_of DESC LIMIT 1${lock ? ' FOR KEY SHARE OF n' : ''})`;
  }

  /**
   * A boolean SQL expression: the fund's token is, or is about to be, paused (a pause not yet
   * confirmed, or a resume not yet confirmed). Mint and burn jobs wait while it is true.
   */
  tokenPausedSql(fundIdSql: string): string {
    return `(SELECT token_paused OR token_pause_target FROM funds WHERE id = ${fundIdSql})`;
  }

  /** The name of the fund's order reference sequence, for a statement that takes the next one with nextval. */
  referenceSequenceName(fundId: string): string {
    return referenceSequenceOf(fundId);
  }

  /** The NAV that prices a dealing date (navRowSql), key-share locked in the caller's transaction. */
  async navFor(manager: EntityManager, fundId: string, dealingDate: string): Promise<{ nav: bigint; asOf: string } | undefined> {
    const [row] = (await manager.query(`SELECT p.as_of::text AS as_of, p.nav::text AS nav FROM ${this.navRowSql('$1::uuid', '$2::date')} p`, [fundId, dealingDate])) as {
      as_of: string;
      nav: string;
    }[];
    return row ? { nav: numericToScaled(row.nav, 8), asOf: row.as_of } : undefined;
  }

  /**
   * Hands out the fund's next on-chain order reference. A sequence, not a counter on the fund row:
   * concurrent payment confirmations of one fund do not queue on a row lock. References stay
   * nearly dense (a rolled-back order leaves a gap), so the token's bitmap stays compact.
   */
  async allocateReferenceSeq(manager: EntityManager, fundId: string): Promise<bigint> {
    const [row] = (await manager.query(`SELECT nextval('${referenceSequenceOf(fundId)}')::text AS seq`)) as { seq: string }[];
    return BigInt(row!.seq);
  }

  /**
   * Takes a key-share lock on the fund row for an order that is to wait in PRICING: publishNav and
   * approveNav lock the row for update, so the NAV read after this lock is the one the strike will
   * not miss (either it is already published, or its strike runs after this transaction commits).
   */
  async lockForPricing(manager: EntityManager, fundId: string): Promise<void> {
    await manager.query('SELECT 1 FROM funds WHERE id = $1 FOR KEY SHARE', [fundId]);
  }

  /**
   * Funds by id, for modules that show fund terms next to their own records.
   * Inside a transaction pass its `manager`: a second pool connection taken while the transaction
   * holds row locks can deadlock once every pooled connection waits for those locks.
   */
  async findByIds(fundIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, FundEntity>> {
    const funds = fundIds.length === 0 ? [] : await manager.getRepository(FundEntity).findBy({ id: Raw((column) => `${column} = ANY(CAST(:ids AS uuid[]))`, { ids: [...new Set(fundIds)] }) });
    return new Map(funds.map((fund) => [fund.id, fund]));
  }

  /** The issuer's own fund. @throws FUND_NOT_FOUND for any other */
  async findOwnedByIssuer(actor: Actor, fundId: string): Promise<FundEntity> {
    return this.findVisible(this.dataSource.manager, actor, fundId, true);
  }

  async countShelvedDistributors(fundId: string): Promise<number> {
    return this.dataSource.getRepository(FundDistributorEntity).countBy({ fundId, status: ShelfStatus.ACTIVE });
  }

  /** The deployed tokens of funds that have holders to enforce against (freezes): ACTIVE, PAUSED or CLOSED. */
  async activeTokens(): Promise<{ fundId: string; tokenAddress: `0x${string}`; unitDecimals: number }[]> {
    const funds = await this.dataSource.getRepository(FundEntity).findBy({ status: In([FundStatus.ACTIVE, FundStatus.PAUSED, FundStatus.CLOSED]) });
    return funds.filter((fund) => fund.tokenAddress).map((fund) => ({ fundId: fund.id, tokenAddress: fund.tokenAddress!, unitDecimals: fund.unitDecimals }));
  }

  /** Every fund with a token on chain, whatever its status: paused and closed funds still hold units. */
  async deployedTokens(): Promise<{ fundId: string; tokenAddress: `0x${string}`; unitDecimals: number }[]> {
    const funds = await this.dataSource.getRepository(FundEntity).find({ where: { tokenAddress: Not(IsNull()) }, order: { createdAt: 'ASC' } });
    return funds.map((fund) => ({ fundId: fund.id, tokenAddress: fund.tokenAddress!, unitDecimals: fund.unitDecimals }));
  }

  /** Used by the worker. */
  async findById(fundId: string, manager: EntityManager = this.dataSource.manager): Promise<FundEntity | null> {
    return manager.getRepository(FundEntity).findOneBy({ id: fundId });
  }

  /** Moves a fund along its state machine with its audit row, inside the caller's transaction. */
  async transition(manager: EntityManager, fund: FundEntity, to: FundStatus, changes: Partial<FundEntity>, reason: string | null, actor: string): Promise<void> {
    assertTransition(FUND_STATE_MACHINE, fund.status, to);
    await manager.update(FundEntity, { id: fund.id }, { ...changes, status: to });
    await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'status-changed', fromStatus: fund.status, toStatus: to, actor, reason });
    Object.assign(fund, changes, { status: to });
    await this.emitFundEvent(manager, fund);
  }

  /** `fund.<status>` (the fund entered its current status, or `type`): the fund as the API shows it, to its issuer. */
  private async emitFundEvent(manager: EntityManager, fund: FundEntity, type: string = statusEventType('fund', fund.status)): Promise<void> {
    await this.events.emit(manager, { type, subject: { type: 'fund', id: fund.id }, data: this.map(fund), audience: { issuerId: fund.issuerId } });
  }

  /** An audit row for what a chain job did to the fund's token, inside the caller's transaction. */
  async recordChainChange(manager: EntityManager, fundId: string, action: string, reason: string): Promise<void> {
    await this.audit.record(manager, { entityType: 'fund', entityId: fundId, action, actor: SYSTEM_ACTOR, reason });
  }

  map(fund: FundEntity): FundResponseDto {
    const cashDecimals = currencyDecimals(fund.currency);
    return {
      id: fund.id,
      issuerId: fund.issuerId,
      status: fund.status,
      name: fund.name,
      symbol: fund.symbol,
      currency: fund.currency,
      unitDecimals: fund.unitDecimals,
      nav: formatNav(numericToScaled(fund.nav, 8)),
      navAsOf: fund.navAsOf,
      minSubscription: formatDecimal(numericToScaled(fund.minSubscription, cashDecimals), cashDecimals),
      cutOffTime: fund.cutOffTime,
      timezone: fund.timezone,
      settlementDays: fund.settlementDays,
      pricing: fund.pricing,
      eligibleJurisdictions: fund.eligibleJurisdictions,
      eligibleInvestorClasses: fund.eligibleInvestorClasses,
      maxHolders: fund.maxHolders,
      calendar: fund.calendar,
      maxUnitsPerHolder: fund.maxUnitsPerHolder === null ? null : formatDecimal(BigInt(fund.maxUnitsPerHolder), fund.unitDecimals),
      lockupDays: fund.lockupDays,
      navTolerancePercent: formatDecimal(numericToScaled(fund.navTolerancePercent, 2), 2),
      incomeMode: fund.incomeMode,
      rulesSync: fund.rulesSyncedVersion >= fund.rulesVersion ? 'SYNCED' : 'PENDING',
      lifecycleSync: fund.tokenPaused === fund.tokenPauseTarget ? 'SYNCED' : 'PENDING',
      chainId: fund.chainId,
      tokenAddress: fund.tokenAddress,
      createdAt: fund.createdAt.toISOString(),
    };
  }

  /** A NAV became PUBLISHED: the fund's current NAV follows the latest one, and what waited for it is priced. */
  private async afterPublished(manager: EntityManager, fund: FundEntity, asOf: string, nav: string): Promise<void> {
    if (asOf >= fund.navAsOf) await manager.update(FundEntity, { id: fund.id }, { nav, navAsOf: asOf });
    await this.events.emit(manager, {
      type: EventType.FUND_NAV_PUBLISHED,
      subject: { type: 'fund', id: fund.id },
      data: { fundId: fund.id, nav: formatNav(numericToScaled(nav, 8)), asOf, status: NavStatus.PUBLISHED },
      audience: { issuerId: fund.issuerId },
    });
    for (const handler of this.navPublishedHandlers) await handler(manager, fund.id, asOf);
  }

  /** The latest PUBLISHED NAV (before `before`, if given). */
  private async latestPublished(manager: EntityManager, fundId: string, before?: string): Promise<{ asOf: string; nav: string } | undefined> {
    const [row] = (await manager.query(
      `SELECT as_of::text AS as_of, nav::text AS nav FROM fund_navs WHERE fund_id = $1 AND status = 'PUBLISHED' AND ($2::date IS NULL OR as_of < $2::date) ORDER BY as_of DESC LIMIT 1`,
      [fundId, before ?? null],
    )) as { as_of: string; nav: string }[];
    return row ? { asOf: row.as_of, nav: row.nav } : undefined;
  }

  /**
   * Locks the NAV row of `asOf` (if any) and refuses when an order was priced at it. The lock waits
   * for every pricing statement that holds it; the check that follows is a new statement, so it
   * sees what they committed.
   */
  private async lockNavForChange(manager: EntityManager, fundId: string, asOf: string): Promise<void> {
    await manager.query('SELECT 1 FROM fund_navs WHERE fund_id = $1 AND as_of = $2 FOR UPDATE', [fundId, asOf]);
    const [dealt] = (await manager.query('SELECT 1 FROM orders WHERE fund_id = $1 AND nav_as_of = $2 LIMIT 1', [fundId, asOf])) as unknown[];
    if (dealt) throw new FundsException(FundsErrorCode.NAV_ALREADY_DEALT, `Orders were priced at the NAV of ${asOf}: it can no longer change`);
  }

  /** The per-holder cap in the token's smallest denomination. */
  private unitsCap(value: string, unitDecimals: number): bigint {
    return parseDecimal(value, unitDecimals);
  }

  private termsOf(fund: FundEntity): Partial<CreateFundRequestDto> {
    return {
      currency: fund.currency,
      unitDecimals: fund.unitDecimals,
      initialNav: '1',
      minSubscription: fund.minSubscription.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
      timezone: fund.timezone,
      navTolerancePercent: fund.navTolerancePercent.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
    };
  }

  private validateTerms(request: CreateFundRequestDto, calendarExists: boolean): void {
    const problems: FieldError[] = [];
    if (!isTimeZone(request.timezone)) problems.push({ field: 'timezone', message: 'timezone must be an IANA time zone such as "Asia/Hong_Kong"' });
    if (!calendarExists) problems.push({ field: 'calendar', message: `calendar ${request.calendar} does not exist (PUT /v1/calendars/{code} creates one)` });
    const cashDecimals = currencyDecimals(request.currency);
    if (fractionDigits(request.minSubscription) > cashDecimals) {
      problems.push({ field: 'minSubscription', message: `minSubscription may have at most ${cashDecimals} decimals in ${request.currency}` });
    }
    if (!fitsNumeric(request.minSubscription)) problems.push({ field: 'minSubscription', message: `minSubscription may have at most ${MAX_WHOLE_DIGITS} digits before the point` });
    if (parseNav(request.initialNav) === 0n) problems.push({ field: 'initialNav', message: 'initialNav must be greater than zero' });
    if (!fitsNumeric(request.initialNav)) problems.push({ field: 'initialNav', message: `initialNav may have at most ${MAX_WHOLE_DIGITS} digits before the point` });
    const unsettleable = stableNavProblem(request.pricing, parseNav(request.initialNav));
    if (unsettleable) problems.push({ field: 'initialNav', message: unsettleable });
    const unitDecimals = request.unitDecimals ?? 6;
    if (request.maxUnitsPerHolder !== undefined && request.maxUnitsPerHolder !== null) {
      if (fractionDigits(request.maxUnitsPerHolder) > unitDecimals) problems.push({ field: 'maxUnitsPerHolder', message: `maxUnitsPerHolder may have at most ${unitDecimals} decimals in this fund` });
      else {
        const cap = parseDecimal(request.maxUnitsPerHolder, unitDecimals);
        if (cap === 0n || cap > MAX_TOKEN_BALANCE) problems.push({ field: 'maxUnitsPerHolder', message: 'maxUnitsPerHolder must be greater than zero and fit the token (2^104 - 1 smallest units)' });
      }
    }
    if (request.navTolerancePercent !== undefined) {
      const tolerance = parseDecimal(request.navTolerancePercent, 2);
      if (tolerance === 0n || tolerance > 10_000n) problems.push({ field: 'navTolerancePercent', message: 'navTolerancePercent must be greater than 0 and at most 100' });
    }
    if (problems.length > 0) throw new InputValidationException(problems);
  }

  private async setShelfStatus(actor: Actor, fundId: string, distributorId: string, status: ShelfStatus): Promise<ShelfEntryResponseDto> {
    const distributor = await this.organizations.findOrganization(distributorId, OrganizationType.DISTRIBUTOR);
    if (!distributor) throw new FundsException(FundsErrorCode.DISTRIBUTOR_NOT_FOUND, `Distributor ${distributorId} not found`);
    return this.dataSource.transaction(async (manager) => {
      await this.findVisible(manager, actor, fundId, true);
      await manager.upsert(FundDistributorEntity, { fundId, distributorId, status }, ['fundId', 'distributorId']);
      await this.audit.record(manager, {
        entityType: 'fund',
        entityId: fundId,
        action: status === ShelfStatus.ACTIVE ? 'distributor-shelved' : 'distributor-unshelved',
        actor: actorName(actor),
        data: { distributorId },
      });
      return { fundId, distributorId, status };
    });
  }

  /** The fund if the actor may see it: its issuer, or a distributor it is shelved with. */
  private async findVisible(manager: EntityManager, actor: Actor, fundId: string, issuerOnly = false, lock = false): Promise<FundEntity> {
    const fund = await manager.findOne(FundEntity, { where: { id: fundId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const visible =
      fund &&
      (actor.role === Role.ISSUER
        ? fund.issuerId === actor.organizationId
        : !issuerOnly &&
          actor.role === Role.DISTRIBUTOR &&
          (await manager.existsBy(FundDistributorEntity, { fundId, distributorId: actor.organizationId, status: ShelfStatus.ACTIVE })));
    if (!fund || !visible) throw new FundsException(FundsErrorCode.FUND_NOT_FOUND, `Fund ${fundId} not found`);
    return fund;
  }

  private async reload(fundId: string): Promise<FundEntity> {
    return this.dataSource.getRepository(FundEntity).findOneByOrFail({ id: fundId });
  }
}

/** True when `next` is within `tolerancePercent` (numeric text, 2 decimals) of `previous` (both scaled by 8). */
export function isWithinTolerance(previous: bigint, next: bigint, tolerancePercent: string): boolean {
  const move = next > previous ? next - previous : previous - next;
  // move / previous <= tolerance / 100, with the tolerance scaled by 100: move * 10^4 <= tolerance * previous.
  return move * 10_000n <= numericToScaled(tolerancePercent, 2) * previous;
}

/** The business day before `date`. */
function previousBusinessDay(date: string, calendar: BusinessCalendar): string {
  let day = addDays(date, -1);
  for (let searched = 0; !isBusinessDay(day, calendar.holidays) && searched < 400; searched++) day = addDays(day, -1);
  return day;
}

/**
 * The settlement contract keeps a STABLE_NAV fund's NAV (scaled by 10^8) in 64 bits, beside the other settings
 * of a stablecoin route it reads in one word: a larger one would be accepted here and refused on chain.
 */
const MAX_STABLE_NAV_SCALED = 2n ** 64n - 1n;

/** Why `nav` (scaled by 10^8) cannot be a fund's NAV under its pricing, or null. */
function stableNavProblem(pricing: FundPricing, nav: bigint): string | null {
  if (pricing !== FundPricing.STABLE_NAV || nav <= MAX_STABLE_NAV_SCALED) return null;
  return `a STABLE_NAV fund's NAV is at most ${formatNav(MAX_STABLE_NAV_SCALED)} (what its stablecoin settlement holds on chain)`;
}

/** A decimal that fits numeric(38, 8). */
function fitsNumeric(value: string): boolean {
  return value.split('.')[0]!.length <= MAX_WHOLE_DIGITS;
}

/** The name of a fund's order reference sequence (the id is a validated UUID: safe in SQL). */
function referenceSequenceOf(fundId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(fundId)) throw new RangeError(`Not a fund id: ${fundId}`);
  return `fund_ref_seq_${fundId.replaceAll('-', '').toLowerCase()}`;
}
