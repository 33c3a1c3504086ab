import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type Actor, type Page } from '@rwa/common';
import {
  CreateFundRequestDto,
  FundLifecycleRequestDto,
  FundResponseDto,
  FundsService,
  NavHistoryItemDto,
  NavResponseDto,
  NavStatus,
  PublishNavRequestDto,
  ShelfEntryResponseDto,
  UpdateFundRequestDto,
} from '@rwa/funds';
import { DealingSummaryDto, DealingSummaryService, DistributionReportDto, DistributionReportService } from '@rwa/orders';
import { HoldersQueryDto, RegisterResponseDto, RegisterService, registerCsv } from '@rwa/income';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { PageOf } from '../http/page.dto.js';
import { HolderResponseDto } from './response.dtos.js';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('v1/funds')
export class FundsController {
  constructor(
    private readonly funds: FundsService,
    private readonly distributionReports: DistributionReportService,
    private readonly register: RegisterService,
    private readonly dealingSummaries: DealingSummaryService,
  ) {}

  /**
   * The holder register from the chain index (units as decimal strings), largest first, paged: now,
   * or at `asOf`; each address with its investor and distributor. CSV with `Accept: text/csv` or `?format=csv`
   * (the page's next cursor in the `X-Next-Cursor` header).
   */
  @Get(':id/holders')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'The holder register of a fund, now or at a past time, as JSON or CSV', description: 'From the chain index: units as decimal strings, largest holding first; each address with its investor and distributor.', operationId: 'listFundHolders', ok: RegisterResponseDto })
  @ApiProduces('application/json', 'text/csv')
  async holders(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: HoldersQueryDto,
    @Query() page: PageQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RegisterResponseDto | string> {
    const register = await this.register.holders(actor, id, query.asOf, toPageRequest(page));
    if (query.format !== 'csv' && !(query.format === undefined && accept?.includes('text/csv'))) return register;
    response.type('text/csv');
    if (register.nextCursor) response.setHeader('X-Next-Cursor', register.nextCursor);
    if (register.block) response.setHeader('X-Register-Block', register.block);
    return registerCsv(register);
  }

  /** 202: the fund is recorded; its token is deployed by the worker and the fund turns ACTIVE. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Create a fund', description: 'The fund is recorded; the worker deploys its token and the fund turns ACTIVE.', operationId: 'createFund', ok: FundResponseDto, status: 202, errors: [[404, 'CALENDAR_NOT_FOUND'], [422, 'INCOME_MODE_NOT_SUPPORTED']] })
  create(@CurrentActor() actor: Actor, @Body() body: CreateFundRequestDto): Promise<FundResponseDto> {
    return this.funds.create(actor, body);
  }

  @Get()
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: 'List funds', description: "An issuer's own funds; a distributor's shelf.", operationId: 'listFunds', ok: PageOf(FundResponseDto) })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<FundResponseDto>> {
    return this.funds.list(actor, toPageRequest(query));
  }

  @Get(':id')
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: 'Get a fund', operationId: 'getFund', ok: FundResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FundResponseDto> {
    return this.funds.get(actor, id);
  }

  @Put(':id/distributors/:distributorId')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Put a fund on the shelf of a distributor', operationId: 'shelveFund', ok: ShelfEntryResponseDto, errors: [[422, 'FUND_NOT_ACTIVE']] })
  shelve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('distributorId', UuidParamPipe) distributorId: string): Promise<ShelfEntryResponseDto> {
    return this.funds.shelve(actor, id, distributorId);
  }

  @Delete(':id/distributors/:distributorId')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Take a fund off the shelf of a distributor', operationId: 'unshelveFund', ok: ShelfEntryResponseDto })
  unshelve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('distributorId', UuidParamPipe) distributorId: string): Promise<ShelfEntryResponseDto> {
    return this.funds.unshelve(actor, id, distributorId);
  }

  @Get(':id/distribution')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Get the distribution report of a fund', operationId: 'getFundDistribution', ok: DistributionReportDto })
  distribution(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DistributionReportDto> {
    return this.distributionReports.report(actor, id);
  }

  /** 201 when published; 202 PENDING_APPROVAL when the move is beyond the fund's tolerance. */
  @Post(':id/nav')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Publish a NAV', description: '201 when published; 202 PENDING_APPROVAL when the move is beyond the tolerance of the fund (another person approves it).', operationId: 'publishNav', ok: NavResponseDto, status: 201, also: [{ status: 202, description: 'PENDING_APPROVAL: beyond the NAV tolerance, waiting for a second person', type: NavResponseDto }], errors: [[409, 'NAV_ALREADY_DEALT'], [422, 'FUND_NOT_ACTIVE, NAV_DATE_NOT_ALLOWED']] })
  async publishNav(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: PublishNavRequestDto, @Res({ passthrough: true }) response: Response): Promise<NavResponseDto> {
    const nav = await this.funds.publishNav(actor, id, body);
    response.status(nav.status === NavStatus.PENDING_APPROVAL ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    return nav;
  }

  @Post(':id/navs/:asOf/approve')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Approve a NAV waiting for approval', operationId: 'approveNav', ok: NavResponseDto, params: { asOf: { format: 'date', description: 'The NAV date (YYYY-MM-DD)', example: '2026-11-26' } }, errors: [[409, 'NAV_NOT_PENDING_APPROVAL, FOUR_EYES_REQUIRED']] })
  approveNav(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('asOf') asOf: string): Promise<NavResponseDto> {
    return this.funds.approveNav(actor, id, asOf);
  }

  @Get(':id/navs')
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: 'List the NAV history of a fund', operationId: 'listFundNavs', ok: PageOf(NavHistoryItemDto) })
  navs(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<Page<NavHistoryItemDto>> {
    return this.funds.navHistory(actor, id, toPageRequest(query));
  }

  @Get(':id/dealing/:date')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Get the dealing summary of a fund for a day', operationId: 'getDealingSummary', ok: DealingSummaryDto, params: { date: { format: 'date', description: 'The dealing date (YYYY-MM-DD)', example: '2026-11-26' } } })
  dealing(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('date') date: string): Promise<DealingSummaryDto> {
    return this.dealingSummaries.summary(actor, id, date);
  }

  @Patch(':id')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Change the rules of a fund', description: "The token's rules follow through a job (`rulesSync`).", operationId: 'updateFund', ok: FundResponseDto, errors: [409, 422] })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateFundRequestDto): Promise<FundResponseDto> {
    return this.funds.update(actor, id, body);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Pause a fund', operationId: 'pauseFund', ok: FundResponseDto, errors: [[409, 'INVALID_STATE_TRANSITION']] })
  pause(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FundLifecycleRequestDto): Promise<FundResponseDto> {
    return this.funds.changeLifecycle(actor, id, 'pause', body);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Resume a paused fund', operationId: 'resumeFund', ok: FundResponseDto, errors: [[409, 'INVALID_STATE_TRANSITION']] })
  resume(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FundLifecycleRequestDto): Promise<FundResponseDto> {
    return this.funds.changeLifecycle(actor, id, 'resume', body);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Close a fund', operationId: 'closeFund', ok: FundResponseDto, errors: [[409, 'INVALID_STATE_TRANSITION']] })
  close(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FundLifecycleRequestDto): Promise<FundResponseDto> {
    return this.funds.changeLifecycle(actor, id, 'close', body);
  }
}
