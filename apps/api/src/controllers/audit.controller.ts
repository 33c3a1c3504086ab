import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { AuditService, AuditVerificationService, type AuditEventView, type AuditVerification } from '@rwa/audit';
import { Role, type Page } from '@rwa/common';
import { Roles } from '../http/auth.decorators.js';
import { PageQueryDto } from '../http/page-query.dto.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { PageOf } from '../http/page.dto.js';
import { AuditEventDto, AuditVerificationDto } from './response.dtos.js';

const ENTITY_TYPES = ['organization', 'user', 'api_key', 'audit_trail', 'fund', 'investor', 'wallet', 'order', 'kyt_alert', 'blocklist', 'kyt_fund_rules', 'fund_distribution', 'fund_distribution_item', 'reconciliation', 'reconciliation_break'];

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENTITY_TYPES })
  @IsOptional()
  @IsIn(ENTITY_TYPES)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'entityId must be a UUID' })
  entityId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor is not valid' })
  declare cursor?: string;
}

/** The append-only audit trail, for the platform's administrators and compliance officers. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verification: AuditVerificationService,
  ) {}

  /**
   * Checks every chain against the seal key and the heads anchored on chain, and reports each
   * broken chain's first problem (`npm run audit:verify` does the same; docs/audit.md).
   */
  @Get('verification')
  @Roles(Role.ADMIN, Role.COMPLIANCE)
  @ApiEndpoint({ summary: 'Verify the audit trail', description: 'Checks every chain against the seal key and the heads anchored on chain, and reports the first problem of each broken chain.', operationId: 'verifyAuditTrail', ok: AuditVerificationDto })
  verify(): Promise<AuditVerification> {
    return this.verification.verify();
  }

  @Get()
  @Roles(Role.ADMIN, Role.COMPLIANCE)
  @ApiEndpoint({ summary: 'List audit events', operationId: 'listAuditEvents', ok: PageOf(AuditEventDto) })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEventView>> {
    return this.audit.list({ entityType: query.entityType, entityId: query.entityId }, { limit: query.limit ?? 50, cursor: query.cursor });
  }
}
