import { Controller, Delete, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { WalletResponseDto, WalletsService } from '@rwa/wallets';
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

  @Get(':id')
  @Roles(Role.DISTRIBUTOR, Role.COMPLIANCE)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WalletResponseDto> {
    return this.wallets.get(actor, id);
  }
}
