import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { CreateInvestorRequestDto, InvestorResponseDto, InvestorsService, UpdateInvestorRequestDto } from '@rwa/investors';
import { BindWalletRequestDto, CreateWalletChallengeRequestDto, WalletChallengeResponseDto, WalletResponseDto, WalletsService } from '@rwa/wallets';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('investors')
@ApiBearerAuth()
@Controller('v1/investors')
@Roles(Role.DISTRIBUTOR)
export class InvestorsController {
  constructor(
    private readonly investors: InvestorsService,
    private readonly wallets: WalletsService,
  ) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateInvestorRequestDto): Promise<InvestorResponseDto> {
    return this.investors.create(actor, body);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<InvestorResponseDto> {
    return this.investors.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateInvestorRequestDto): Promise<InvestorResponseDto> {
    return this.investors.update(actor, id, body);
  }

  @Post(':id/wallet-challenges')
  createChallenge(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CreateWalletChallengeRequestDto): Promise<WalletChallengeResponseDto> {
    return this.wallets.createChallenge(actor, id, body);
  }

  @Post(':id/wallets')
  bindWallet(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: BindWalletRequestDto): Promise<WalletResponseDto> {
    return this.wallets.bind(actor, id, body);
  }
}
