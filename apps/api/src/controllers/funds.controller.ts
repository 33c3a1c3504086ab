import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor, type Page } from '@rwa/common';
import { CreateFundRequestDto, FundResponseDto, FundsService, NavResponseDto, PublishNavRequestDto, ShelfEntryResponseDto } from '@rwa/funds';
import { DistributionReportDto, DistributionReportService } from '@rwa/orders';
import { HoldingsService, type HolderDto } from '@rwa/holdings';
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
    private readonly holdings: HoldingsService,
  ) {}

  /** The holder register from the chain index (units as decimal strings), largest first, paged. */
  @Get(':id/holders')
  @Roles(Role.ISSUER)
  holders(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<Page<HolderDto>> {
    return this.holdings.holders(actor, id, toPageRequest(query));
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

  @Post(':id/nav')
  @Roles(Role.ISSUER)
  publishNav(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: PublishNavRequestDto): Promise<NavResponseDto> {
    return this.funds.publishNav(actor, id, body);
  }
}
