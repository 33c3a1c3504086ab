import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InputValidationException, normalizeAddress, Role, type Actor, type Page } from '@rwa/common';
import {
  AddBlocklistEntryRequestDto,
  AlertDecisionRequestDto,
  AlertListQueryDto,
  AlertResponseDto,
  AlertSubjectContextDto,
  AlertsService,
  ApproveAlertDecisionRequestDto,
  AssignAlertRequestDto,
  CommentAlertRequestDto,
  EscalateAlertRequestDto,
  BlocklistEntryResponseDto,
  BlocklistImportQueryDto,
  BlocklistImportResponseDto,
  BlocklistQueryDto,
  FundRulesDto,
  FundRulesService,
  KytService,
  PutFundRulesRequestDto,
  SendBackAlertDecisionRequestDto,
} from '@rwa/kyt';
import { isAddress } from 'viem';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { uploadedText } from '../http/text-body.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

/** The largest OFAC SDN file an officer may upload (SDN.XML is tens of MiB). */
export const BLOCKLIST_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;
/** Where the upload's text body is read, and below (bootstrap.ts mounts textBody() there). */
export const BLOCKLIST_IMPORT_PATH = '/v1/kyt/blocklist/imports';

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

  // Reads are open to ADMIN too (the console's read-only mode); every change stays COMPLIANCE.
  @Get('alerts')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  listAlerts(@CurrentActor() actor: Actor, @Query() query: AlertListQueryDto, @Query() page: PageQueryDto): Promise<Page<AlertResponseDto>> {
    return this.alerts.list(query, toPageRequest(page), actor);
  }

  @Get('alerts/:id')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  getAlert(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AlertResponseDto> {
    return this.alerts.get(id, actor);
  }

  /** The alert's subject with its context: a wallet's investor, distributor, holdings and counterparties; an order and its fund; a transfer's parties. */
  @Get('alerts/:id/context')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  getAlertContext(@Param('id', UuidParamPipe) id: string): Promise<AlertSubjectContextDto> {
    return this.alerts.context(id);
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

  /** Sends a decision waiting for approval back to review, with the reason (instead of approving it). */
  @Post('alerts/:id/send-back')
  @HttpCode(HttpStatus.OK)
  sendBack(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: SendBackAlertDecisionRequestDto): Promise<AlertResponseDto> {
    return this.alerts.sendBack(actor, id, body);
  }

  @Get('blocklist')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  listBlocklist(@Query() query: BlocklistQueryDto, @Query() page: PageQueryDto): Promise<Page<BlocklistEntryResponseDto>> {
    return this.kyt.listBlocklist(toPageRequest(page), query.q);
  }

  /** What importing this OFAC SDN file (the body: SDN.XML or sdn.csv) would do; changes nothing. */
  @Post('blocklist/imports/preview')
  @HttpCode(HttpStatus.OK)
  previewImport(@CurrentActor() actor: Actor, @Query() query: BlocklistImportQueryDto, @Body() body: unknown): Promise<BlocklistImportResponseDto> {
    return this.kyt.importOfacSdn(actor, query.source ?? 'OFAC-SDN', uploadedText(body, BLOCKLIST_UPLOAD_MAX_BYTES), true);
  }

  /** Imports the EVM addresses of an OFAC SDN file (the body), as `npm run kyt:import-blocklist` does. */
  @Post('blocklist/imports')
  importBlocklist(@CurrentActor() actor: Actor, @Query() query: BlocklistImportQueryDto, @Body() body: unknown): Promise<BlocklistImportResponseDto> {
    return this.kyt.importOfacSdn(actor, query.source ?? 'OFAC-SDN', uploadedText(body, BLOCKLIST_UPLOAD_MAX_BYTES), false);
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
