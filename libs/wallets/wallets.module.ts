import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { EventsModule } from '@rwa/events';
import { FundsModule } from '@rwa/funds';
import { InvestorsModule } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { OrganizationsModule } from '@rwa/organizations';
import { OutboxModule } from '@rwa/queue';
import { WalletAlertContext } from './wallet-alert-context.js';
import { ChallengeRetentionService } from './challenge-retention.service.js';
import { WalletFreezeService } from './wallet-freeze.service.js';
import { WalletRegistrationService } from './wallet-registration.service.js';
import { WalletRevocationChecks } from './wallet-revocation-checks.js';
import { WalletUnitsReader } from './wallet-units.service.js';
import { WalletChallengeEntity, WalletEntity } from './wallet.entities.js';
import { WalletsService } from './wallets.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([WalletEntity, WalletChallengeEntity]), InvestorsModule, KytModule, OutboxModule, ChainModule, FundsModule, OrganizationsModule, EventsModule],
  providers: [WalletsService, WalletRegistrationService, WalletFreezeService, WalletRevocationChecks, WalletUnitsReader, WalletAlertContext, ChallengeRetentionService],
  exports: [WalletsService, WalletRegistrationService, WalletFreezeService, WalletRevocationChecks, WalletUnitsReader, ChallengeRetentionService],
})
export class WalletsModule {}
