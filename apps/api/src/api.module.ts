import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuditAnchorModule, AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { EventsModule } from '@rwa/events';
import { FundsModule } from '@rwa/funds';
import { HoldingsModule } from '@rwa/holdings';
import { IdempotencyModule } from '@rwa/idempotency';
import { IncomeModule } from '@rwa/income';
import { InvestorsModule } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { LoggingModule } from '@rwa/logging';
import { MetricsModule } from '@rwa/metrics';
import { OrdersModule } from '@rwa/orders';
import { StablecoinsModule } from '@rwa/stablecoins';
import { OrganizationsModule } from '@rwa/organizations';
import { WalletsModule } from '@rwa/wallets';
import { QueueDashboardModule } from './admin/queue-dashboard.module.js';
import { ConsoleModule } from './console/console.module.js';
import { AuditController } from './controllers/audit.controller.js';
import { CalendarsController } from './controllers/calendars.controller.js';
import { EventsController } from './controllers/events.controller.js';
import { FundsController } from './controllers/funds.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { IncomeController } from './controllers/income.controller.js';
import { InvestorsController } from './controllers/investors.controller.js';
import { KytController } from './controllers/kyt.controller.js';
import { MetricsController } from './controllers/metrics.controller.js';
import { OrdersController } from './controllers/orders.controller.js';
import { OrganizationsController } from './controllers/organizations.controller.js';
import { StablecoinsController } from './controllers/stablecoins.controller.js';
import { WalletsController } from './controllers/wallets.controller.js';
import { WebhooksController } from './controllers/webhooks.controller.js';
import { ApiKeyGuard } from './http/api-key.guard.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { rateLimitModule } from './http/rate-limit.js';
import { createValidationPipe } from './http/validation.js';

/** The HTTP API: controllers only; every rule lives in libs/. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    MetricsModule.forRoot('api'),
    LoggingModule.forRoot('api'),
    AuditModule,
    ChainModule,
    AuditAnchorModule,
    OrganizationsModule,
    IdempotencyModule,
    FundsModule,
    IncomeModule,
    InvestorsModule,
    WalletsModule,
    KytModule,
    OrdersModule,
    StablecoinsModule,
    HoldingsModule,
    EventsModule,
    ConsoleModule,
    rateLimitModule(),
    TerminusModule,
    QueueDashboardModule,
  ],
  controllers: [AuditController, OrganizationsController, FundsController, InvestorsController, WalletsController, OrdersController, KytController, HealthController, MetricsController, CalendarsController, EventsController, WebhooksController, StablecoinsController, IncomeController],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class ApiModule {}
