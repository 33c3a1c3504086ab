import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SqlStatement } from '@rwa/database';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, InputValidationException, type Actor } from '@rwa/common';
import type { CreateInvestorRequestDto, InvestorResponseDto, UpdateInvestorRequestDto } from './dtos/investor.dto.js';
import { InvestorRegistryHooks } from './investor-registry-hooks.js';
import { DistributionPreference, InvestorEntity } from './investor.entity.js';
import { InvestorsErrorCode, InvestorsException } from './investors.exception.js';

const UNIQUE_VIOLATION = '23505';
/** What the on-chain registry holds of an investor: a change of any of these bumps `registryVersion`. */
const REGISTRY_FIELDS = ['kycStatus', 'kycExpiresAt', 'investorClass', 'jurisdiction'] as const;
/** Instants a KYC expiry may take: the chain stores unix seconds, and ISO-8601 has four-digit years. */
const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
const LATEST_INSTANT = Date.UTC(10000, 0, 1);

/** A distributor's investors. Every read and write is scoped to the distributor. */
@Injectable()
export class InvestorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly registry: InvestorRegistryHooks,
  ) {}

  async create(actor: Actor, request: CreateInvestorRequestDto): Promise<InvestorResponseDto> {
    const kycExpiresAt = parseInstant('kycExpiresAt', request.kycExpiresAt);
    try {
      const investor = await this.dataSource.transaction(async (manager) => {
        const entity = manager.create(InvestorEntity, {
          id: randomUUID(),
          distributorId: actor.organizationId,
          externalRef: request.externalRef,
          type: request.type,
          jurisdiction: request.jurisdiction,
          investorClass: request.investorClass,
          kycStatus: request.kycStatus,
          kycExpiresAt,
          distributionPreference: request.distributionPreference ?? DistributionPreference.REINVEST,
          registryVersion: '1',
        });
        await manager.insert(InvestorEntity, entity);
        await this.audit.record(manager, { entityType: 'investor', entityId: entity.id, action: 'created', toStatus: entity.kycStatus, actor: actorName(actor) });
        return entity;
      });
      return this.map(await this.findOwned(this.dataSource.manager, actor.organizationId, investor.id));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new InvestorsException(InvestorsErrorCode.DUPLICATE_EXTERNAL_REF, `An investor with externalRef ${request.externalRef} already exists`);
      }
      throw error;
    }
  }

  /**
   * A boolean SQL expression for a statement that places a subscription for `investor` as the
   * caller read it (maybe from a cache): true while the investor is still the distributor's, with
   * an approved KYC unexpired at `at` and the same jurisdiction and class. The owner is compared
   * with IS NOT DISTINCT FROM so that a generic plan probes the primary key, never the index of the
   * distributor's investors (which it would read through, one investor after another).
   */
  subscribableSql(statement: SqlStatement, investor: InvestorEntity, at: Date): string {
    return `EXISTS (SELECT 1 FROM investors WHERE id = ${statement.param(investor.id, 'uuid')} AND distributor_id IS NOT DISTINCT FROM ${statement.param(investor.distributorId, 'uuid')}
      AND kyc_status = 'APPROVED' AND kyc_expires_at > ${statement.param(at, 'timestamptz')}
      AND jurisdiction = ${statement.param(investor.jurisdiction)} AND investor_class = ${statement.param(investor.investorClass)})`;
  }

  /**
   * A SQL expression, for a statement of a step that moves value: the investor's KYC and
   * eligibility as JSON (`{kycStatus, kycExpiresAt, jurisdiction, investorClass}`).
   */
  stateSql(investorIdSql: string): string {
    return `(SELECT json_build_object('kycStatus', kyc_status, 'kycExpiresAt', kyc_expires_at, 'jurisdiction', jurisdiction, 'investorClass', investor_class) FROM investors WHERE id = ${investorIdSql})`;
  }

  async get(actor: Actor, investorId: string): Promise<InvestorResponseDto> {
    return this.map(await this.findOwned(this.dataSource.manager, actor.organizationId, investorId));
  }

  /**
   * Changes the fields present in `request`. A change of what the registry holds (KYC status or
   * expiry, class, jurisdiction) bumps `registryVersion` and, in the same transaction, queues the
   * on-chain update of each registered wallet's identity. Fields given with their current value
   * change nothing (no version, no audit row, no job).
   */
  async update(actor: Actor, investorId: string, request: UpdateInvestorRequestDto): Promise<InvestorResponseDto> {
    const kycExpiresAt = request.kycExpiresAt === undefined ? undefined : parseInstant('kycExpiresAt', request.kycExpiresAt);
    await this.dataSource.transaction(async (manager) => {
      const investor = await this.findOwned(manager, actor.organizationId, investorId, true);
      const requested: Partial<InvestorEntity> = {
        kycStatus: request.kycStatus,
        kycExpiresAt,
        investorClass: request.investorClass,
        jurisdiction: request.jurisdiction,
        distributionPreference: request.distributionPreference,
      };
      const changes: Partial<InvestorEntity> = {};
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(requested) as [keyof InvestorEntity, unknown][]) {
        if (value === undefined || sameValue(investor[field], value)) continue;
        Object.assign(changes, { [field]: value });
        changed[field] = { from: investor[field], to: value };
      }
      if (Object.keys(changes).length === 0) return;
      const registryChanged = REGISTRY_FIELDS.some((field) => field in changes);
      if (registryChanged) changes.registryVersion = (BigInt(investor.registryVersion) + 1n).toString();
      await manager.update(InvestorEntity, { id: investor.id }, changes);
      await this.audit.record(manager, {
        entityType: 'investor',
        entityId: investor.id,
        action: 'updated',
        fromStatus: investor.kycStatus,
        toStatus: changes.kycStatus ?? investor.kycStatus,
        actor: actorName(actor),
        data: { changed, ...(registryChanged ? { registryVersion: changes.registryVersion } : {}) },
      });
      if (registryChanged) await this.registry.notifyChanged(manager, Object.assign(investor, changes));
    });
    return this.get(actor, investorId);
  }

  /**
   * The distributor's investor, optionally locked for the caller's transaction.
   * @throws INVESTOR_NOT_FOUND for an unknown id or another distributor's investor
   */
  async findOwned(manager: EntityManager, distributorId: string, investorId: string, lock = false): Promise<InvestorEntity> {
    const investor = await manager.findOne(InvestorEntity, { where: { id: investorId, distributorId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!investor) throw new InvestorsException(InvestorsErrorCode.INVESTOR_NOT_FOUND, `Investor ${investorId} not found`);
    return investor;
  }

  /** Used by the worker, which acts for the platform rather than a distributor. */
  async findById(manager: EntityManager, investorId: string): Promise<InvestorEntity | null> {
    return manager.findOneBy(InvestorEntity, { id: investorId });
  }

  /** The investor as the API shows it, for a compliance officer's view of a subject (no owner check). */
  async findView(manager: EntityManager, investorId: string): Promise<InvestorResponseDto | null> {
    const investor = await this.findById(manager, investorId);
    return investor && this.map(investor);
  }

  private async map(investor: InvestorEntity): Promise<InvestorResponseDto> {
    return {
      id: investor.id,
      externalRef: investor.externalRef,
      type: investor.type,
      jurisdiction: investor.jurisdiction,
      investorClass: investor.investorClass,
      kycStatus: investor.kycStatus,
      kycExpiresAt: investor.kycExpiresAt.toISOString(),
      distributionPreference: investor.distributionPreference,
      registrySync: await this.registry.syncState(this.dataSource.manager, investor),
      createdAt: investor.createdAt.toISOString(),
      updatedAt: investor.updatedAt.toISOString(),
    };
  }
}

function parseInstant(field: string, value: string): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new InputValidationException([{ field, message: `${field} is not a valid date-time` }]);
  if (instant.getTime() < EARLIEST_INSTANT || instant.getTime() >= LATEST_INSTANT) {
    throw new InputValidationException([{ field, message: `${field} must lie between 1970-01-01 and 9999-12-31` }]);
  }
  return instant;
}

function sameValue(current: unknown, requested: unknown): boolean {
  return current instanceof Date && requested instanceof Date ? current.getTime() === requested.getTime() : current === requested;
}
