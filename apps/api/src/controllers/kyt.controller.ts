import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
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
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { PageOf } from '../http/page.dto.js';

/** The largest OFAC SDN file an officer may upload (SDN.XML is tens of MiB). */
export const BLOCKLIST_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;
/** Where the upload's text body is read, and below (bootstrap.ts mounts textBody() there). */
export const BLOCKLIST_IMPORT_PATH = '/v1/kyt/blocklist/imports';
/** The body of an import: the file itself (text-body.ts reads these types). */
const SDN_MEDIA_TYPES = ['text/xml', 'application/xml', 'text/csv', 'text/plain'];
const SDN_BODY = { required: true, description: 'The OFAC SDN file itself: SDN.XML or sdn.csv', schema: { type: 'string' as const, maxLength: BLOCKLIST_UPLOAD_MAX_BYTES } };

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
  @ApiEndpoint({ summary: 'Get the KYT rules of a fund', description: 'The platform defaults until set.', operationId: 'getKytFundRules', ok: FundRulesDto })
  getFundRules(@Param('fundId', UuidParamPipe) fundId: string): Promise<FundRulesDto> {
    return this.fundRules.get(fundId);
  }

  @Put('funds/:fundId/rules')
  @ApiEndpoint({ summary: 'Set the KYT rules of a fund', operationId: 'putKytFundRules', ok: FundRulesDto })
  putFundRules(@CurrentActor() actor: Actor, @Param('fundId', UuidParamPipe) fundId: string, @Body() body: PutFundRulesRequestDto): Promise<FundRulesDto> {
    return this.fundRules.put(actor, fundId, body);
  }

  // Reads are open to ADMIN too (the console's read-only mode); every change stays COMPLIANCE.
  @Get('alerts')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  @ApiEndpoint({ summary: 'List KYT alerts', operationId: 'listAlerts', ok: PageOf(AlertResponseDto) })
  listAlerts(@CurrentActor() actor: Actor, @Query() query: AlertListQueryDto, @Query() page: PageQueryDto): Promise<Page<AlertResponseDto>> {
    return this.alerts.list(query, toPageRequest(page), actor);
  }

  @Get('alerts/:id')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  @ApiEndpoint({ summary: 'Get a KYT alert', operationId: 'getAlert', ok: AlertResponseDto })
  getAlert(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AlertResponseDto> {
    return this.alerts.get(id, actor);
  }

  /** The alert's subject with its context: a wallet's investor, distributor, holdings and counterparties; an order and its fund; a transfer's parties. */
  @Get('alerts/:id/context')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  @ApiEndpoint({ summary: 'Get the subject of an alert with its context', description: "A wallet's investor, distributor, holdings and counterparties; an order and its fund; a transfer's parties.", operationId: 'getAlertContext', ok: AlertSubjectContextDto })
  getAlertContext(@Param('id', UuidParamPipe) id: string): Promise<AlertSubjectContextDto> {
    return this.alerts.context(id);
  }

  @Post('alerts/:id/assign')
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'Assign an alert', operationId: 'assignAlert', ok: AlertResponseDto, errors: [[409, 'ALERT_CLOSED']] })
  assign(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: AssignAlertRequestDto): Promise<AlertResponseDto> {
    return this.alerts.assign(actor, id, body);
  }

  @Post('alerts/:id/comments')
  @ApiEndpoint({ summary: 'Comment on an alert', operationId: 'commentAlert', ok: AlertResponseDto, status: 201, errors: [[409, 'ALERT_CLOSED']] })
  comment(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CommentAlertRequestDto): Promise<AlertResponseDto> {
    return this.alerts.comment(actor, id, body);
  }

  @Post('alerts/:id/escalate')
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'Escalate an alert', operationId: 'escalateAlert', ok: AlertResponseDto, errors: [[409, 'ALERT_CLOSED']] })
  escalate(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: EscalateAlertRequestDto): Promise<AlertResponseDto> {
    return this.alerts.escalate(actor, id, body);
  }

  @Post('alerts/:id/decision')
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'Decide an alert', description: 'Some decisions wait for a second officer (four eyes).', operationId: 'decideAlert', ok: AlertResponseDto, errors: [[409, 'ALERT_CLOSED']] })
  decide(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: AlertDecisionRequestDto): Promise<AlertResponseDto> {
    return this.alerts.decide(actor, id, body);
  }

  @Post('alerts/:id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'Approve the decision of an alert', operationId: 'approveAlertDecision', ok: AlertResponseDto, errors: [[409, 'ALERT_NOT_PENDING_APPROVAL, FOUR_EYES_REQUIRED']] })
  approve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: ApproveAlertDecisionRequestDto): Promise<AlertResponseDto> {
    return this.alerts.approve(actor, id, body);
  }

  /** Sends a decision waiting for approval back to review, with the reason (instead of approving it). */
  @Post('alerts/:id/send-back')
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'Send a decision back to review', operationId: 'sendBackAlertDecision', ok: AlertResponseDto, errors: [[409, 'ALERT_NOT_PENDING_APPROVAL, FOUR_EYES_REQUIRED']] })
  sendBack(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: SendBackAlertDecisionRequestDto): Promise<AlertResponseDto> {
    return this.alerts.sendBack(actor, id, body);
  }

  @Get('blocklist')
  @Roles(Role.COMPLIANCE, Role.ADMIN)
  @ApiEndpoint({ summary: 'List the blocklist', operationId: 'listBlocklist', ok: PageOf(BlocklistEntryResponseDto) })
  listBlocklist(@Query() query: BlocklistQueryDto, @Query() page: PageQueryDto): Promise<Page<BlocklistEntryResponseDto>> {
    return this.kyt.listBlocklist(toPageRequest(page), query.q);
  }

  /** What importing this OFAC SDN file (the body: SDN.XML or sdn.csv) would do; changes nothing. */
  @Post('blocklist/imports/preview')
  @ApiConsumes(...SDN_MEDIA_TYPES)
  @ApiBody(SDN_BODY)
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'Preview an OFAC SDN import', description: 'What importing this file (the body: SDN.XML or sdn.csv) would do; changes nothing.', operationId: 'previewBlocklistImport', ok: BlocklistImportResponseDto, errors: [413, 415] })
  previewImport(@CurrentActor() actor: Actor, @Query() query: BlocklistImportQueryDto, @Body() body: unknown): Promise<BlocklistImportResponseDto> {
    return this.kyt.importOfacSdn(actor, query.source ?? 'OFAC-SDN', uploadedText(body, BLOCKLIST_UPLOAD_MAX_BYTES), true);
  }

  /** Imports the EVM addresses of an OFAC SDN file (the body), as `npm run kyt:import-blocklist` does. */
  @Post('blocklist/imports')
  @ApiConsumes(...SDN_MEDIA_TYPES)
  @ApiBody(SDN_BODY)
  @ApiEndpoint({ summary: 'Import an OFAC SDN file', description: 'Imports the EVM addresses of the file (the body), as `npm run kyt:import-blocklist` does.', operationId: 'importBlocklist', ok: BlocklistImportResponseDto, status: 201, errors: [413, 415] })
  importBlocklist(@CurrentActor() actor: Actor, @Query() query: BlocklistImportQueryDto, @Body() body: unknown): Promise<BlocklistImportResponseDto> {
    return this.kyt.importOfacSdn(actor, query.source ?? 'OFAC-SDN', uploadedText(body, BLOCKLIST_UPLOAD_MAX_BYTES), false);
  }

  @Post('blocklist')
  @ApiEndpoint({ summary: 'Add an address to the blocklist', operationId: 'addToBlocklist', ok: BlocklistEntryResponseDto, status: 201 })
  addToBlocklist(@CurrentActor() actor: Actor, @Body() body: AddBlocklistEntryRequestDto): Promise<BlocklistEntryResponseDto> {
    return this.kyt.addToBlocklist(actor, body);
  }

  @Delete('blocklist/:address')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiEndpoint({ summary: 'Remove an address from the blocklist', operationId: 'removeFromBlocklist', ok: null, status: 204, params: { address: { pattern: '^0x[0-9a-fA-F]{40}$', description: 'The EVM address' } }, errors: [[404, 'BLOCKLIST_ENTRY_NOT_FOUND']] })
  async removeFromBlocklist(@CurrentActor() actor: Actor, @Param('address') address: string): Promise<void> {
    if (!isAddress(address, { strict: false })) throw new InputValidationException([{ field: 'address', message: 'address must be an EVM address' }]);
    await this.kyt.removeFromBlocklist(actor, normalizeAddress(address));
  }
}
