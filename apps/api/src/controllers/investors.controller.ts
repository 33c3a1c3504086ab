import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { CreateInvestorRequestDto, InvestorResponseDto, InvestorsService, UpdateInvestorRequestDto } from '@rwa/investors';
import { BindWalletRequestDto, CreateWalletChallengeRequestDto, WalletChallengeResponseDto, WalletResponseDto, WalletsService } from '@rwa/wallets';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';

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
  @ApiEndpoint({ summary: 'Create an investor', operationId: 'createInvestor', ok: InvestorResponseDto, status: 201, errors: [[409, 'DUPLICATE_EXTERNAL_REF']] })
  create(@CurrentActor() actor: Actor, @Body() body: CreateInvestorRequestDto): Promise<InvestorResponseDto> {
    return this.investors.create(actor, body);
  }

  @Get(':id')
  @ApiEndpoint({ summary: 'Get an investor', operationId: 'getInvestor', ok: InvestorResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<InvestorResponseDto> {
    return this.investors.get(actor, id);
  }

  @Patch(':id')
  @ApiEndpoint({ summary: 'Update an investor', operationId: 'updateInvestor', ok: InvestorResponseDto, errors: [409] })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateInvestorRequestDto): Promise<InvestorResponseDto> {
    return this.investors.update(actor, id, body);
  }

  @Post(':id/wallet-challenges')
  @ApiEndpoint({ summary: 'Create a wallet challenge', description: 'An EIP-4361 (Sign-In with Ethereum) message for the investor to sign with the wallet.', operationId: 'createWalletChallenge', ok: WalletChallengeResponseDto, status: 201, errors: [[422, 'KYC_NOT_APPROVED, WRONG_CHAIN']] })
  createChallenge(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CreateWalletChallengeRequestDto): Promise<WalletChallengeResponseDto> {
    return this.wallets.createChallenge(actor, id, body);
  }

  @Post(':id/wallets')
  @ApiEndpoint({ summary: 'Bind a wallet with its signed challenge', description: 'The wallet is screened, then registered on chain (VERIFIED).', operationId: 'bindWallet', ok: WalletResponseDto, status: 201, errors: [[409, 'CHALLENGE_USED, WALLET_ALREADY_BOUND'], [422, 'CHALLENGE_EXPIRED, SIGNATURE_MISMATCH, WRONG_CHAIN']] })
  bindWallet(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: BindWalletRequestDto): Promise<WalletResponseDto> {
    return this.wallets.bind(actor, id, body);
  }
}
