import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, type Actor } from '@rwa/common';
import type { AddBlocklistEntryRequestDto, BlocklistEntryResponseDto } from './dtos/kyt.dto.js';
import { AlertSeverity, AlertStatus, BlocklistEntryEntity, KytAlertEntity, type AlertReason, type AlertSubjectType } from './kyt.entities.js';
import { KytErrorCode, KytException } from './kyt.exception.js';

/** The result of screening: clean, or the reasons to hold the subject for review. */
export interface ScreeningResult {
  clean: boolean;
  severity: AlertSeverity | null;
  reasons: AlertReason[];
}

const OPEN_STATUSES = [AlertStatus.OPEN, AlertStatus.IN_REVIEW, AlertStatus.ESCALATED, AlertStatus.PENDING_APPROVAL];

/** Screening against the platform's blocklist, and the raising of alerts that hold a subject. */
@Injectable()
export class KytService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Screens addresses inside the caller's transaction. A direct blocklist hit is HIGH severity. */
  async screenAddresses(manager: EntityManager, addresses: readonly `0x${string}`[]): Promise<ScreeningResult> {
    const hits = await manager.findBy(BlocklistEntryEntity, { address: In([...addresses]) });
    if (hits.length === 0) return { clean: true, severity: null, reasons: [] };
    return {
      clean: false,
      severity: AlertSeverity.HIGH,
      reasons: hits.map((hit) => ({ code: 'BLOCKLIST_MATCH', message: `${hit.address} is blocklisted (${hit.source}): ${hit.reason}` })),
    };
  }

  /** Raises an alert that holds `subject`, inside the caller's transaction. */
  async raiseAlert(manager: EntityManager, subjectType: AlertSubjectType, subjectId: string, screening: ScreeningResult): Promise<KytAlertEntity> {
    const alert = manager.create(KytAlertEntity, {
      id: randomUUID(),
      severity: screening.severity ?? AlertSeverity.MEDIUM,
      status: AlertStatus.OPEN,
      subjectType,
      subjectId,
      reasons: screening.reasons,
      assignee: null,
      pendingDecision: null,
      decidedBy: null,
      decisionReason: null,
      comments: [],
    });
    await manager.insert(KytAlertEntity, alert);
    await this.audit.record(manager, {
      entityType: 'kyt_alert',
      entityId: alert.id,
      action: 'raised',
      toStatus: alert.status,
      actor: 'system',
      data: { subjectType, subjectId, severity: alert.severity, reasons: alert.reasons.map((reason) => reason.code) },
    });
    return alert;
  }

  /** True while an undecided alert holds the subject. */
  async hasOpenAlert(manager: EntityManager, subjectType: AlertSubjectType, subjectId: string): Promise<boolean> {
    return manager.existsBy(KytAlertEntity, { subjectType, subjectId, status: In(OPEN_STATUSES) });
  }

  async listBlocklist(): Promise<BlocklistEntryResponseDto[]> {
    const entries = await this.dataSource.getRepository(BlocklistEntryEntity).find({ order: { createdAt: 'ASC' } });
    return entries.map((entry) => this.mapEntry(entry));
  }

  /** Adds (or updates) a blocklist entry. */
  async addToBlocklist(actor: Actor, request: AddBlocklistEntryRequestDto): Promise<BlocklistEntryResponseDto> {
    const address = request.address as `0x${string}`;
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(BlocklistEntryEntity, { address, reason: request.reason, source: request.source, addedBy: actorName(actor) }, ['address']);
      await this.audit.record(manager, {
        entityType: 'blocklist',
        entityId: addressEntityId(address),
        action: 'address-blocklisted',
        actor: actorName(actor),
        data: { address, source: request.source },
      });
    });
    return this.mapEntry(await this.dataSource.getRepository(BlocklistEntryEntity).findOneByOrFail({ address }));
  }

  async removeFromBlocklist(actor: Actor, address: `0x${string}`): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(BlocklistEntryEntity, { address });
      if (!result.affected) throw new KytException(KytErrorCode.BLOCKLIST_ENTRY_NOT_FOUND, `${address} is not blocklisted`);
      await this.audit.record(manager, { entityType: 'blocklist', entityId: addressEntityId(address), action: 'address-unblocklisted', actor: actorName(actor), data: { address } });
    });
  }

  private mapEntry(entry: BlocklistEntryEntity): BlocklistEntryResponseDto {
    return { address: entry.address, reason: entry.reason, source: entry.source, addedBy: entry.addedBy, createdAt: entry.createdAt.toISOString() };
  }
}

/** Blocklist rows are keyed by address; the audit trail keys entities by UUID, so derive a stable one. */
function addressEntityId(address: string): string {
  const hex = Buffer.from(address.toLowerCase().slice(2), 'hex').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
