import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import {
  ApiKeyListItemDto,
  ApiKeyPageDto,
  ApiKeyResponseDto,
  CreateApiKeyRequestDto,
  CreateOrganizationRequestDto,
  CreateUserRequestDto,
  MeResponseDto,
  OrganizationResponseDto,
  OrganizationsService,
  UserResponseDto,
} from '@rwa/organizations';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { AnswerCarriesSecret } from '../http/idempotency.interceptor.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('v1')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeResponseDto> {
    return this.organizations.describe(actor);
  }

  @Post('organizations')
  @Roles(Role.ADMIN)
  createOrganization(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationRequestDto): Promise<OrganizationResponseDto> {
    return this.organizations.createOrganization(actor, body);
  }

  @Post('organizations/:orgId/users')
  @Roles(Role.ADMIN)
  createUser(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Body() body: CreateUserRequestDto): Promise<UserResponseDto> {
    return this.organizations.createUser(actor, orgId, body);
  }

  @Post('organizations/:orgId/api-keys')
  @Roles(Role.ADMIN)
  @AnswerCarriesSecret()
  createApiKey(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Body() body: CreateApiKeyRequestDto): Promise<ApiKeyResponseDto> {
    return this.organizations.createApiKey(actor, orgId, body);
  }

  @Get('organizations/:orgId/api-keys')
  @Roles(Role.ADMIN)
  listApiKeys(@Param('orgId', UuidParamPipe) orgId: string, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    return this.organizations.listApiKeys(orgId, toPageRequest(query));
  }

  /** Revokes the key: it answers 401 in every API process within a second (api-contract.md). */
  @Delete('organizations/:orgId/api-keys/:keyId')
  @Roles(Role.ADMIN)
  revokeApiKey(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Param('keyId', UuidParamPipe) keyId: string): Promise<ApiKeyListItemDto> {
    return this.organizations.revokeApiKey(actor, orgId, keyId);
  }
}
