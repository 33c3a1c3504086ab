import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@rwa/events';
import { ChainModule } from '@rwa/chain';
import { OrganizationsModule } from '@rwa/organizations';
import { OutboxModule } from '@rwa/queue';
import { CalendarsService } from './calendars.service.js';
import { FundDeploymentService } from './fund-deployment.service.js';
import { FundTokenAdmin } from './fund-token-admin.js';
import { CalendarEntity, FundDistributorEntity, FundEntity, FundNavEntity } from './fund.entity.js';
import { FundsService } from './funds.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([FundEntity, FundNavEntity, FundDistributorEntity, CalendarEntity]), OutboxModule, OrganizationsModule, ChainModule, EventsModule],
  providers: [FundsService, FundDeploymentService, CalendarsService, FundTokenAdmin],
  exports: [FundsService, FundDeploymentService, CalendarsService, FundTokenAdmin],
})
export class FundsModule {}
