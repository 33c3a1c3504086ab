import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { InvestorsModule } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { OutboxModule } from '@rwa/queue';
import { WalletRegistrationService } from './wallet-registration.service.js';
import { WalletChallengeEntity, WalletEntity } from './wallet.entities.js';
import { WalletsService } from './wallets.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([WalletEntity, WalletChallengeEntity]), InvestorsModule, KytModule, OutboxModule, ChainModule],
  providers: [WalletsService, WalletRegistrationService],
  exports: [WalletsService, WalletRegistrationService],
})
export class WalletsModule {}
