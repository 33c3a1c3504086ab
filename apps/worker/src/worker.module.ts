import { Module } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { FundsModule } from '@rwa/funds';
import { OrdersModule } from '@rwa/orders';
import { QueueWorkerModule } from '@rwa/queue';
import { WalletsModule } from '@rwa/wallets';
import { ChainProcessor } from './processors/chain.processor.js';

/** The worker: outbox relay and chain job processors; no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, QueueWorkerModule, ChainModule, FundsModule, WalletsModule, OrdersModule],
  providers: [ChainProcessor],
})
export class WorkerModule {}
