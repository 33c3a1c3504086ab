import { Module } from '@nestjs/common';
import { AuditAnchorModule, AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { FundsModule } from '@rwa/funds';
import { HoldingsModule } from '@rwa/holdings';
import { IncomeModule } from '@rwa/income';
import { KytModule } from '@rwa/kyt';
import { LoggingModule } from '@rwa/logging';
import { MetricsModule } from '@rwa/metrics';
import { OrdersModule } from '@rwa/orders';
import { QueueWorkerModule } from '@rwa/queue';
import { WalletsModule } from '@rwa/wallets';
import { WorkerMetricsServer } from './metrics-server.js';
import { NonceGapMonitor } from './nonce-gap.monitor.js';
import { AuditAnchorLoop } from './processors/audit-anchor.loop.js';
import { AuditSealLoop } from './processors/audit-seal.loop.js';
import { ChainIndexerLoop } from './processors/chain-indexer.loop.js';
import { ChainProcessor } from './processors/chain.processor.js';
import { KytRescreenLoop } from './processors/kyt-rescreen.loop.js';
import { ReconciliationLoop } from './processors/reconciliation.loop.js';
import { RetentionLoop } from './processors/retention.loop.js';

/** The worker: outbox relay, chain job processors, the KYT re-screening loop, the chain indexer, the nonce gap monitor; no HTTP app (metrics on their own port). */
@Module({
  imports: [ConfigModule, LoggingModule.forRoot('worker'), DatabaseModule, MetricsModule.forRoot('worker'), AuditModule, QueueWorkerModule, ChainModule, AuditAnchorModule, FundsModule, KytModule, WalletsModule, OrdersModule, HoldingsModule, IncomeModule],
  providers: [ChainProcessor, AuditSealLoop, AuditAnchorLoop, KytRescreenLoop, ChainIndexerLoop, NonceGapMonitor, WorkerMetricsServer, RetentionLoop, ReconciliationLoop],
})
export class WorkerModule {}
