import { Module } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { FundsModule } from '@rwa/funds';
import { HoldingsModule } from '@rwa/holdings';
import { KytModule } from '@rwa/kyt';
import { OrdersModule } from '@rwa/orders';
import { QueueWorkerModule } from '@rwa/queue';
import { WalletsModule } from '@rwa/wallets';
import { ChainIndexerLoop } from './processors/chain-indexer.loop.js';
import { ChainProcessor } from './processors/chain.processor.js';
import { KytRescreenLoop } from './processors/kyt-rescreen.loop.js';

/** The worker: outbox relay, chain job processors, and the KYT re-screening loop, the chain indexer; no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, QueueWorkerModule, ChainModule, FundsModule, KytModule, WalletsModule, OrdersModule, HoldingsModule],
  providers: [ChainProcessor, KytRescreenLoop, ChainIndexerLoop],
})
export class WorkerModule {}
