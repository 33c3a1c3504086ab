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
  @ApiOperation({ summary: 'The holder register, now or at a past time, as JSON or CSV', operationId: 'listFundHolders' })
  @ApiOkResponse({ type: RegisterResponseDto })
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
  create(@CurrentActor() actor: Actor, @Body() body: CreateFundRequestDto): Promise<FundResponseDto> {
    return this.funds.create(actor, body);
  }

  @Get()
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<FundResponseDto>> {
    return this.funds.list(actor, toPageRequest(query));
  }

  @Get(':id')
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FundResponseDto> {
    return this.funds.get(actor, id);
  }

  @Put(':id/distributors/:distributorId')
  @Roles(Role.ISSUER)
  shelve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('distributorId', UuidParamPipe) distributorId: string): Promise<ShelfEntryResponseDto> {
    return this.funds.shelve(actor, id, distributorId);
  }

  @Delete(':id/distributors/:distributorId')
  @Roles(Role.ISSUER)
  unshelve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('distributorId', UuidParamPipe) distributorId: string): Promise<ShelfEntryResponseDto> {
    return this.funds.unshelve(actor, id, distributorId);
  }

  @Get(':id/distribution')
  @Roles(Role.ISSUER)
  distribution(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DistributionReportDto> {
    return this.distributionReports.report(actor, id);
  }

  /** 201 when published; 202 PENDING_APPROVAL when the move is beyond the fund's tolerance. */
  @Post(':id/nav')
  @Roles(Role.ISSUER)
  async publishNav(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: PublishNavRequestDto, @Res({ passthrough: true }) response: Response): Promise<NavResponseDto> {
    const nav = await this.funds.publishNav(actor, id, body);
    response.status(nav.status === NavStatus.PENDING_APPROVAL ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    return nav;
  }

  @Post(':id/navs/:asOf/approve')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  approveNav(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('asOf') asOf: string): Promise<NavResponseDto> {
    return this.funds.approveNav(actor, id, asOf);
  }

  @Get(':id/navs')
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  navs(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<Page<NavHistoryItemDto>> {
    return this.funds.navHistory(actor, id, toPageRequest(query));
  }

  @Get(':id/dealing/:date')
  @Roles(Role.ISSUER)
  dealing(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('date') date: string): Promise<DealingSummaryDto> {
    return this.dealingSummaries.summary(actor, id, date);
  }

  @Patch(':id')
  @Roles(Role.ISSUER)
  update(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateFundRequestDto): Promise<FundResponseDto> {
    return this.funds.update(actor, id, body);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  pause(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FundLifecycleRequestDto): Promise<FundResponseDto> {
    return this.funds.changeLifecycle(actor, id, 'pause', body);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  resume(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FundLifecycleRequestDto): Promise<FundResponseDto> {
    return this.funds.changeLifecycle(actor, id, 'resume', body);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  close(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FundLifecycleRequestDto): Promise<FundResponseDto> {
    return this.funds.changeLifecycle(actor, id, 'close', body);
  }
}
