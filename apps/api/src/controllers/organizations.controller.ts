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
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('v1')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('me')
  @ApiEndpoint({ summary: 'Describe the calling API key', description: 'Its organisation, role and person.', operationId: 'getMe', ok: MeResponseDto })
  me(@CurrentActor() actor: Actor): Promise<MeResponseDto> {
    return this.organizations.describe(actor);
  }

  @Post('organizations')
  @Roles(Role.ADMIN)
  @ApiEndpoint({ summary: 'Create an organisation', operationId: 'createOrganization', ok: OrganizationResponseDto, status: 201 })
  createOrganization(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationRequestDto): Promise<OrganizationResponseDto> {
    return this.organizations.createOrganization(actor, body);
  }

  @Post('organizations/:orgId/users')
  @Roles(Role.ADMIN)
  @ApiEndpoint({ summary: 'Create a user of an organisation', operationId: 'createUser', ok: UserResponseDto, status: 201, errors: [[409, 'USER_EMAIL_TAKEN'], [422, 'ROLE_NOT_ALLOWED_FOR_ORGANIZATION']] })
  createUser(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Body() body: CreateUserRequestDto): Promise<UserResponseDto> {
    return this.organizations.createUser(actor, orgId, body);
  }

  @Post('organizations/:orgId/api-keys')
  @Roles(Role.ADMIN)
  @AnswerCarriesSecret()
  @ApiEndpoint({ summary: 'Create an API key', description: 'The key itself is in this answer only; an idempotent replay answers 409 IDEMPOTENT_REPLAY_UNAVAILABLE rather than show it again.', operationId: 'createApiKey', ok: ApiKeyResponseDto, status: 201, errors: [[409, 'IDEMPOTENT_REPLAY_UNAVAILABLE'], [422, 'ROLE_NOT_ALLOWED_FOR_ORGANIZATION, USER_ROLE_MISMATCH']] })
  createApiKey(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Body() body: CreateApiKeyRequestDto): Promise<ApiKeyResponseDto> {
    return this.organizations.createApiKey(actor, orgId, body);
  }

  @Get('organizations/:orgId/api-keys')
  @Roles(Role.ADMIN)
  @ApiEndpoint({ summary: 'List the API keys of an organisation', description: 'Never their secrets.', operationId: 'listApiKeys', ok: ApiKeyPageDto })
  listApiKeys(@Param('orgId', UuidParamPipe) orgId: string, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    return this.organizations.listApiKeys(orgId, toPageRequest(query));
  }

  /** Revokes the key: it answers 401 in every API process within a second (api-contract.md). */
  @Delete('organizations/:orgId/api-keys/:keyId')
  @Roles(Role.ADMIN)
  @ApiEndpoint({ summary: 'Revoke an API key', description: 'It answers 401 in every API process within a second.', operationId: 'revokeApiKey', ok: ApiKeyListItemDto })
  revokeApiKey(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Param('keyId', UuidParamPipe) keyId: string): Promise<ApiKeyListItemDto> {
    return this.organizations.revokeApiKey(actor, orgId, keyId);
  }
}
