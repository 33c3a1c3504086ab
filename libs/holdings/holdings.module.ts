import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { FundsModule } from '@rwa/funds';
import { WalletsModule } from '@rwa/wallets';
import { ChainIndexerService } from './chain-indexer.service.js';
import { ChainIndexCheckpointEntity, FundHoldingEntity } from './holdings.entities.js';
import { HoldingsService } from './holdings.service.js';

/** The chain indexer and the holder register it keeps (the only writer of its tables). */
@Module({
  imports: [TypeOrmModule.forFeature([ChainIndexCheckpointEntity, FundHoldingEntity]), ChainModule, FundsModule, WalletsModule],
  providers: [ChainIndexerService, HoldingsService],
  exports: [ChainIndexerService, HoldingsService],
})
export class HoldingsModule {}
