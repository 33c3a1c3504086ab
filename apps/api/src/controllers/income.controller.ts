import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import {
  AccrualsQueryDto,
  AccrualsResponseDto,
  CreateDistributionRequestDto,
  DistributionAcceptedDto,
  DistributionItemsResponseDto,
  DistributionResponseDto,
  DistributionService,
  IncomeRateResponseDto,
  IncomeService,
  InvestorIncomeResponseDto,
  PublishIncomeRequestDto,
  ReconciliationAcceptedDto,
  ReconciliationResponseDto,
  ReconciliationService,
} from '@rwa/income';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

/** Income, distributions and reconciliation of a fund (the register itself is GET /v1/funds/{id}/holders). */
@ApiTags('income')
@ApiBearerAuth()
@Controller('v1')
export class IncomeController {
  constructor(
    private readonly income: IncomeService,
    private readonly distributions: DistributionService,
    private readonly reconciliations: ReconciliationService,
  ) {}

  @Post('funds/:id/income')
  @Roles(Role.ISSUER)
  @ApiEndpoint({
    summary: "Publish a business day's income per unit (DISTRIBUTING funds)",
    operationId: 'publishIncome',
    ok: IncomeRateResponseDto,
    status: 201,
    errors: [[409, 'INCOME_ALREADY_PUBLISHED, INCOME_ALREADY_DISTRIBUTED'], [422, 'FUND_NOT_DISTRIBUTING, INCOME_DATE_NOT_ALLOWED']],
  })
  publish(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: PublishIncomeRequestDto): Promise<IncomeRateResponseDto> {
    return this.income.publishRate(actor, id, body);
  }

  @Get('funds/:id/income/accruals')
  @Roles(Role.ISSUER, Role.DISTRIBUTOR)
  @ApiEndpoint({
    summary: 'Income accrued and distributed per holder, time-weighted to the second',
    operationId: 'listIncomeAccruals',
    ok: AccrualsResponseDto,
    errors: [[409, 'INDEX_BEHIND (an asOf past what the chain index knows: try again shortly)'], [422, 'FUND_NOT_DISTRIBUTING']],
  })
  accruals(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: AccrualsQueryDto, @Query() page: PageQueryDto): Promise<AccrualsResponseDto> {
    return this.income.fundAccruals(actor, id, query, toPageRequest(page));
  }

  @Post('funds/:id/distributions')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(Role.ISSUER)
  @ApiEndpoint({
    summary: 'Distribute the accrued income to the holders of record at a record date',
    operationId: 'createDistribution',
    ok: DistributionAcceptedDto,
    status: 202,
    errors: [[409, 'DISTRIBUTION_EXISTS'], [422, 'FUND_NOT_DISTRIBUTING, RECORD_DATE_NOT_ALLOWED']],
  })
  distribute(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CreateDistributionRequestDto): Promise<DistributionAcceptedDto> {
    return this.distributions.create(actor, id, body.recordDate);
  }

  @Get('funds/:id/distributions/:distributionId')
  @Roles(Role.ISSUER)
  @ApiEndpoint({
    summary: 'A distribution and its totals',
    operationId: 'getDistribution',
    ok: DistributionResponseDto,
    errors: [[404, 'FUND_NOT_FOUND, DISTRIBUTION_NOT_FOUND'], [422, 'FUND_NOT_DISTRIBUTING']],
  })
  distribution(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('distributionId', UuidParamPipe) distributionId: string): Promise<DistributionResponseDto> {
    return this.distributions.get(actor, id, distributionId);
  }

  @Get('funds/:id/distributions/:distributionId/items')
  @Roles(Role.ISSUER)
  @ApiEndpoint({
    summary: "A distribution's items, one per holder paid",
    operationId: 'listDistributionItems',
    ok: DistributionItemsResponseDto,
    errors: [[404, 'FUND_NOT_FOUND, DISTRIBUTION_NOT_FOUND'], [422, 'FUND_NOT_DISTRIBUTING']],
  })
  distributionItems(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('distributionId', UuidParamPipe) distributionId: string,
    @Query() page: PageQueryDto,
  ): Promise<DistributionItemsResponseDto> {
    return this.distributions.items(actor, id, distributionId, toPageRequest(page));
  }

  @Get('investors/:id/income')
  @Roles(Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: "An investor's income per fund", operationId: 'getInvestorIncome', ok: InvestorIncomeResponseDto })
  investorIncome(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() page: PageQueryDto): Promise<InvestorIncomeResponseDto> {
    return this.income.investorIncome(actor, id, toPageRequest(page));
  }

  @Post('funds/:id/reconciliations')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(Role.ISSUER, Role.COMPLIANCE)
  @ApiEndpoint({
    summary: 'Reconcile the chain, the register and the ledger at the indexed block',
    operationId: 'createReconciliation',
    ok: ReconciliationAcceptedDto,
    status: 202,
    okDescription: 'Accepted: recorded, the worker runs it',
  })
  reconcile(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ReconciliationAcceptedDto> {
    return this.reconciliations.request(actor, id);
  }

  @Get('funds/:id/reconciliations/:reconciliationId')
  @Roles(Role.ISSUER, Role.COMPLIANCE)
  @ApiEndpoint({
    summary: 'A reconciliation and the breaks it found',
    operationId: 'getReconciliation',
    ok: ReconciliationResponseDto,
    errors: [[404, 'FUND_NOT_FOUND, RECONCILIATION_NOT_FOUND']],
  })
  reconciliation(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('reconciliationId', UuidParamPipe) reconciliationId: string): Promise<ReconciliationResponseDto> {
    return this.reconciliations.get(actor, id, reconciliationId);
  }
}
