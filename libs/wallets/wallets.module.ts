import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { FundsModule } from '@rwa/funds';
import { InvestorsModule } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { OutboxModule } from '@rwa/queue';
import { ChallengeRetentionService } from './challenge-retention.service.js';
import { WalletFreezeService } from './wallet-freeze.service.js';
import { WalletRegistrationService } from './wallet-registration.service.js';
import { WalletChallengeEntity, WalletEntity } from './wallet.entities.js';
import { WalletsService } from './wallets.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([WalletEntity, WalletChallengeEntity]), InvestorsModule, KytModule, OutboxModule, ChainModule, FundsModule],
  providers: [WalletsService, WalletRegistrationService, WalletFreezeService, ChallengeRetentionService],
  exports: [WalletsService, WalletRegistrationService, WalletFreezeService, ChallengeRetentionService],
})
export class WalletsModule {}
