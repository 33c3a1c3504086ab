import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EventsService, EventType } from '@rwa/events';
import { alertEvent } from './alert-events.js';
import { AuditService } from '@rwa/audit';
import { actorName, decodeKeyCursor, encodeKeyCursor, InputValidationException, toPage, type Actor, type Page, type PageRequest } from '@rwa/common';
import { BLOCKLIST_IMPORT_PREVIEW, type AddBlocklistEntryRequestDto, type BlocklistEntryResponseDto, type BlocklistImportResponseDto } from './dtos/kyt.dto.js';
import { parseOfacSdn } from './blocklist/ofac-sdn-parser.js';
import type { TravelRuleInfoDto } from './dtos/travel-rule.dto.js';
import { BlocklistIndex } from './blocklist/blocklist-index.js';
import { KytSubjectHandlers, type ListedAddress } from './kyt-subject-handlers.js';
import { KytOrderScreeningEntity } from './kyt-rules.entities.js';
import { alertDueAt, AlertSeverity, AlertStatus, BlocklistEntryEntity, KytAlertEntity, type AlertReason, type AlertSubjectType } from './kyt.entities.js';
import { KytErrorCode, KytException } from './kyt.exception.js';
import { ScreeningUnavailableError } from './provider/http-kyt-provider.js';
import { assess, KYT_PROVIDER, KytReasonCode, type KytProvider, type OrderScreeningRequest, type RiskAssessment } from './provider/kyt-provider.js';
import { RulesKytProvider } from './provider/rules-kyt-provider.js';
import { FundRulesService } from './rules/fund-rules.service.js';
import { investorScreeningLockSql, travelRuleApplies } from './rules/order-rules.js';

/** An external provider's verdict on an order, asked before the caller's transaction (prescreenOrder). */
export type PrescreenedOrder = RiskAssessment | ScreeningUnavailableError | undefined;
/** An external provider's verdicts on addresses (lower case), asked before the caller's transaction (prescreenAddresses). */
export type PrescreenedAddresses = ReadonlyMap<string, RiskAssessment> | ScreeningUnavailableError | undefined;

/** The result of screening: clean, or the reasons to hold the subject for review. */
export interface ScreeningResult {
  clean: boolean;
  severity: AlertSeverity | null;
  score: number;
  reasons: AlertReason[];
  /** True when no provider answered: the subject is held and screened again automatically. */
  unavailable?: boolean;
}

/** Fail closed: a held subject with a MEDIUM alert that the re-screening loop picks up. */
function unavailableResult(error: ScreeningUnavailableError): ScreeningResult {
  return { clean: false, severity: AlertSeverity.MEDIUM, score: 0, unavailable: true, reasons: [{ code: KytReasonCode.SCREENING_UNAVAILABLE, message: error.message }] };
}

const OPEN_STATUSES = [AlertStatus.OPEN, AlertStatus.IN_REVIEW, AlertStatus.ESCALATED, AlertStatus.PENDING_APPROVAL];
/** Rows per INSERT when importing a list (Postgres allows 65,535 parameters per statement). */
const IMPORT_CHUNK = 5000;

/** Screening through the KYT provider, the platform's blocklist, and the raising of alerts that hold a subject. */
@Injectable()
export class KytService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(KYT_PROVIDER) private readonly provider: KytProvider,
    private readonly fundRules: FundRulesService,
    private readonly subjects: KytSubjectHandlers,
    private readonly index: BlocklistIndex,
    private readonly rules: RulesKytProvider,
    private readonly events: EventsService,
  ) {}

  /**
   * The external provider's part of an order's screening, when there is one: call it before opening
   * the transaction that places or moves the order, and hand the answer to screenOrder. No HTTP call
   * then runs while that transaction holds row locks.
   */
  async prescreenOrder(order: OrderScreeningRequest): Promise<PrescreenedOrder> {
    if (!this.provider.externalOrderVerdict) return undefined;
    try {
      return await this.provider.externalOrderVerdict(order);
    } catch (error) {
      if (error instanceof ScreeningUnavailableError) return error;
      throw error;
    }
  }

  /** Serialises the screening of these investors' orders until the caller's transaction ends (investorScreeningLockSql). */
  async lockInvestors(manager: EntityManager, investorIds: readonly string[]): Promise<void> {
    await manager.query(investorScreeningLockSql(investorIds));
  }

  /**
   * A boolean SQL expression: the address (a SQL expression) is on the blocklist, read from the
   * table itself (exact, whatever this process's in-memory index has seen yet). For the steps that
   * move value: payment confirmation and the mint or burn job just before it signs.
   */
  blocklistedSql(addressSql: string): string {
    return `EXISTS (SELECT 1 FROM kyt_blocklist WHERE address = ${addressSql})`;
  }

  /**
   * The external provider's part of screening these addresses, when there is one: call it before
   * opening the transaction that screens them, and hand the answer to screenAddresses. No HTTP call
   * then runs while that transaction holds row locks.
   */
  async prescreenAddresses(addresses: readonly `0x${string}`[]): Promise<PrescreenedAddresses> {
    if (!this.provider.externalAddressVerdict) return undefined;
    const verdicts = new Map<string, RiskAssessment>();
    try {
      for (const address of new Set(addresses.map((each) => each.toLowerCase() as `0x${string}`))) verdicts.set(address, await this.provider.externalAddressVerdict(address));
    } catch (error) {
      if (error instanceof ScreeningUnavailableError) return error;
      throw error;
    }
    return verdicts;
  }

  /**
   * Screens addresses inside the caller's transaction (the platform's rules), with the external
   * provider's verdicts asked before it (prescreenAddresses). A direct blocklist hit is HIGH severity.
   */
  async screenAddresses(manager: EntityManager, addresses: readonly `0x${string}`[], prescreened: PrescreenedAddresses): Promise<ScreeningResult> {
    const reasons: RiskAssessment['reasons'] = [];
    try {
      if (prescreened instanceof ScreeningUnavailableError) throw prescreened;
      // One after the other: the calls share the caller's transaction (one connection).
      for (const address of addresses) {
        if (!this.provider.externalAddressVerdict) {
          reasons.push(...(await this.provider.screenAddress(manager, address)).reasons);
          continue;
        }
        const external = prescreened?.get(address.toLowerCase());
        if (!external) throw new Error(`${address} was not prescreened: call prescreenAddresses before the transaction`);
        reasons.push(...(await this.rules.screenAddress(manager, address)).reasons, ...external.reasons);
      }
    } catch (error) {
      if (error instanceof ScreeningUnavailableError) return unavailableResult(error);
      throw error;
    }
    return toScreening(assess(reasons));
  }

  /**
   * Screens an order inside the caller's transaction and records it in KYT's history (for the
   * velocity and structuring rules of later orders).
   * @throws KytException TRAVEL_RULE_INFO_REQUIRED when the amount reaches the fund's threshold and
   *   originator or beneficiary information is missing
   */
  async screenOrder(manager: EntityManager, order: OrderScreeningRequest, travelRule: TravelRuleInfoDto | null | undefined, prescreened?: PrescreenedOrder): Promise<ScreeningResult> {
    // Before anything reads the investor's history: the count below then sees every order screened before.
    await this.lockInvestors(manager, [order.investorId]);
    const rules = await this.fundRules.forFund(manager, order.fundId);
    if (travelRuleApplies(order.amount, rules, order.cashDecimals) && !(travelRule?.originator && travelRule?.beneficiary)) {
      throw new KytException(
        KytErrorCode.TRAVEL_RULE_INFO_REQUIRED,
        `Orders of ${rules.travelRuleThreshold} or more in this fund need originator and beneficiary information (travelRule)`,
      );
    }
    let screening: ScreeningResult;
    try {
      if (prescreened instanceof ScreeningUnavailableError) throw prescreened;
      screening = toScreening(
        prescreened && this.provider.externalOrderVerdict
          ? assess([...(await this.rules.screenOrder(manager, order)).reasons, ...prescreened.reasons])
          : await this.provider.screenOrder(manager, order),
      );
    } catch (error) {
      if (!(error instanceof ScreeningUnavailableError)) throw error;
      screening = unavailableResult(error);
    }
    // Recorded even when unheld or unscreened: later orders' velocity and structuring count it.
    // A re-screening updates the record of the same order.
    await manager.upsert(
      KytOrderScreeningEntity,
      {
        orderId: order.orderId,
        fundId: order.fundId,
        investorId: order.investorId,
        amount: (order.amount ?? 0n).toString(),
        score: screening.score,
        level: screening.severity ?? AlertSeverity.LOW,
        screenedAt: order.at,
      },
      ['orderId'],
    );
    return screening;
  }

  /** Raises an alert that holds `subject`, inside the caller's transaction. A new alert every time: closed ones never reopen. */
  async raiseAlert(manager: EntityManager, subjectType: AlertSubjectType, subjectId: string, screening: ScreeningResult): Promise<KytAlertEntity> {
    const severity = screening.severity ?? AlertSeverity.MEDIUM;
    const raisedAt = new Date();
    const alert = manager.create(KytAlertEntity, {
      id: randomUUID(),
      severity,
      status: AlertStatus.OPEN,
      subjectType,
      subjectId,
      reasons: screening.reasons,
      score: screening.score,
      dueAt: alertDueAt(severity, raisedAt),
      resolutionCode: null,
      assignee: null,
      pendingDecision: null,
      decidedBy: null,
      decisionReason: null,
      comments: [],
      createdAt: raisedAt,
    });
    await manager.insert(KytAlertEntity, alert);
    await this.audit.record(manager, {
      entityType: 'kyt_alert',
      entityId: alert.id,
      action: 'raised',
      toStatus: alert.status,
      actor: 'system',
      data: { subjectType, subjectId, severity: alert.severity, score: alert.score, reasons: alert.reasons.map((reason) => reason.code) },
    });
    await this.events.emit(manager, alertEvent(EventType.KYT_ALERT_OPENED, alert));
    return alert;
  }

  /** True while an undecided alert holds the subject. */
  async hasOpenAlert(manager: EntityManager, subjectType: AlertSubjectType, subjectId: string): Promise<boolean> {
    return manager.existsBy(KytAlertEntity, { subjectType, subjectId, status: In(OPEN_STATUSES) });
  }

  /**
   * The blocklist, a page at a time in address order (an imported sanctions list has many
   * thousands); `q` keeps the entries whose address, reason or source contains it (any case).
   */
  async listBlocklist(page: PageRequest, q?: string): Promise<Page<BlocklistEntryResponseDto>> {
    const query = this.dataSource.getRepository(BlocklistEntryEntity).createQueryBuilder('entry').orderBy('entry.address', 'ASC').limit(page.limit + 1);
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query.andWhere('(entry.address ILIKE :pattern OR entry.reason ILIKE :pattern OR entry.source ILIKE :pattern)', { pattern });
    }
    if (page.cursor !== undefined) {
      const [after] = decodeKeyCursor(page.cursor, 1) ?? [];
      if (after === undefined || !/^0x[0-9a-fA-F]{40}$/.test(after)) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not valid' }]);
      query.andWhere('entry.address > :after', { after });
    }
    return toPage(await query.getMany(), page.limit, (entry) => this.mapEntry(entry), (entry) => encodeKeyCursor([entry.address]));
  }

  /**
   * Imports an OFAC SDN file (SDN.XML or sdn.csv, as text), or with `dryRun` only says what it
   * would do: the EVM addresses found, which of them are listed already. The import itself is
   * importBlocklist (one transaction, one audit row).
   */
  async importOfacSdn(actor: Actor, source: string, content: string, dryRun: boolean): Promise<BlocklistImportResponseDto> {
    const { entries, skipped } = parseOfacSdn(content, source);
    if (!dryRun && entries.length === 0) throw new InputValidationException([{ field: 'file', message: 'the file holds no EVM digital currency address' }]);
    const listed = new Set<string>();
    for (let start = 0; start < entries.length; start += IMPORT_CHUNK) {
      const chunk = entries.slice(start, start + IMPORT_CHUNK).map((entry) => entry.address);
      const rows = await this.dataSource.getRepository(BlocklistEntryEntity).find({ select: { address: true }, where: { address: In(chunk) } });
      for (const row of rows) listed.add(row.address);
    }
    const added = dryRun ? 0 : (await this.importBlocklist(actorName(actor), source, entries)).added;
    return {
      source,
      dryRun,
      evmAddresses: entries.length,
      otherChainsSkipped: skipped,
      alreadyListed: listed.size,
      added,
      entries: entries.slice(0, BLOCKLIST_IMPORT_PREVIEW).map((entry) => ({ address: entry.address, reason: entry.reason, listed: listed.has(entry.address) })),
      entriesTruncated: entries.length > BLOCKLIST_IMPORT_PREVIEW,
    };
  }

  /** Adds (or updates) a blocklist entry; bound wallets at that address are screened again at once. */
  async addToBlocklist(actor: Actor, request: AddBlocklistEntryRequestDto): Promise<BlocklistEntryResponseDto> {
    const address = request.address as `0x${string}`;
    const prepared = await this.subjects.prepareListing([address]);
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(BlocklistEntryEntity, { address, reason: request.reason, source: request.source, addedBy: actorName(actor) }, ['address']);
      await this.audit.record(manager, {
        entityType: 'blocklist',
        entityId: addressEntityId(address),
        action: 'address-blocklisted',
        actor: actorName(actor),
        data: { address, source: request.source },
      });
      await this.index.logChanges(manager, [address], 'ADDED');
      await this.subjects.notifyListed(manager, [{ address, source: request.source, reason: request.reason }], actorName(actor), prepared);
    });
    await this.index.refresh();
    return this.mapEntry(await this.dataSource.getRepository(BlocklistEntryEntity).findOneByOrFail({ address }));
  }

  /**
   * Imports a list (e.g. OFAC SDN) in one transaction: new addresses are added, known ones keep
   * their entry; one audit row names the source, the count and the addresses added; bound
   * wallets at added addresses are screened again. Returns how many were new.
   */
  async importBlocklist(actor: string, source: string, entries: readonly ListedAddress[]): Promise<{ received: number; added: number }> {
    const prepared = await this.subjects.prepareListing(entries.map((entry) => entry.address));
    const result = await this.dataSource.transaction(async (manager) => {
      const added: ListedAddress[] = [];
      for (let start = 0; start < entries.length; start += IMPORT_CHUNK) {
        const chunk = entries.slice(start, start + IMPORT_CHUNK);
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(BlocklistEntryEntity)
          .values(chunk.map((entry) => ({ address: entry.address, reason: entry.reason, source: entry.source, addedBy: actor })))
          .orIgnore()
          .returning(['address'])
          .execute();
        const inserted = new Set((result.raw as { address: string }[]).map((row) => row.address));
        added.push(...chunk.filter((entry) => inserted.has(entry.address)));
      }
      await this.audit.record(manager, {
        entityType: 'blocklist',
        entityId: randomUUID(),
        action: 'blocklist-imported',
        actor,
        data: { source, received: entries.length, added: added.length, addresses: added.map((entry) => entry.address) },
      });
      await this.index.logChanges(manager, added.map((entry) => entry.address), 'ADDED');
      if (added.length > 0) await this.subjects.notifyListed(manager, added, actor, prepared);
      return { received: entries.length, added: added.length };
    });
    await this.index.refresh();
    return result;
  }

  async removeFromBlocklist(actor: Actor, address: `0x${string}`): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(BlocklistEntryEntity, { address });
      if (!result.affected) throw new KytException(KytErrorCode.BLOCKLIST_ENTRY_NOT_FOUND, `${address} is not blocklisted`);
      await this.audit.record(manager, { entityType: 'blocklist', entityId: addressEntityId(address), action: 'address-unblocklisted', actor: actorName(actor), data: { address } });
      await this.index.logChanges(manager, [address], 'REMOVED');
    });
    await this.index.refresh();
  }

  private mapEntry(entry: BlocklistEntryEntity): BlocklistEntryResponseDto {
    return { address: entry.address, reason: entry.reason, source: entry.source, addedBy: entry.addedBy, createdAt: entry.createdAt.toISOString() };
  }
}

function toScreening(assessment: RiskAssessment): ScreeningResult {
  const clean = assessment.reasons.length === 0;
  return {
    clean,
    severity: clean ? null : assessment.level,
    score: assessment.score,
    reasons: assessment.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
  };
}

/** Blocklist rows are keyed by address; the audit trail keys entities by UUID, so derive a stable one. */
function addressEntityId(address: string): string {
  const hex = Buffer.from(address.toLowerCase().slice(2), 'hex').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
