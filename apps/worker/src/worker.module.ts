import { Module } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { FundsModule } from '@rwa/funds';
import { KytModule } from '@rwa/kyt';
import { OrdersModule } from '@rwa/orders';
import { QueueWorkerModule } from '@rwa/queue';
import { WalletsModule } from '@rwa/wallets';
import { ChainProcessor } from './processors/chain.processor.js';
import { KytRescreenLoop } from './processors/kyt-rescreen.loop.js';

/** The worker: outbox relay, chain job processors, and the KYT re-screening loop; no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, QueueWorkerModule, ChainModule, FundsModule, KytModule, WalletsModule, OrdersModule],
  providers: [ChainProcessor, KytRescreenLoop],
})
export class WorkerModule {}
