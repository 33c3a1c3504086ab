import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { OrganizationsModule } from '@rwa/organizations';
import { OutboxModule } from '@rwa/queue';
import { FundDeploymentService } from './fund-deployment.service.js';
import { FundDistributorEntity, FundEntity, FundNavEntity } from './fund.entity.js';
import { FundsService } from './funds.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([FundEntity, FundNavEntity, FundDistributorEntity]), OutboxModule, OrganizationsModule, ChainModule],
  providers: [FundsService, FundDeploymentService],
  exports: [FundsService, FundDeploymentService],
})
export class FundsModule {}
