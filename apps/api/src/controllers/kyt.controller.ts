import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InputValidationException, normalizeAddress, Role, type Actor, type Page } from '@rwa/common';
import {
  AddBlocklistEntryRequestDto,
  AlertDecisionRequestDto,
  AlertListQueryDto,
  AlertResponseDto,
  AlertsService,
  ApproveAlertDecisionRequestDto,
  AssignAlertRequestDto,
  CommentAlertRequestDto,
  EscalateAlertRequestDto,
  BlocklistEntryResponseDto,
  FundRulesDto,
  FundRulesService,
  KytService,
  PutFundRulesRequestDto,
} from '@rwa/kyt';
import { isAddress } from 'viem';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('kyt')
@ApiBearerAuth()
@Controller('v1/kyt')
@Roles(Role.COMPLIANCE)
export class KytController {
  constructor(
    private readonly kyt: KytService,
    private readonly alerts: AlertsService,
    private readonly fundRules: FundRulesService,
  ) {}

  /** A fund's KYT thresholds (the platform defaults until set). */
  @Get('funds/:fundId/rules')
  getFundRules(@Param('fundId', UuidParamPipe) fundId: string): Promise<FundRulesDto> {
    return this.fundRules.get(fundId);
  }

  @Put('funds/:fundId/rules')
  putFundRules(@CurrentActor() actor: Actor, @Param('fundId', UuidParamPipe) fundId: string, @Body() body: PutFundRulesRequestDto): Promise<FundRulesDto> {
    return this.fundRules.put(actor, fundId, body);
  }

  @Get('alerts')
  listAlerts(@Query() query: AlertListQueryDto, @Query() page: PageQueryDto): Promise<Page<AlertResponseDto>> {
    return this.alerts.list(query, toPageRequest(page));
  }

  @Get('alerts/:id')
  getAlert(@Param('id', UuidParamPipe) id: string): Promise<AlertResponseDto> {
    return this.alerts.get(id);
  }

  @Post('alerts/:id/assign')
  @HttpCode(HttpStatus.OK)
  assign(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: AssignAlertRequestDto): Promise<AlertResponseDto> {
    return this.alerts.assign(actor, id, body);
  }

  @Post('alerts/:id/comments')
  comment(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CommentAlertRequestDto): Promise<AlertResponseDto> {
    return this.alerts.comment(actor, id, body);
  }

  @Post('alerts/:id/escalate')
  @HttpCode(HttpStatus.OK)
  escalate(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: EscalateAlertRequestDto): Promise<AlertResponseDto> {
    return this.alerts.escalate(actor, id, body);
  }

  @Post('alerts/:id/decision')
  @HttpCode(HttpStatus.OK)
  decide(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: AlertDecisionRequestDto): Promise<AlertResponseDto> {
    return this.alerts.decide(actor, id, body);
  }

  @Post('alerts/:id/approve')
  @HttpCode(HttpStatus.OK)
  approve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: ApproveAlertDecisionRequestDto): Promise<AlertResponseDto> {
    return this.alerts.approve(actor, id, body);
  }

  @Get('blocklist')
  listBlocklist(@Query() page: PageQueryDto): Promise<Page<BlocklistEntryResponseDto>> {
    return this.kyt.listBlocklist(toPageRequest(page));
  }

  @Post('blocklist')
  addToBlocklist(@CurrentActor() actor: Actor, @Body() body: AddBlocklistEntryRequestDto): Promise<BlocklistEntryResponseDto> {
    return this.kyt.addToBlocklist(actor, body);
  }

  @Delete('blocklist/:address')
  @HttpCode(HttpStatus.NO_CONTENT)
  async removeFromBlocklist(@CurrentActor() actor: Actor, @Param('address') address: string): Promise<void> {
    if (!isAddress(address, { strict: false })) throw new InputValidationException([{ field: 'address', message: 'address must be an EVM address' }]);
    await this.kyt.removeFromBlocklist(actor, normalizeAddress(address));
  }
}
