import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { EventsModule } from '@rwa/events';
import { FundsModule } from '@rwa/funds';
import { IdempotencyModule } from '@rwa/idempotency';
import { InvestorsModule } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { OutboxModule } from '@rwa/queue';
import { StablecoinsModule } from '@rwa/stablecoins';
import { WalletsModule } from '@rwa/wallets';
import { DealingSummaryService } from './dealing-summary.service.js';
import { DistributionReportService } from './distribution-report.service.js';
import { MintBatcher } from './mint-batcher.service.js';
import { OrderIntakeService } from './order-intake.service.js';
import { OrderSettlementService } from './order-settlement.service.js';
import { OrderAlertContext } from './order-alert-context.js';
import { OrderEvents } from './order-events.js';
import { OrderEntity } from './order.entity.js';
import { OrdersService } from './orders.service.js';
import { PaymentConfirmationService } from './payment-confirmation.service.js';
import { SettlementCommitter } from './settlement-committer.service.js';
import { WalletOrdersInFlightCheck } from './wallet-orders-in-flight.check.js';

@Module({
  imports: [TypeOrmModule.forFeature([OrderEntity]), FundsModule, IdempotencyModule, InvestorsModule, WalletsModule, KytModule, OutboxModule, ChainModule, EventsModule, StablecoinsModule],
  providers: [OrderEvents, DealingSummaryService, OrdersService, OrderIntakeService, PaymentConfirmationService, OrderSettlementService, DistributionReportService, MintBatcher, SettlementCommitter, WalletOrdersInFlightCheck, OrderAlertContext],
  exports: [DealingSummaryService, OrdersService, OrderIntakeService, PaymentConfirmationService, OrderSettlementService, DistributionReportService, MintBatcher],
})
export class OrdersModule {}
