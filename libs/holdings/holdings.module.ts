import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { FundsModule } from '@rwa/funds';
import { KytModule } from '@rwa/kyt';
import { WalletsModule } from '@rwa/wallets';
import { ChainIndexerService } from './chain-indexer.service.js';
import { ChainIndexCheckpointEntity, ChainTransferEntity, FundHoldingEntity } from './holdings.entities.js';
import { HoldingsService } from './holdings.service.js';
import { TransferScreeningService } from './transfer-screening.service.js';

/** The chain indexer, the holder register and transfer history it keeps (the only writer of its tables), and transfer screening. */
@Module({
  imports: [TypeOrmModule.forFeature([ChainIndexCheckpointEntity, FundHoldingEntity, ChainTransferEntity]), ChainModule, FundsModule, KytModule, WalletsModule],
  providers: [ChainIndexerService, HoldingsService, TransferScreeningService],
  exports: [ChainIndexerService, HoldingsService, TransferScreeningService],
})
export class HoldingsModule {}
