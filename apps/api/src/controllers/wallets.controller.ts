import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { FreezeWalletRequestDto, UnfreezeWalletRequestDto, WalletResponseDto, WalletsService } from '@rwa/wallets';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';

@ApiTags('wallets')
@ApiBearerAuth()
@Controller('v1/wallets')
export class WalletsController {
  constructor(private readonly wallets: WalletsService) {}

  /** Revokes the wallet; its removal from the on-chain registry follows. */
  @Delete(':id')
  @Roles(Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: 'Revoke a wallet', description: 'Its removal from the on-chain registry follows.', operationId: 'revokeWallet', ok: WalletResponseDto, errors: [[409, 'WALLET_HOLDS_UNITS, INVALID_STATE_TRANSITION']] })
  revoke(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WalletResponseDto> {
    return this.wallets.revoke(actor, id);
  }

  /** Freezes the wallet on chain in every ACTIVE fund (whole, or `units` of it); the chain follows. */
  @Post(':id/freeze')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.COMPLIANCE)
  @ApiEndpoint({ summary: 'Freeze a wallet', description: 'On chain in every ACTIVE fund, whole or `units` of it; the chain follows.', operationId: 'freezeWallet', ok: WalletResponseDto, errors: [409] })
  freeze(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: FreezeWalletRequestDto): Promise<WalletResponseDto> {
    return this.wallets.freeze(actor, id, body);
  }

  @Post(':id/unfreeze')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.COMPLIANCE)
  @ApiEndpoint({ summary: 'Unfreeze a wallet', operationId: 'unfreezeWallet', ok: WalletResponseDto, errors: [[409, 'WALLET_NOT_FROZEN']] })
  unfreeze(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UnfreezeWalletRequestDto): Promise<WalletResponseDto> {
    return this.wallets.unfreeze(actor, id, body);
  }

  @Get(':id')
  @Roles(Role.DISTRIBUTOR, Role.COMPLIANCE)
  @ApiEndpoint({ summary: 'Get a wallet', operationId: 'getWallet', ok: WalletResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WalletResponseDto> {
    return this.wallets.get(actor, id);
  }
}
