import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@rwa/events';
import { AppConfig } from '@rwa/config';
import { FundsModule } from '@rwa/funds';
import { PlatformMetrics } from '@rwa/metrics';
import { AlertsService } from './alerts.service.js';
import { BlocklistIndex } from './blocklist/blocklist-index.js';
import { InlineOrderScreeningService } from './inline-order-screening.service.js';
import { KytFundRulesEntity, KytOrderScreeningEntity } from './kyt-rules.entities.js';
import { KytSubjectHandlers } from './kyt-subject-handlers.js';
import { BlocklistEntryEntity, KytAlertEntity } from './kyt.entities.js';
import { KytService } from './kyt.service.js';
import { HttpKytProvider } from './provider/http-kyt-provider.js';
import { KYT_PROVIDER } from './provider/kyt-provider.js';
import { RulesKytProvider } from './provider/rules-kyt-provider.js';
import { RescreenService } from './rescreen.service.js';
import { FundRulesService } from './rules/fund-rules.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BlocklistEntryEntity, KytAlertEntity, KytFundRulesEntity, KytOrderScreeningEntity]), FundsModule, EventsModule],
  providers: [
    KytService,
    AlertsService,
    KytSubjectHandlers,
    FundRulesService,
    BlocklistIndex,
    RulesKytProvider,
    RescreenService,
    InlineOrderScreeningService,
    {
      // The built-in rules alone, or with an external service on top (KYT_PROVIDER=http).
      provide: KYT_PROVIDER,
      inject: [AppConfig, RulesKytProvider, { token: PlatformMetrics, optional: true }],
      useFactory: (config: AppConfig, rules: RulesKytProvider, metrics?: PlatformMetrics) => (config.kyt.provider === 'http' ? new HttpKytProvider(config, rules, metrics) : rules),
    },
  ],
  exports: [KytService, InlineOrderScreeningService, AlertsService, KytSubjectHandlers, FundRulesService, BlocklistIndex, RescreenService],
})
export class KytModule {}
