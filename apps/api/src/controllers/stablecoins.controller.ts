import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor, type Page } from '@rwa/common';
import {
  CreateStablecoinRequestDto,
  FundStablecoinListResponseDto,
  FundStablecoinRequestDto,
  FundStablecoinResponseDto,
  StablecoinListResponseDto,
  StablecoinResponseDto,
  StablecoinsService,
} from '@rwa/stablecoins';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('stablecoins')
@ApiBearerAuth()
@Controller('v1')
export class StablecoinsController {
  constructor(private readonly stablecoins: StablecoinsService) {}

  @Post('stablecoins')
  @Roles(Role.ADMIN)
  @ApiEndpoint({
    summary: 'Register a stablecoin of the platform chain (checked on chain: a contract with those decimals)',
    operationId: 'registerStablecoin',
    ok: StablecoinResponseDto,
    status: 201,
    errors: [[409, 'STABLECOIN_ALREADY_REGISTERED'], [422, 'STABLECOIN_NOT_ON_CHAIN']],
  })
  register(@CurrentActor() actor: Actor, @Body() body: CreateStablecoinRequestDto): Promise<StablecoinResponseDto> {
    return this.stablecoins.register(actor, body);
  }

  @Get('stablecoins')
  @Roles(Role.ADMIN, Role.ISSUER, Role.DISTRIBUTOR, Role.COMPLIANCE)
  @ApiEndpoint({ summary: 'The stablecoins registered on the platform chain', operationId: 'listStablecoins', ok: StablecoinListResponseDto })
  list(@Query() page: PageQueryDto): Promise<Page<StablecoinResponseDto>> {
    return this.stablecoins.list(toPageRequest(page));
  }

  @Get('funds/:id/stablecoins')
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: "The fund's accepted stablecoins, with their treasury, caps and on-chain status", operationId: 'listFundStablecoins', ok: FundStablecoinListResponseDto })
  listForFund(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<{ items: FundStablecoinResponseDto[] }> {
    return this.stablecoins.listForFund(actor, id);
  }

  @Put('funds/:id/stablecoins/:stablecoinId')
  @Roles(Role.ISSUER)
  @ApiEndpoint({
    summary: "Accept a stablecoin for the fund (treasury, instant redemption caps), set on the fund's settlement contract",
    operationId: 'configureFundStablecoin',
    ok: FundStablecoinResponseDto,
    errors: [[404, 'FUND_NOT_FOUND, STABLECOIN_NOT_FOUND'], [422, 'STABLECOIN_SETTINGS_INVALID']],
  })
  configure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('stablecoinId', UuidParamPipe) stablecoinId: string,
    @Body() body: FundStablecoinRequestDto,
  ): Promise<FundStablecoinResponseDto> {
    return this.stablecoins.configure(actor, id, stablecoinId, body);
  }

  @Delete('funds/:id/stablecoins/:stablecoinId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(Role.ISSUER)
  @ApiEndpoint({
    summary: 'Stop accepting a stablecoin for the fund (removed from its settlement contract)',
    operationId: 'removeFundStablecoin',
    ok: null,
    status: 204,
    errors: [[422, 'STABLECOIN_NOT_ACCEPTED']],
  })
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('stablecoinId', UuidParamPipe) stablecoinId: string): Promise<void> {
    return this.stablecoins.remove(actor, id, stablecoinId);
  }
}
