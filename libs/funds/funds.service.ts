import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SqlStatement } from '@rwa/database';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import {
  actorName,
  assertTransition,
  currencyDecimals,
  decodeCursor,
  formatDecimal,
  formatNav,
  fractionDigits,
  InputValidationException,
  numericToScaled,
  OrganizationType,
  parseNav,
  Role,
  toPage,
  type Actor,
  type FieldError,
  type Page,
  type PageRequest,
} from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { OrganizationsService } from '@rwa/organizations';
import { JobName, OutboxService } from '@rwa/queue';
import { isTimeZone } from './dealing-calendar.js';
import type { CreateFundRequestDto, FundResponseDto, NavResponseDto, PublishNavRequestDto, ShelfEntryResponseDto } from './dtos/fund.dto.js';
import { FUND_STATE_MACHINE, FundDistributorEntity, FundEntity, FundNavEntity, FundStatus, ShelfStatus } from './fund.entity.js';
import { FundsErrorCode, FundsException } from './funds.exception.js';

/** Reacts to a newly published NAV inside the publishing transaction (orders price what waited on it). */
export type NavPublishedHandler = (manager: EntityManager, fundId: string, asOf: string) => Promise<void>;

/** Funds: their terms, NAVs, lifecycle and distribution shelf. */
@Injectable()
export class FundsService {
  private readonly navPublishedHandlers: NavPublishedHandler[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly organizations: OrganizationsService,
    private readonly config: AppConfig,
  ) {}

  /** Records the fund and its deployment intent in one transaction; the token is created by the worker. */
  async create(actor: Actor, request: CreateFundRequestDto): Promise<FundResponseDto> {
    this.validateTerms(request);
    const today = new Date().toISOString().slice(0, 10);
    const fund = await this.dataSource.transaction(async (manager) => {
      const entity = manager.create(FundEntity, {
        id: randomUUID(),
        issuerId: actor.organizationId,
        name: request.name,
        symbol: request.symbol,
        currency: request.currency,
        unitDecimals: request.unitDecimals ?? 6,
        nav: request.initialNav,
        navAsOf: today,
        minSubscription: request.minSubscription,
        cutOffTime: request.cutOffTime,
        timezone: request.timezone,
        settlementDays: request.settlementDays,
        pricing: request.pricing,
        eligibleJurisdictions: request.eligibleJurisdictions,
        eligibleInvestorClasses: request.eligibleInvestorClasses,
        maxHolders: request.maxHolders ?? null,
        status: FundStatus.PENDING_DEPLOYMENT,
        chainId: this.config.chain.chainId,
        tokenAddress: null,
      });
      await manager.insert(FundEntity, entity);
      await manager.query(`CREATE SEQUENCE ${referenceSequenceOf(entity.id)}`);
      await manager.insert(FundNavEntity, { fundId: entity.id, asOf: today, nav: request.initialNav });
      await this.audit.record(manager, { entityType: 'fund', entityId: entity.id, action: 'created', toStatus: entity.status, actor: actorName(actor) });
      await this.outbox.add(manager, { name: JobName.DEPLOY_FUND, data: { fundId: entity.id } });
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
    if (page.cursor) {
      const cursor = decodeCursor(page.cursor);
      if (!cursor) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not valid' }]);
      query.andWhere('(fund.created_at, fund.id) > (:createdAt, :id)', cursor);
    }
    const rows = await query.orderBy('fund.created_at', 'ASC').addOrderBy('fund.id', 'ASC').limit(page.limit + 1).getMany();
    return toPage(rows, page.limit, (row) => this.map(row));
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

  /** Records the NAV of a dealing date; the latest NAV becomes the fund's current NAV. */
  async publishNav(actor: Actor, fundId: string, request: PublishNavRequestDto): Promise<NavResponseDto> {
    if (Number.isNaN(Date.parse(`${request.asOf}T00:00:00Z`))) throw new InputValidationException([{ field: 'asOf', message: 'asOf is not a calendar date' }]);
    if (parseNav(request.nav) === 0n) throw new InputValidationException([{ field: 'nav', message: 'nav must be greater than zero' }]);
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.findVisible(manager, actor, fundId, true);
      await manager.upsert(FundNavEntity, { fundId, asOf: request.asOf, nav: request.nav }, ['fundId', 'asOf']);
      if (request.asOf >= fund.navAsOf) await manager.update(FundEntity, { id: fundId }, { nav: request.nav, navAsOf: request.asOf });
      await this.audit.record(manager, { entityType: 'fund', entityId: fundId, action: 'nav-published', actor: actorName(actor), data: { ...request } });
      for (const handler of this.navPublishedHandlers) await handler(manager, fundId, request.asOf);
      return { fundId, nav: formatNav(parseNav(request.nav)), asOf: request.asOf };
    });
  }

  /**
   * The fund a distributor may place orders in, locked for the caller's transaction.
   * @throws FUND_NOT_FOUND when the fund is not on the distributor's shelf (never reveal it exists)
   */
  async findForOrder(manager: EntityManager, distributorId: string, fundId: string): Promise<FundEntity> {
    const fund = await manager
      .getRepository(FundEntity)
      .createQueryBuilder('fund')
      .innerJoin(FundDistributorEntity, 'shelf', 'shelf.fund_id = fund.id AND shelf.distributor_id = :distributorId AND shelf.status = :active', {
        distributorId,
        active: ShelfStatus.ACTIVE,
      })
      .where('fund.id = :fundId', { fundId })
      .getOne();
    if (!fund) throw new FundsException(FundsErrorCode.FUND_NOT_FOUND, `Fund ${fundId} not found`);
    return fund;
  }

  /**
   * A boolean SQL expression for a statement that places an order on `fund` as the caller read it
   * (maybe from a cache): true while the fund is still ACTIVE on the distributor's shelf with the
   * same dealing terms, so the statement acts exactly as if it had read the fund itself. The shelf
   * status is compared with IS NOT DISTINCT FROM so that a generic plan probes the shelf's primary
   * key, never the index of the distributor's active funds (which it would read through).
   */
  orderableSql(statement: SqlStatement, fund: FundEntity, distributorId: string): string {
    return `EXISTS (SELECT 1 FROM funds f JOIN fund_distributors d ON d.fund_id = f.id AND d.distributor_id = ${statement.param(distributorId, 'uuid')} AND d.status IS NOT DISTINCT FROM 'ACTIVE'
      WHERE f.id = ${statement.param(fund.id, 'uuid')} AND f.status = 'ACTIVE' AND f.currency = ${statement.param(fund.currency)}
        AND f.min_subscription = ${statement.param(fund.minSubscription, 'numeric')} AND f.cut_off_time = ${statement.param(fund.cutOffTime)}
        AND f.timezone = ${statement.param(fund.timezone)} AND f.eligible_jurisdictions = ${statement.param(fund.eligibleJurisdictions, 'char(2)[]')}
        AND f.eligible_investor_classes = ${statement.param(fund.eligibleInvestorClasses, 'varchar[]')})`;
  }

  /**
   * A scalar SQL subquery: the NAV that prices `dealingDateSql` in fund `fundIdSql` (SQL
   * expressions, e.g. an outer query's columns), as navFor reads it; NULL while there is none.
   */
  navSql(fundIdSql: string, dealingDateSql: string): string {
    return `(SELECT nav FROM fund_navs WHERE fund_id = ${fundIdSql} AND as_of <= ${dealingDateSql} ORDER BY as_of DESC LIMIT 1)`;
  }

  /** The name of the fund's order reference sequence, for a statement that takes the next one with nextval. */
  referenceSequenceName(fundId: string): string {
    return referenceSequenceOf(fundId);
  }

  /** The NAV that prices a dealing date: the one published for it, else the latest before it. */
  async navFor(manager: EntityManager, fundId: string, dealingDate: string): Promise<bigint | undefined> {
    const [row] = (await manager.query('SELECT nav FROM fund_navs WHERE fund_id = $1 AND as_of <= $2 ORDER BY as_of DESC LIMIT 1', [fundId, dealingDate])) as {
      nav: string;
    }[];
    return row ? numericToScaled(row.nav, 8) : undefined;
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
   * navFor and allocateReferenceSeq in one round trip: the NAV pricing the dealing date and, only
   * when there is one, the fund's next order reference (nextval runs once per row returned).
   */
  async navAndReferenceFor(manager: EntityManager, fundId: string, dealingDate: string): Promise<{ nav: bigint; referenceSeq: bigint } | undefined> {
    const [row] = (await manager.query(
      `SELECT n.nav, nextval('${referenceSequenceOf(fundId)}')::text AS seq
       FROM (SELECT nav FROM fund_navs WHERE fund_id = $1 AND as_of <= $2 ORDER BY as_of DESC LIMIT 1) n`,
      [fundId, dealingDate],
    )) as { nav: string; seq: string }[];
    return row ? { nav: numericToScaled(row.nav, 8), referenceSeq: BigInt(row.seq) } : undefined;
  }

  /**
   * Funds by id, for modules that show fund terms next to their own records.
   * Inside a transaction pass its `manager`: a second pool connection taken while the transaction
   * holds row locks can deadlock once every pooled connection waits for those locks.
   */
  async findByIds(fundIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, FundEntity>> {
    const funds = fundIds.length === 0 ? [] : await manager.getRepository(FundEntity).findBy({ id: In([...new Set(fundIds)]) });
    return new Map(funds.map((fund) => [fund.id, fund]));
  }

  /** The issuer's own fund. @throws FUND_NOT_FOUND for any other */
  async findOwnedByIssuer(actor: Actor, fundId: string): Promise<FundEntity> {
    return this.findVisible(this.dataSource.manager, actor, fundId, true);
  }

  async countShelvedDistributors(fundId: string): Promise<number> {
    return this.dataSource.getRepository(FundDistributorEntity).countBy({ fundId, status: ShelfStatus.ACTIVE });
  }

  /** The deployed tokens of ACTIVE funds, for enforcement across all of them (freezes). */
  async activeTokens(): Promise<{ fundId: string; tokenAddress: `0x${string}`; unitDecimals: number }[]> {
    const funds = await this.dataSource.getRepository(FundEntity).findBy({ status: FundStatus.ACTIVE });
    return funds.filter((fund) => fund.tokenAddress).map((fund) => ({ fundId: fund.id, tokenAddress: fund.tokenAddress!, unitDecimals: fund.unitDecimals }));
  }

  /** Every fund with a token on chain, whatever its status: paused and closed funds still hold units. */
  async deployedTokens(): Promise<{ fundId: string; tokenAddress: `0x${string}`; unitDecimals: number }[]> {
    const funds = await this.dataSource.getRepository(FundEntity).find({ where: { tokenAddress: Not(IsNull()) }, order: { createdAt: 'ASC' } });
    return funds.map((fund) => ({ fundId: fund.id, tokenAddress: fund.tokenAddress!, unitDecimals: fund.unitDecimals }));
  }

  /** Used by the worker. */
  async findById(fundId: string): Promise<FundEntity | null> {
    return this.dataSource.getRepository(FundEntity).findOneBy({ id: fundId });
  }

  /** Moves a fund along its state machine with its audit row, inside the caller's transaction. */
  async transition(manager: EntityManager, fund: FundEntity, to: FundStatus, changes: Partial<FundEntity>, reason: string | null, actor: string): Promise<void> {
    assertTransition(FUND_STATE_MACHINE, fund.status, to);
    await manager.update(FundEntity, { id: fund.id }, { ...changes, status: to });
    await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'status-changed', fromStatus: fund.status, toStatus: to, actor, reason });
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
      chainId: fund.chainId,
      tokenAddress: fund.tokenAddress,
      createdAt: fund.createdAt.toISOString(),
    };
  }

  private validateTerms(request: CreateFundRequestDto): void {
    const problems: FieldError[] = [];
    if (!isTimeZone(request.timezone)) problems.push({ field: 'timezone', message: 'timezone must be an IANA time zone such as "Asia/Hong_Kong"' });
    const cashDecimals = currencyDecimals(request.currency);
    if (fractionDigits(request.minSubscription) > cashDecimals) {
      problems.push({ field: 'minSubscription', message: `minSubscription may have at most ${cashDecimals} decimals in ${request.currency}` });
    }
    if (parseNav(request.initialNav) === 0n) problems.push({ field: 'initialNav', message: 'initialNav must be greater than zero' });
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
  private async findVisible(manager: EntityManager, actor: Actor, fundId: string, issuerOnly = false): Promise<FundEntity> {
    const fund = await manager.findOneBy(FundEntity, { id: fundId });
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

/** The name of a fund's order reference sequence (the id is a validated UUID: safe in SQL). */
function referenceSequenceOf(fundId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(fundId)) throw new RangeError(`Not a fund id: ${fundId}`);
  return `fund_ref_seq_${fundId.replaceAll('-', '').toLowerCase()}`;
}
