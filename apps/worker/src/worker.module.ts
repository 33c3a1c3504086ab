import { Module } from '@nestjs/common';
import { AuditAnchorModule, AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { EventsWorkerModule } from '@rwa/events';
import { FundsModule } from '@rwa/funds';
import { HoldingsModule } from '@rwa/holdings';
import { IncomeModule } from '@rwa/income';
import { KytModule } from '@rwa/kyt';
import { LoggingModule } from '@rwa/logging';
import { MetricsModule } from '@rwa/metrics';
import { OrdersModule } from '@rwa/orders';
import { StablecoinsModule } from '@rwa/stablecoins';
import { QueueWorkerModule } from '@rwa/queue';
import { WalletsModule } from '@rwa/wallets';
import { WorkerMetricsServer } from './metrics-server.js';
import { NonceGapMonitor } from './nonce-gap.monitor.js';
import { AuditAnchorLoop } from './processors/audit-anchor.loop.js';
import { AuditSealLoop } from './processors/audit-seal.loop.js';
import { ChainIndexerLoop } from './processors/chain-indexer.loop.js';
import { ChainProcessor } from './processors/chain.processor.js';
import { EventPositionLoop } from './processors/event-position.loop.js';
import { KytRescreenLoop } from './processors/kyt-rescreen.loop.js';
import { ReconciliationLoop } from './processors/reconciliation.loop.js';
import { RetentionLoop } from './processors/retention.loop.js';
import { WebhookProcessor } from './processors/webhook.processor.js';

/** The worker: outbox relay, chain job processors, the KYT re-screening loop, the chain indexer, the nonce gap monitor; no HTTP app (metrics on their own port). */
@Module({
  imports: [ConfigModule, LoggingModule.forRoot('worker'), DatabaseModule, MetricsModule.forRoot('worker'), AuditModule, QueueWorkerModule, ChainModule, AuditAnchorModule, FundsModule, KytModule, WalletsModule, OrdersModule, StablecoinsModule, HoldingsModule, IncomeModule, EventsWorkerModule],
  providers: [ChainProcessor, AuditSealLoop, AuditAnchorLoop, KytRescreenLoop, ChainIndexerLoop, NonceGapMonitor, WorkerMetricsServer, RetentionLoop, EventPositionLoop, WebhookProcessor, ReconciliationLoop],
})
export class WorkerModule {}
