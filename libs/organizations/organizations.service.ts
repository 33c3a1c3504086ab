import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, InputValidationException, OrganizationType, Role, type Actor, type Page, type PageRequest } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { keysetPage } from '@rwa/database';
import { ApiKeyAuthCache } from './api-key-cache.js';
import { ApiKeyHasher, ApiKeyHashVersion, generateApiKey } from './api-key-hash.js';
import { ApiKeyEntity } from './api-key.entity.js';
import type {
  ApiKeyListItemDto,
  ApiKeyResponseDto,
  CreateApiKeyRequestDto,
  CreateOrganizationRequestDto,
  CreateUserRequestDto,
  MeResponseDto,
  OrganizationResponseDto,
  UserResponseDto,
} from './dtos/organization.dto.js';
import { OrganizationEntity } from './organization.entity.js';
import { OrganizationsErrorCode, OrganizationsException } from './organizations.exception.js';
import { UserEntity } from './user.entity.js';

const ROLES_BY_ORGANIZATION_TYPE: Record<OrganizationType, Role[]> = {
  [OrganizationType.PLATFORM]: [Role.ADMIN, Role.COMPLIANCE],
  [OrganizationType.ISSUER]: [Role.ISSUER],
  [OrganizationType.DISTRIBUTOR]: [Role.DISTRIBUTOR],
};

/** Roles whose decisions need a second person (four-eyes): their keys must name the person. */
const ROLES_NEEDING_A_USER = new Set([Role.ISSUER, Role.COMPLIANCE]);
/** lastUsedAt is kept to the minute: at most one write per key per minute, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_EXPIRY_AHEAD_MS = 10 * 366 * 86_400_000;
/** Longer than any key we issue or accept at bootstrap: hashing a megabyte header is pointless work. */
const MAX_PRESENTED_KEY_LENGTH = 512;
const UNIQUE_VIOLATION = '23505';

/** What authentication remembers of a key: the actor, and until when the key is valid. */
interface AuthenticatedKey {
  actor: Actor;
  expiresAt: number | null;
}

interface ApiKeyRow {
  id: string;
  organization_id: string;
  organization_type: OrganizationType;
  role: Role;
  user_id: string | null;
  expires_at: Date | null;
  hash_version: number;
}

/** Organisations, their users and API keys, and authentication of a presented key. */
@Injectable()
export class OrganizationsService implements OnModuleDestroy {
  private readonly logger = new Logger(OrganizationsService.name);
  private readonly hasher: ApiKeyHasher;
  // Authentication runs on every request; the cache keeps it off the database and hears revocations.
  private readonly authCache: ApiKeyAuthCache<AuthenticatedKey | null>;
  /** When this process last wrote each key's lastUsedAt. */
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.hasher = new ApiKeyHasher(config.auth.apiKeyPepper);
    this.authCache = new ApiKeyAuthCache(config.database.url, config.auth.apiKeyCacheMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.authCache.close();
  }

  async createOrganization(actor: Actor, request: CreateOrganizationRequestDto): Promise<OrganizationResponseDto> {
    const organization = await this.dataSource.transaction(async (manager) => {
      const entity = manager.create(OrganizationEntity, { id: randomUUID(), type: request.type, name: request.name, jurisdiction: request.jurisdiction });
      await manager.insert(OrganizationEntity, entity);
      await this.audit.record(manager, { entityType: 'organization', entityId: entity.id, action: 'created', actor: actorName(actor), data: { type: entity.type } });
      return entity;
    });
    return this.mapOrganization(organization);
  }

  /** Adds a person to an organisation; the role must fit the organisation, as a key's does. */
  async createUser(actor: Actor, organizationId: string, request: CreateUserRequestDto): Promise<UserResponseDto> {
    const organization = await this.requireOrganization(this.dataSource.manager, organizationId);
    this.assertRoleFits(organization, request.role);
    const user: UserEntity = Object.assign(new UserEntity(), {
      id: randomUUID(),
      organizationId,
      name: request.name,
      email: request.email.trim().toLowerCase(),
      role: request.role,
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(UserEntity, user);
        await this.audit.record(manager, { entityType: 'user', entityId: user.id, action: 'created', actor: actorName(actor), data: { organizationId, role: user.role } });
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new OrganizationsException(OrganizationsErrorCode.USER_EMAIL_TAKEN, `Organization ${organizationId} already has a user with email ${user.email}`);
      }
      throw error;
    }
    return { id: user.id, organizationId, name: user.name, email: user.email, role: user.role };
  }

  async createApiKey(actor: Actor, organizationId: string, request: CreateApiKeyRequestDto): Promise<ApiKeyResponseDto> {
    const expiresAt = this.parseExpiry(request.expiresAt);
    if (ROLES_NEEDING_A_USER.has(request.role) && !request.userId) {
      throw new InputValidationException([{ field: 'userId', message: `userId is required for ${request.role} keys: four-eyes rules compare users, so the key must name its person` }]);
    }
    const organization = await this.requireOrganization(this.dataSource.manager, organizationId);
    this.assertRoleFits(organization, request.role);
    if (request.userId) {
      const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: request.userId, organizationId });
      if (!user) throw new OrganizationsException(OrganizationsErrorCode.USER_NOT_FOUND, `User ${request.userId} not found in organization ${organizationId}`);
      if (user.role !== request.role) {
        throw new OrganizationsException(OrganizationsErrorCode.USER_ROLE_MISMATCH, `User ${user.id} is ${user.role}: a key of theirs must be ${user.role}, not ${request.role}`);
      }
    }
    const key = generateApiKey();
    const id = randomUUID();
    const userId = request.userId ?? null;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ApiKeyEntity, {
        id,
        organizationId,
        userId,
        label: request.label,
        role: request.role,
        keyHash: this.hasher.hash(key),
        hashVersion: ApiKeyHashVersion.HMAC_SHA256,
        expiresAt,
      });
      await this.audit.record(manager, {
        entityType: 'api_key',
        entityId: id,
        action: 'created',
        actor: actorName(actor),
        data: { organizationId, role: request.role, userId, expiresAt: expiresAt?.toISOString() ?? null },
      });
    });
    return { id, role: request.role, key, userId, expiresAt: expiresAt?.toISOString() ?? null };
  }

  /** The organisation's keys, oldest first, without their secrets or hashes. */
  async listApiKeys(organizationId: string, page: PageRequest): Promise<Page<ApiKeyListItemDto>> {
    await this.requireOrganization(this.dataSource.manager, organizationId);
    const query = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('key').where('key.organization_id = :organizationId', { organizationId });
    return keysetPage(query, page, (key) => this.mapKey(key));
  }

  /**
   * Revokes a key of the organisation (again: no change, the same answer). The api_keys trigger
   * notifies every API process at commit, which drops the key from its cache.
   */
  async revokeApiKey(actor: Actor, organizationId: string, keyId: string): Promise<ApiKeyListItemDto> {
    await this.requireOrganization(this.dataSource.manager, organizationId);
    const revoked = await this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKeyEntity, { where: { id: keyId, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new OrganizationsException(OrganizationsErrorCode.API_KEY_NOT_FOUND, `API key ${keyId} not found in organization ${organizationId}`);
      if (key.revokedAt) return key;
      const revokedAt = new Date();
      await manager.update(ApiKeyEntity, { id: keyId }, { revokedAt });
      await this.audit.record(manager, { entityType: 'api_key', entityId: keyId, action: 'revoked', actor: actorName(actor), data: { organizationId, role: key.role, userId: key.userId } });
      return Object.assign(key, { revokedAt });
    });
    this.authCache.invalidate(keyId);
    return this.mapKey(revoked);
  }

  /** The caller as GET /v1/me shows it, with the key's user. */
  async describe(actor: Actor): Promise<MeResponseDto> {
    const user = actor.userId ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.userId }) : null;
    return { organizationId: actor.organizationId, organizationType: actor.organizationType, role: actor.role, userId: actor.userId, userName: user?.name ?? null };
  }

  /** The actor a presented key stands for, or null for an unknown, revoked or expired key. */
  async authenticate(presentedKey: string): Promise<Actor | null> {
    if (presentedKey.length === 0 || presentedKey.length > MAX_PRESENTED_KEY_LENGTH) return null;
    const keyHash = this.hasher.hash(presentedKey);
    // Unknown keys are cached too, briefly, so a flood of bad keys does not reach Postgres.
    const found = await this.authCache.get(keyHash, async () => {
      const key = await this.lookUp(presentedKey, keyHash);
      return { value: key, keyId: key?.actor.apiKeyId ?? null };
    });
    if (!found || (found.expiresAt !== null && found.expiresAt <= Date.now())) return null;
    this.recordUse(found.actor.apiKeyId);
    return found.actor;
  }

  /** The organisation of the given id and type, or undefined. */
  async findOrganization(id: string, type: OrganizationType): Promise<OrganizationEntity | undefined> {
    return (await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id, type })) ?? undefined;
  }

  /**
   * Creates the platform organisation and an ADMIN key of the configured value, once.
   * Idempotent: a key that already exists (under either hash) is left as it is.
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
      const keyHash = this.hasher.hash(adminKey);
      const [{ known }] = (await manager.query('SELECT count(*)::int AS known FROM api_keys WHERE key_hash = ANY($1::text[])', [[keyHash, this.hasher.legacyHash(adminKey)]])) as [
        { known: number },
      ];
      if (known > 0) return;
      const id = randomUUID();
      await manager.insert(ApiKeyEntity, {
        id,
        organizationId: platform.id,
        userId: null,
        label: 'bootstrap admin (PLATFORM_ADMIN_KEY)',
        role: Role.ADMIN,
        keyHash,
        hashVersion: ApiKeyHashVersion.HMAC_SHA256,
        expiresAt: null,
      });
      await this.audit.record(manager, { entityType: 'api_key', entityId: id, action: 'created', actor: 'system', data: { role: Role.ADMIN, bootstrap: true } });
      this.logger.log('Platform admin key registered from PLATFORM_ADMIN_KEY');
    });
  }

  /**
   * The live (not revoked) key of this hash. A key still stored under the unkeyed SHA-256 of
   * before issue 11 is found by that hash and re-stored under the HMAC, once.
   */
  private async lookUp(presentedKey: string, keyHash: string): Promise<AuthenticatedKey | null> {
    const legacyHash = this.hasher.legacyHash(presentedKey);
    const [row] = (await this.dataSource.query(
      `SELECT k.id, k.organization_id, o.type AS organization_type, k.role, k.user_id, k.expires_at, k.hash_version
       FROM api_keys k JOIN organizations o ON o.id = k.organization_id
       WHERE k.revoked_at IS NULL AND ((k.key_hash = $1 AND k.hash_version = ${ApiKeyHashVersion.HMAC_SHA256}) OR (k.key_hash = $2 AND k.hash_version = ${ApiKeyHashVersion.SHA256}))`,
      [keyHash, legacyHash],
    )) as ApiKeyRow[];
    if (!row) return null;
    if (row.hash_version === ApiKeyHashVersion.SHA256) {
      await this.dataSource.query(`UPDATE api_keys SET key_hash = $1, hash_version = ${ApiKeyHashVersion.HMAC_SHA256} WHERE id = $2 AND hash_version = ${ApiKeyHashVersion.SHA256}`, [
        keyHash,
        row.id,
      ]);
    }
    return {
      actor: { organizationId: row.organization_id, organizationType: row.organization_type, role: row.role, apiKeyId: row.id, userId: row.user_id },
      expiresAt: row.expires_at?.getTime() ?? null,
    };
  }

  /** Stamps lastUsedAt at most once a minute per key (in this process, and in the database across processes). */
  private recordUse(keyId: string): void {
    const now = Date.now();
    const written = this.lastUsedWrites.get(keyId);
    if (written !== undefined && now - written < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.delete(keyId);
    this.lastUsedWrites.set(keyId, now);
    if (this.lastUsedWrites.size > 10_000) this.lastUsedWrites.delete(this.lastUsedWrites.keys().next().value as string);
    // Off the request path: a lost stamp only makes lastUsedAt a minute older.
    this.dataSource
      .query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_RESOLUTION_MS} milliseconds')`, [keyId])
      .catch((error: unknown) => this.logger.warn(`Could not record the use of API key ${keyId}: ${(error as Error).message}`));
  }

  private parseExpiry(raw: string | undefined): Date | null {
    if (raw === undefined) return null;
    const expiresAt = new Date(raw);
    const now = Date.now();
    if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now || expiresAt.getTime() > now + MAX_EXPIRY_AHEAD_MS) {
      throw new InputValidationException([{ field: 'expiresAt', message: 'expiresAt must be a date and time in the future, at most 10 years ahead' }]);
    }
    return expiresAt;
  }

  private async requireOrganization(manager: EntityManager, organizationId: string): Promise<OrganizationEntity> {
    const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization) throw new OrganizationsException(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND, `Organization ${organizationId} not found`);
    return organization;
  }

  private assertRoleFits(organization: OrganizationEntity, role: Role): void {
    if (!ROLES_BY_ORGANIZATION_TYPE[organization.type].includes(role)) {
      throw new OrganizationsException(
        OrganizationsErrorCode.ROLE_NOT_ALLOWED_FOR_ORGANIZATION,
        `A ${organization.type} organization can hold only ${ROLES_BY_ORGANIZATION_TYPE[organization.type].join(' or ')} keys and users`,
      );
    }
  }

  private mapKey(key: Pick<ApiKeyEntity, 'id' | 'label' | 'role' | 'userId' | 'createdAt' | 'expiresAt' | 'revokedAt' | 'lastUsedAt'>): ApiKeyListItemDto {
    return {
      id: key.id,
      label: key.label,
      role: key.role,
      userId: key.userId,
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    };
  }

  private mapOrganization(entity: OrganizationEntity): OrganizationResponseDto {
    return { id: entity.id, type: entity.type, name: entity.name, jurisdiction: entity.jurisdiction };
  }
}
