import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsService } from './alerts.service.js';
import { BlocklistIndex } from './blocklist/blocklist-index.js';
import { KytSubjectHandlers } from './kyt-subject-handlers.js';
import { KytFundRulesEntity, KytOrderScreeningEntity } from './kyt-rules.entities.js';
import { BlocklistEntryEntity, KytAlertEntity } from './kyt.entities.js';
import { KytService } from './kyt.service.js';
import { KYT_PROVIDER } from './provider/kyt-provider.js';
import { RulesKytProvider } from './provider/rules-kyt-provider.js';
import { FundRulesService } from './rules/fund-rules.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BlocklistEntryEntity, KytAlertEntity, KytFundRulesEntity, KytOrderScreeningEntity])],
  providers: [KytService, AlertsService, KytSubjectHandlers, FundRulesService, BlocklistIndex, RulesKytProvider, { provide: KYT_PROVIDER, useExisting: RulesKytProvider }],
  exports: [KytService, AlertsService, KytSubjectHandlers, FundRulesService, BlocklistIndex],
})
export class KytModule {}
