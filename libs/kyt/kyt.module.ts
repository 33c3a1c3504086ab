import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsService } from './alerts.service.js';
import { KytSubjectHandlers } from './kyt-subject-handlers.js';
import { BlocklistEntryEntity, KytAlertEntity } from './kyt.entities.js';
import { KytService } from './kyt.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BlocklistEntryEntity, KytAlertEntity])],
  providers: [KytService, AlertsService, KytSubjectHandlers],
  exports: [KytService, AlertsService, KytSubjectHandlers],
})
export class KytModule {}
