import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { FreezeWalletRequestDto, UnfreezeWalletRequestDto, WalletResponseDto, WalletsService } from '@rwa/wallets';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('wallets')
@ApiBearerAuth()
@Controller('v1/wallets')
export class WalletsController {
  constructor(private readonly wallets: WalletsService) {}

  /** Revokes the wallet; its removal from the on-chain registry follows. */
  @Delete(':id')
  @Roles(Role.DISTRIBUTOR)
  revoke(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WalletResponseDto> {
    return this.wallets.revoke(actor, id);
  }

  /** Freezes the wallet on chain in every ACTIVE fund (whole, or `units` of it); the chain follows. */
  @Post(':id/freeze')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.COMPLIANCE)
  freeze(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FreezeWalletRequestDto): Promise<WalletResponseDto> {
    return this.wallets.freeze(actor, id, body);
  }

  @Post(':id/unfreeze')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.COMPLIANCE)
  unfreeze(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UnfreezeWalletRequestDto): Promise<WalletResponseDto> {
    return this.wallets.unfreeze(actor, id, body);
  }

  @Get(':id')
  @Roles(Role.DISTRIBUTOR, Role.COMPLIANCE)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WalletResponseDto> {
    return this.wallets.get(actor, id);
  }
}
