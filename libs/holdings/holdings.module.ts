import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { FundsModule } from '@rwa/funds';
import { AppConfig } from '@rwa/config';
import { KytModule, KytService, KytSubjectHandlers } from '@rwa/kyt';
import { StablecoinsModule } from '@rwa/stablecoins';
import { DataSource } from 'typeorm';
import { WalletsModule } from '@rwa/wallets';
import { ChainIndexerService } from './chain-indexer.service.js';
import { ChainIndexCheckpointEntity, ChainTransferEntity, FundHoldingEntity } from './holdings.entities.js';
import { HoldingsAlertContext } from './holdings-alert-context.js';
import { HoldingsService } from './holdings.service.js';
import { TransferScreeningService } from './transfer-screening.service.js';

/** The chain indexer, the holder register and transfer history it keeps (the only writer of its tables), and transfer screening. */
@Module({
  imports: [TypeOrmModule.forFeature([ChainIndexCheckpointEntity, FundHoldingEntity, ChainTransferEntity]), ChainModule, FundsModule, KytModule, WalletsModule, StablecoinsModule],
  providers: [
    ChainIndexerService,
    HoldingsService,
    HoldingsAlertContext,
    {
      provide: TransferScreeningService,
      inject: [DataSource, KytService, KytSubjectHandlers, AppConfig],
      useFactory: (dataSource: DataSource, kyt: KytService, subjects: KytSubjectHandlers, config: AppConfig) =>
        new TransferScreeningService(dataSource, kyt, subjects, config.kyt.blocklistRefreshMs),
    },
  ],
  exports: [ChainIndexerService, HoldingsService, TransferScreeningService],
})
export class HoldingsModule {}
