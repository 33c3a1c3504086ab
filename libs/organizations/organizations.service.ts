import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, OrganizationType, Role, type Actor } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { generateApiKey, hashApiKey } from './api-key-hash.js';
import { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeyResponseDto, CreateApiKeyRequestDto, CreateOrganizationRequestDto, OrganizationResponseDto } from './dtos/organization.dto.js';
import { OrganizationEntity } from './organization.entity.js';
import { OrganizationsErrorCode, OrganizationsException } from './organizations.exception.js';

const ROLES_BY_ORGANIZATION_TYPE: Record<OrganizationType, Role[]> = {
  [OrganizationType.PLATFORM]: [Role.ADMIN, Role.COMPLIANCE],
  [OrganizationType.ISSUER]: [Role.ISSUER],
  [OrganizationType.DISTRIBUTOR]: [Role.DISTRIBUTOR],
};

interface CachedActor {
  actor: Actor | null;
  expiresAt: number;
}

/** Organisations, their API keys, and authentication of a presented key. */
@Injectable()
export class OrganizationsService {
  private readonly logger = new Logger(OrganizationsService.name);
  // Authentication runs on every request; a short cache keeps it off the database.
  private readonly actorCache = new Map<string, CachedActor>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async createOrganization(actor: Actor, request: CreateOrganizationRequestDto): Promise<OrganizationResponseDto> {
    const organization = await this.dataSource.transaction(async (manager) => {
      const entity = manager.create(OrganizationEntity, { id: randomUUID(), type: request.type, name: request.name, jurisdiction: request.jurisdiction });
      await manager.insert(OrganizationEntity, entity);
      await this.audit.record(manager, { entityType: 'organization', entityId: entity.id, action: 'created', actor: actorName(actor), data: { type: entity.type } });
      return entity;
    });
    return this.mapOrganization(organization);
  }

  async createApiKey(actor: Actor, organizationId: string, request: CreateApiKeyRequestDto): Promise<ApiKeyResponseDto> {
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: organizationId });
    if (!organization) throw new OrganizationsException(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND, `Organization ${organizationId} not found`);
    if (!ROLES_BY_ORGANIZATION_TYPE[organization.type].includes(request.role)) {
      throw new OrganizationsException(
        OrganizationsErrorCode.ROLE_NOT_ALLOWED_FOR_ORGANIZATION,
        `A ${organization.type} organization can hold only ${ROLES_BY_ORGANIZATION_TYPE[organization.type].join(' or ')} keys`,
      );
    }
    const key = generateApiKey();
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ApiKeyEntity, { id, organizationId, label: request.label, role: request.role, keyHash: hashApiKey(key) });
      await this.audit.record(manager, { entityType: 'api_key', entityId: id, action: 'created', actor: actorName(actor), data: { organizationId, role: request.role } });
    });
    return { id, role: request.role, key };
  }

  /** The actor a presented key stands for, or null for an unknown or revoked key. */
  async authenticate(presentedKey: string): Promise<Actor | null> {
    const keyHash = hashApiKey(presentedKey);
    const cached = this.actorCache.get(keyHash);
    if (cached && cached.expiresAt > Date.now()) return cached.actor;
    const apiKey = await this.dataSource.getRepository(ApiKeyEntity).findOne({
      where: { keyHash, revokedAt: IsNull() },
      relations: { organization: true },
    });
    const actor: Actor | null = apiKey?.organization
      ? { organizationId: apiKey.organizationId, organizationType: apiKey.organization.type, role: apiKey.role, apiKeyId: apiKey.id }
      : null;
    // Unknown keys are cached too, briefly, so a flood of bad keys does not reach Postgres.
    this.actorCache.set(keyHash, { actor, expiresAt: Date.now() + this.config.auth.apiKeyCacheMs });
    if (this.actorCache.size > 10_000) this.actorCache.delete(this.actorCache.keys().next().value as string);
    return actor;
  }

  /** The organisation of the given id and type, or undefined. */
  async findOrganization(id: string, type: OrganizationType): Promise<OrganizationEntity | undefined> {
    return (await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id, type })) ?? undefined;
  }

  /**
   * Creates the platform organisation and an ADMIN key of the configured value, once.
   * Idempotent: a key that already exists is left as it is.
   */
  async bootstrapPlatformAdmin(): Promise<void> {
    const adminKey = this.config.auth.platformAdminKey;
    if (!adminKey) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(7240002)');
      let platform = await manager.findOneBy(OrganizationEntity, { type: OrganizationType.PLATFORM });
      if (!platform) {
        platform = manager.create(OrganizationEntity, { id: randomUUID(), type: OrganizationType.PLATFORM, name: 'Platform operator', jurisdiction: 'HK' });
        await manager.insert(OrganizationEntity, platform);
        await this.audit.record(manager, { entityType: 'organization', entityId: platform.id, action: 'created', actor: 'system', data: { type: platform.type } });
      }
      const keyHash = hashApiKey(adminKey);
      if (await manager.existsBy(ApiKeyEntity, { keyHash })) return;
      const id = randomUUID();
      await manager.insert(ApiKeyEntity, { id, organizationId: platform.id, label: 'bootstrap admin (PLATFORM_ADMIN_KEY)', role: Role.ADMIN, keyHash });
      await this.audit.record(manager, { entityType: 'api_key', entityId: id, action: 'created', actor: 'system', data: { role: Role.ADMIN, bootstrap: true } });
      this.logger.log('Platform admin key registered from PLATFORM_ADMIN_KEY');
    });
  }

  private mapOrganization(entity: OrganizationEntity): OrganizationResponseDto {
    return { id: entity.id, type: entity.type, name: entity.name, jurisdiction: entity.jurisdiction };
  }
}
