import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import {
  ApiKeyResponseDto,
  CreateApiKeyRequestDto,
  CreateOrganizationRequestDto,
  MeResponseDto,
  OrganizationResponseDto,
  OrganizationsService,
} from '@rwa/organizations';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { AnswerCarriesSecret } from '../http/idempotency.interceptor.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('v1')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('me')
  me(@CurrentActor() actor: Actor): MeResponseDto {
    return { organizationId: actor.organizationId, organizationType: actor.organizationType, role: actor.role };
  }

  @Post('organizations')
  @Roles(Role.ADMIN)
  createOrganization(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationRequestDto): Promise<OrganizationResponseDto> {
    return this.organizations.createOrganization(actor, body);
  }

  @Post('organizations/:orgId/api-keys')
  @Roles(Role.ADMIN)
  @AnswerCarriesSecret()
  createApiKey(@CurrentActor() actor: Actor, @Param('orgId', UuidParamPipe) orgId: string, @Body() body: CreateApiKeyRequestDto): Promise<ApiKeyResponseDto> {
    return this.organizations.createApiKey(actor, orgId, body);
  }
}
